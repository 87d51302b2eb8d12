from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "会员"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  # an employer's closure, a founding, a worker row's 是否会员
