"""What the dossier page tests share: no page kept in this process's cache between tests (the
database tier goes with each test's transaction), and a case of the regisseur."""

import pytest
from django.core.cache import caches

from doorbraak.web import paginacache


@pytest.fixture
def lege_paginacache():
    caches[paginacache.ALIAS].clear()
    yield
    caches[paginacache.ALIAS].clear()


@pytest.fixture
def casus(regisseur, maak_casus):
    return maak_casus(regisseur)
