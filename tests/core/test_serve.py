"""`marsad serve --prod` refuses an unsafe production configuration with a clear message."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_prod_refuses_the_development_secret_key(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="SECRET_KEY"):
        call_command("serve", "--prod")


def test_prod_refuses_debug(settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("serve", "--prod")


def test_prod_refuses_zero_workers(settings):
    settings.DEBUG = False
    settings.SECRET_KEY = "x" * 50
    with pytest.raises(CommandError, match="workers"):
        call_command("serve", "--prod", "--workers", "0")


def test_workers_must_be_a_number():
    with pytest.raises(CommandError, match="invalid int value"):
        call_command("serve", "--prod", "--workers", "many")
