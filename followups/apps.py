from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "followups"
    verbose_name = "Victim follow-ups"

    def ready(self) -> None:
        from casework.retention import register_eraser

        from .briefing import register_section
        from .services import contact_plan_history_erase

        register_section()
        register_eraser(contact_plan_history_erase)
