from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = "Daily briefings"

    def ready(self) -> None:
        # Other apps register their sections the same way, from their own ready().
        from .standard_sections import register_standard_sections

        register_standard_sections()
