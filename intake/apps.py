from django.apps import AppConfig


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = "Online reporting and triage"

    def ready(self) -> None:
        from casework.retention import register_eraser

        from . import checks  # noqa: F401  (registers the system checks)
        from .briefing import register_sections
        from .services import report_photo_erase

        register_sections()
        register_eraser(report_photo_erase)
