from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "marsad.accounts"
    label = "accounts"
