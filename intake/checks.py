"""Start-up checks: the triage agency must exist, or public reports have nowhere to go."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from partners.models import Agency


@register(Tags.database)
def triage_agency_exists(app_configs, databases=None, **kwargs):
    if not databases:
        return []

    slug = settings.INTAKE_TRIAGE_AGENCY
    try:
        exists = Agency.objects.filter(slug=slug, is_active=True).exists()
    except DatabaseError:
        return []  # before the first migration
    if exists:
        return []
    return [
        Warning(
            f"INTAKE_TRIAGE_AGENCY names '{slug}', which is not an active agency.",
            hint="Public reports are refused until it exists: create it or change the setting.",
            id="intake.W001",
        )
    ]
