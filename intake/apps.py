from django.apps import AppConfig


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = "Online reporting and triage"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
