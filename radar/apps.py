from django.apps import AppConfig


class RadarConfig(AppConfig):
    name = "radar"
    verbose_name = "风险雷达"
