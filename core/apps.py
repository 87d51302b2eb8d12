from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "公共"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deploy checks
        from .freshness import install, migration_ends, migration_starts

        connection_created.connect(install, dispatch_uid="core.freshness")
        pre_migrate.connect(migration_starts, dispatch_uid="core.freshness")
        post_migrate.connect(migration_ends, sender=self, dispatch_uid="core.freshness")
