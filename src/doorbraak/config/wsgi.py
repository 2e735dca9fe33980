import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.config.settings")
django.setup(set_prefix=False)

from doorbraak.config.tokenpad import Verdeler  # noqa: E402 - after setup

application = Verdeler()
