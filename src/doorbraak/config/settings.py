"""Settings, read from the environment (twelve-factor). See README "Configuratie"."""

from pathlib import Path

import dj_database_url
import environ
from django.core.exceptions import ImproperlyConfigured

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "doorbraak.config.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "doorbraak.api.middleware.ApiVersionMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "doorbraak.web.context.huisstijl",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'doorbraak.sqlite3'}")
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
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a username (from any address) after repeated failures.
AXES_FAILURE_LIMIT = env.int("DOORBRAAK_LOGIN_POGINGEN", default=5)
AXES_COOLOFF_TIME = env.float("DOORBRAAK_LOGIN_BLOKKADE_UREN", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "doorbraak.organisaties.blokkade.geblokkeerd"
AXES_VERBOSE = False

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
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "doorbraak.api.paginering.Paginering",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "doorbraak.api.fouten.problem_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"tokens": env("DOORBRAAK_TOKEN_THROTTLE", default="20/min")},
    "COERCE_DECIMAL_TO_STRING": True,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
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
        "standaard": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "standaard",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DOORBRAAK_LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
