from django.apps import AppConfig


class IntakeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "intake"
    verbose_name = "Online reporting and triage"

    def ready(self) -> None:
        from casework.retention import register_eraser
        from followups import hooks as followups_hooks

        from . import checks  # noqa: F401  (registers the system checks)
        from .briefing import register_sections
        from .services import awaits_triage, report_contact_requested, report_photo_erase

        register_sections()
        register_eraser(report_photo_erase)
        followups_hooks.triage_pending.connect(awaits_triage)
        followups_hooks.contact_requested_before_triage.connect(report_contact_requested)
