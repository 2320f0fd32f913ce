import pytest
from django.utils import translation

from marsad.initiatives.filters import forget_vocabulary_labels
from tests.cast import Cast, make_cast

pytest_plugins = ["tests.browser.harness"]


@pytest.fixture
def cast(db) -> Cast:
    return make_cast()


@pytest.fixture(autouse=True)
def fresh_vocabulary_labels():
    """A test's rollback undoes its renamed labels without a signal; the next test must not see them."""
    forget_vocabulary_labels()


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests read English messages unless they visit an /ar/ or /fr/ URL themselves."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Argon2 is slow on purpose; the cast's passwords need no protection."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
