from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for the demo borough: ``manage.py seed_demo``. Above every app, used by none."""

    name = "demo"
    verbose_name = "Demo data"
