"""Set up the test provider: one user, one client for Doorbraak, an RSA signing key."""

import sys

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oidc_provider.models import Client, ResponseType  # noqa: E402

terugkeer, gebruiker, wachtwoord = sys.argv[1:4]
call_command("migrate", verbosity=0)
call_command("creatersakey")
User.objects.create_user(gebruiker, email=f"{gebruiker}@peelstad.example", password=wachtwoord)
client = Client.objects.create(
    name="Doorbraak",
    client_type="confidential",
    client_id="doorbraak",
    client_secret="geheim-van-de-test",
    jwt_alg="RS256",
    redirect_uris=[terugkeer],
    require_consent=False,
    reuse_consent=True,
)
client.response_types.add(ResponseType.objects.get(value="code"))
