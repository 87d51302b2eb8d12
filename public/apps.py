from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "公开服务"
