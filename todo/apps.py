from django.apps import AppConfig


class TodoConfig(AppConfig):
    name = "todo"
    verbose_name = "待办与提醒"
