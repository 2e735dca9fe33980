"""Settings, read from the environment (twelve-factor). See README "Configuratie"."""

from pathlib import Path

import environ
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from doorbraak.config.databases import database_uit_url

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env("DOORBRAAK_DATA_DIR", default=str(Path.cwd())))

# Demo mode: fixed demo passwords and derived development keys. Never in production.
DEMO = env.bool("DOORBRAAK_DEMO", default=False)
DEBUG = env.bool("DOORBRAAK_DEBUG", default=False)

_DEMO_SECRET = "demo-onveilig-alleen-voor-ontwikkeling-en-demo-niet-in-productie"
SECRET_KEY = env("DOORBRAAK_SECRET_KEY", default=_DEMO_SECRET if DEMO else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DOORBRAAK_SECRET_KEY ontbreekt (of zet DOORBRAAK_DEMO=1 voor een demo-omgeving)."
    )

ALLOWED_HOSTS = env.list("DOORBRAAK_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DOORBRAAK_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "doorbraak.organisaties.beheer_app.DoorbraakAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "axes",
    "pgtrigger",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "drf_spectacular_sidecar",
    "doorbraak.organisaties",
    "doorbraak.audit",
    "doorbraak.casussen",
    "doorbraak.regels",
    "doorbraak.mkba",
    "doorbraak.rapportage",
    "doorbraak.overleg",
    "doorbraak.budget",
    "doorbraak.api",
    "doorbraak.web",
    "django_q",
    "doorbraak.taken",
    "doorbraak.mijntaken",
    "doorbraak.replica",
    "doorbraak.demo",
    "django.contrib.postgres",  # precedenten: full-text and trigram search
    "doorbraak.precedenten",
    "doorbraak.documenten",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "doorbraak.config.middleware.RequestIdMiddleware",
    "doorbraak.config.metrieken.MetriekenMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "doorbraak.config.taal.TaalMiddleware",  # Django's LocaleMiddleware (see there)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "doorbraak.organisaties.tweede_factor.ApparaatMiddleware",  # django-otp's
    "doorbraak.organisaties.tweede_factor.TweedeFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "doorbraak.api.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
    "doorbraak.api.middleware.NulTekenMiddleware",
    "doorbraak.config.beveiliging.VastBeleidCSPMiddleware",
    "doorbraak.config.beveiliging.GeenOpslagMiddleware",
    "doorbraak.organisaties.toegangspoort.TabelMiddleware",
    "doorbraak.replica.middleware.ReplicaMiddleware",
]

ROOT_URLCONF = "doorbraak.config.urls"
WSGI_APPLICATION = "doorbraak.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",  # lazy: made only where a page shows it
                "doorbraak.web.context.huisstijl",
            ],
        },
    },
]

# Primary (libpq multi-host allowed), optional streaming replica and PgBouncer: config/databases.py.
PGBOUNCER = env.bool("DOORBRAAK_PGBOUNCER", default=False)
DATABASES = {
    "default": database_uit_url(
        env("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'doorbraak.sqlite3'}"),
        pgbouncer=PGBOUNCER,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE: a writer takes the lock at BEGIN, so concurrent writers wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    # Persistent connections (dj_database_url always sets CONN_MAX_AGE, so assign, not default):
    # measured +57% dossier throughput against reconnecting on every request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DOORBRAAK_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env("DATABASE_REPLICA_URL", default=""):
        # Reads that tolerate a little lag (doorbraak.replica.router); tests mirror default.
        _replica = database_uit_url(env("DATABASE_REPLICA_URL"), pgbouncer=PGBOUNCER)
        DATABASES["replica"] = {
            **_replica,
            "OPTIONS": {"connect_timeout": 3, **_replica.get("OPTIONS", {})},
            "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
            "CONN_HEALTH_CHECKS": True,
            "TEST": {"MIRROR": "default"},
        }
        DATABASE_ROUTERS = ["doorbraak.replica.router.ReplicaRouter"]
# Reads go to the replica while its replay lag stays below this (seconds), else to the primary.
REPLICA_MAX_VERTRAGING = env.float("DOORBRAAK_REPLICA_MAX_VERTRAGING", default=5.0)

# Extra folder with knowledge base files per gemeente (<folder>/<CBS-code>/*.yaml), beside the
# shipped ones; see docs/kennisbank.md.
KENNISBANK_DIR = env("DOORBRAAK_KENNISBANK_DIR", default="")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisaties.Medewerker"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "doorbraak.organisaties.sessies.SessieBackend",  # ModelBackend, user and gemeente: fixed SQL
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock an account after repeated failures from whatever addresses, and an address
# after many failures on whatever accounts (password spraying); see organisaties/blokkade.py.
AXES_FAILURE_LIMIT = env.int("DOORBRAAK_LOGIN_POGINGEN", default=5)
AXES_FAILURE_LIMIT_PER_ADRES = env.int("DOORBRAAK_LOGIN_POGINGEN_PER_ADRES", default=30)
AXES_COOLOFF_TIME = env.float("DOORBRAAK_LOGIN_BLOKKADE_UREN", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "doorbraak.organisaties.blokkade.Blokkadehandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "doorbraak.organisaties.blokkade.geblokkeerd"
AXES_VERBOSE = False

# Django's database sessions, the row read in SQL written once per process (organisaties/sessies).
SESSION_ENGINE = "doorbraak.organisaties.sessies"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_SECURE = not (DEBUG or DEMO)
CSRF_COOKIE_SECURE = not (DEBUG or DEMO)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Uploaded files (a gemeente's logo); served through a view, never straight from this folder.
MEDIA_ROOT = env("DOORBRAAK_MEDIA_ROOT", default=str(DATA_DIR / "media"))
STATIC_ROOT = Path(env("DOORBRAAK_STATIC_ROOT", default=str(DATA_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # WhiteNoise's compressed manifest storage, each URL worked out once (web/statisch).
    "staticfiles": {"BACKEND": "doorbraak.web.statisch.StatischeBestanden"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "doorbraak.organisaties.tokens.TokenAuthenticatie",  # knox, in one query
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "doorbraak.organisaties.toegangspoort.VolgensTabel",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["doorbraak.api.parsers.VeiligeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "doorbraak.api.paginering.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "doorbraak.api.fouten.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"tokens": env("DOORBRAAK_TOKEN_THROTTLE", default="20/min")},
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "doorbraak.api.onderhandeling.Onderhandeling",
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

REST_KNOX = {
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_TTL": None
    if DEMO
    else __import__("datetime").timedelta(hours=env.int("DOORBRAAK_TOKEN_UREN", default=12)),
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Doorbraak API",
    "DESCRIPTION": (
        "REST API van Doorbraak (NL API Design Rules): huishoudens, casussen, doorbraakplan "
        "en het verwerkingenlogboek. Fouten zijn application/problem+json."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The contract (NL API Design Rules): paths relative to a server URL carrying the major
    # version; a contact; every error response and the API-Version header (api/contract.py).
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1", "description": "Deze installatie"}],
    "CONTACT": {
        "name": env("DOORBRAAK_API_CONTACT_NAAM", default="Doorbraak, functioneel beheer"),
        "email": env("DOORBRAAK_API_CONTACT_EMAIL", default="api@doorbraak.nl"),
        "url": env("DOORBRAAK_API_CONTACT_URL", default="https://doorbraak.nl"),
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "doorbraak.api.contract.beschrijf_fouten_en_versie",
    ],
}
API_VERSION = SPECTACULAR_SETTINGS["VERSION"]


# --- Personal data protection -------------------------------------------------------------
# BSN encryption keys (Fernet, urlsafe base64 of 32 bytes), newest first: the first encrypts,
# all decrypt, so a key is rotated by prepending a new one and running `doorbraak bsn roteer`.
# The hash key makes the BSN findable without decrypting; the audit key seals the log chain.
def _demo_sleutel(doel: str) -> str:
    import base64
    import hashlib

    return base64.urlsafe_b64encode(
        hashlib.sha256(f"{SECRET_KEY}:{doel}".encode()).digest()
    ).decode()


BSN_SLEUTELS = env.list("DOORBRAAK_BSN_SLEUTELS", default=[_demo_sleutel("bsn")] if DEMO else [])
BSN_HASH_SLEUTEL = env(
    "DOORBRAAK_BSN_HASH_SLEUTEL", default=_demo_sleutel("bsn-hash") if DEMO else ""
)
# Older BSN hash keys, still used to find values hashed before a rotation (see README).
BSN_HASH_SLEUTELS_OUD = env.list("DOORBRAAK_BSN_HASH_SLEUTELS_OUD", default=[])
AUDIT_SLEUTEL = env("DOORBRAAK_AUDIT_SLEUTEL", default=_demo_sleutel("audit") if DEMO else "")
# Audit sealing keys as "id:sleutel", newest first: the first seals, each verifies the seals that
# name its id. Without it the single DOORBRAAK_AUDIT_SLEUTEL is key "0" (list it last to rotate).
AUDIT_SLEUTELS = dict(
    s.split(":", 1) for s in env.list("DOORBRAAK_AUDIT_SLEUTELS", default=[]) if ":" in s
) or ({"0": AUDIT_SLEUTEL} if AUDIT_SLEUTEL else {})
AUDIT_SLEUTEL = next(iter(AUDIT_SLEUTELS.values()), "")
# Each seal's head is also appended here, outside the database (`doorbraak audit verifieer`).
AUDIT_EXPORT = env("DOORBRAAK_AUDIT_EXPORT", default=str(DATA_DIR / "audit-zegels.jsonl"))
if not (BSN_SLEUTELS and BSN_HASH_SLEUTEL and AUDIT_SLEUTEL):
    raise ImproperlyConfigured(
        "DOORBRAAK_BSN_SLEUTELS, DOORBRAAK_BSN_HASH_SLEUTEL en DOORBRAAK_AUDIT_SLEUTEL zijn "
        "verplicht buiten demo-modus (zie README, 'Sleutels')."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "doorbraak.config.middleware.RequestIdLogFilter"}},
    "formatters": {
        "standaard": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        # One JSON object per line (python-json-logger), the request id on every line.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "tijd", "levelname": "niveau", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DOORBRAAK_LOG_FORMAAT", default="json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DOORBRAAK_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}


# --- Background queue (django-q2 on the ORM broker: the queue lives in this same database) ----
# A failed job is retried after a doubling wait (WACHTTIJD, 2x, 4x, … capped at WACHTTIJD_MAX)
# until POGINGEN attempts; then it waits in the dead-letter list (/achtergrondtaken).
WACHTRIJ_WACHTTIJD = env.float("DOORBRAAK_WACHTRIJ_WACHTTIJD", default=30)
WACHTRIJ_WACHTTIJD_MAX = env.float("DOORBRAAK_WACHTRIJ_WACHTTIJD_MAX", default=3600)
_TAAK_TIMEOUT = env.int("DOORBRAAK_WACHTRIJ_TIMEOUT", default=600)
Q_CLUSTER = {
    "name": "doorbraak",
    "orm": "default",
    "workers": env.int("DOORBRAAK_WACHTRIJ_WERKERS", default=2),
    "timeout": _TAAK_TIMEOUT,
    "retry": _TAAK_TIMEOUT + 60,  # a job not acknowledged (worker died) comes back after this
    "max_attempts": env.int("DOORBRAAK_WACHTRIJ_POGINGEN", default=5),
    "ack_failures": False,
    "save_limit": 1000,
    "catch_up": False,
    "poll": env.float("DOORBRAAK_WACHTRIJ_POLL", default=0.5),
    "guard_cycle": env.float("DOORBRAAK_WACHTRIJ_CYCLUS", default=0.5),  # scheduler: 30 cycles
    "label": "Achtergrondtaken",
}

# --- Observability: Prometheus metrics at /metrics, only with this token (404 without it).
METRICS_TOKEN = env("DOORBRAAK_METRICS_TOKEN", default="")
# /gezondheid reports the queue as down when the worker's heartbeat is this late, or a job has
# waited this long (seconds).
GEZONDHEID_HARTSLAG_GRENS = env.int("DOORBRAAK_GEZONDHEID_HARTSLAG_GRENS", default=180)
GEZONDHEID_WACHTRIJ_GRENS = env.int("DOORBRAAK_GEZONDHEID_WACHTRIJ_GRENS", default=300)
# Report PDFs made in the background are removed after this many days.
EXPORT_BEWAARDAGEN = env.int("DOORBRAAK_EXPORT_BEWAARDAGEN", default=7)
# --- Login and transport security ------------------------------------------------------------
# The client address: the number of reverse proxies in front of the app is configured; a
# client-supplied X-Forwarded-For is never trusted beyond that (axes and the DRF throttle).
PROXY_AANTAL = env.int("DOORBRAAK_PROXY_AANTAL", default=0)
AXES_IPWARE_PROXY_COUNT = PROXY_AANTAL or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if PROXY_AANTAL else ["REMOTE_ADDR"]
)
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_AANTAL
if PROXY_AANTAL:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# HTTPS only outside demo mode: HSTS (sent on HTTPS responses) and secure cookies; the redirect
# to HTTPS is usually the proxy's job, so it is opt-in here (health checks stay on HTTP).
SECURE_HSTS_SECONDS = 0 if (DEBUG or DEMO) else env.int("DOORBRAAK_HSTS_SECONDEN", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_SSL_REDIRECT = env.bool("DOORBRAAK_HTTPS_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^gezondheid"]

# Content-Security-Policy (django-csp): no inline script anywhere; the gemeente's design tokens
# are the inline <style> with a nonce; SVG charts keep their presentation attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # The nonce: the design tokens. The hash: matplotlib's one constant <style> block in its
        # SVG charts ("*{stroke-linejoin: round; stroke-linecap: butt}").
        "style-src": ["'self'", NONCE, "'sha256-2Iqu4MW0P4n79bqVmTDfLWhO8TS7MxwRJn7HVNDr7EQ='"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# The OpenAPI document and its viewers: self-hosted assets; behind login outside demo mode.
SPECTACULAR_SETTINGS |= {
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": (
        ["rest_framework.permissions.AllowAny"]
        if DEMO
        else ["rest_framework.permissions.IsAuthenticated"]
    ),
}

# Second factor (TOTP) for local accounts: required outside demo mode; in demo mode only for the
# medewerkers on whom the beheerder switches it on (Medewerker.tweede_factor_verplicht).
TWEEDE_FACTOR_VERPLICHT = env.bool("DOORBRAAK_TWEEDE_FACTOR", default=not DEMO)
OTP_TOTP_ISSUER = "Doorbraak"

# OpenID Connect with the gemeente's identity provider (mozilla-django-oidc): on when a client id
# is configured. Users are matched by username, never created; see organisaties/oidc.py.
OIDC_AAN = bool(env("DOORBRAAK_OIDC_CLIENT_ID", default=""))
OIDC_GEBRUIKERSNAAM_CLAIM = env("DOORBRAAK_OIDC_GEBRUIKERSNAAM_CLAIM", default="preferred_username")
if OIDC_AAN:
    OIDC_RP_CLIENT_ID = env("DOORBRAAK_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("DOORBRAAK_OIDC_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("DOORBRAAK_OIDC_ALGORITME", default="RS256")
    OIDC_RP_SCOPES = env("DOORBRAAK_OIDC_SCOPES", default="openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("DOORBRAAK_OIDC_AUTORISATIE_URL")
    OIDC_OP_TOKEN_ENDPOINT = env("DOORBRAAK_OIDC_TOKEN_URL")
    OIDC_OP_USER_ENDPOINT = env("DOORBRAAK_OIDC_GEBRUIKER_URL")
    OIDC_OP_JWKS_ENDPOINT = env("DOORBRAAK_OIDC_JWKS_URL")
    OIDC_CREATE_USER = False
    AUTHENTICATION_BACKENDS = [
        *AUTHENTICATION_BACKENDS,
        "doorbraak.organisaties.oidc.Gemeentelogin",
    ]

# --- E-mail (notifications from the background queue; mijntaken/taken.py) ----------------------
# The links in a mail point here; the mail itself holds no personal data.
BASIS_URL = env("DOORBRAAK_BASIS_URL", default="http://127.0.0.1:8000")
EMAIL_HOST = env("DOORBRAAK_SMTP_HOST", default="localhost")
EMAIL_PORT = env.int("DOORBRAAK_SMTP_PORT", default=25)
EMAIL_HOST_USER = env("DOORBRAAK_SMTP_GEBRUIKER", default="")
EMAIL_HOST_PASSWORD = env("DOORBRAAK_SMTP_WACHTWOORD", default="")
EMAIL_USE_TLS = env.bool("DOORBRAAK_SMTP_TLS", default=False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DOORBRAAK_AFZENDER", default="Doorbraak <noreply@doorbraak.invalid>")
# In demo mode the mails go to the worker's output (the demo's addresses do not exist).
EMAIL_BACKEND = env(
    "DOORBRAAK_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)

# --- Documents on the dossier (issue 17): stored outside the web root and outside MEDIA_ROOT,
# handed out only through the authorised, logged download view.
DOCUMENTEN_MAP = Path(env("DOORBRAAK_DOCUMENTEN_MAP", default=str(DATA_DIR / "documenten")))
DOCUMENT_MAX_MB = env.int("DOORBRAAK_DOCUMENT_MAX_MB", default=10)
# --- Rendered page parts (web/paginacache.py: the dossier page, keyed by the case's version) ---
# Memory per process by default (bounded); DOORBRAAK_PAGINACACHE_URL for one cache shared by all
# processes (e.g. redis://host:6379/1). "default" stays Django's own default.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "paginas": env.cache_url(
        "DOORBRAAK_PAGINACACHE_URL", default="locmemcache://paginas?MAX_ENTRIES=1000"
    ),
}
# A refused form (CSRF) gets a Dutch page in the house style, not Django's English one (issue 17).
CSRF_FAILURE_VIEW = "doorbraak.web.views.foutpaginas.fout_csrf"
