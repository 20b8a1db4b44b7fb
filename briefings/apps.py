from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = "Daily briefings"

    def ready(self) -> None:
        from casework.retention import register_eraser

        from .services import briefing_case_erase
        from .standard_sections import register_standard_sections

        # Other apps register their sections the same way, from their own ready().
        register_standard_sections()
        register_eraser(briefing_case_erase)
