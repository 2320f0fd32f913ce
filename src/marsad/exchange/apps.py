from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "marsad.exchange"
    label = "exchange"
