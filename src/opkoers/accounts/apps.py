from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "opkoers.accounts"
    label = "accounts"
