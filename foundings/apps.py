from django.apps import AppConfig


class FoundingsConfig(AppConfig):
    name = "foundings"
    verbose_name = "工会组建"
