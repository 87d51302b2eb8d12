from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "逐级上报"

    def ready(self) -> None:
        # filing (indicators) runs the 逻辑检查 before a node files: registered from here, above it
        from indicators.filing import GUARDS

        from .logic import guard

        if guard not in GUARDS:
            GUARDS.append(guard)
