from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "followups"
    verbose_name = "Victim follow-ups"

    def ready(self) -> None:
        from casework import hooks
        from casework.retention import register_eraser

        from . import break_glass, obligations, selectors
        from .briefing import register_section
        from .services import contact_plan_history_erase
        from .subject_access import subject_access_parts

        register_section()
        register_eraser(contact_plan_history_erase)
        hooks.participant_added.connect(obligations.on_participant_added)
        hooks.participant_removed.connect(obligations.on_participant_removed)
        hooks.case_transitioned.connect(obligations.on_case_transition)
        hooks.vulnerability_recorded.connect(obligations.on_vulnerability_recorded)
        hooks.break_glass_requested.connect(break_glass.on_request)
        hooks.subject_access_case_parts.connect(subject_access_parts)
        hooks.case_page_context.connect(selectors.case_page_context)
