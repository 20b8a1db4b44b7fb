"""Who may triage is a role rule, answered in partners.rules with the others: the working
staff (officers, safeguarding leads, managers) of the agency INTAKE_TRIAGE_AGENCY names."""

from partners.rules import can_triage

POLICE_WORKERS = {"owner", "colleague", "police_lead", "police_manager"}
COUNCIL_WORKERS = {"council_officer", "council_manager"}


def test_the_triage_agencys_working_staff_triage_and_nobody_else(cast):
    triagers = {name for name, user in cast.everyone().items() if can_triage(user)}
    assert triagers == POLICE_WORKERS


def test_the_setting_names_the_triage_agency(cast, settings):
    settings.INTAKE_TRIAGE_AGENCY = "council"
    triagers = {name for name, user in cast.everyone().items() if can_triage(user)}
    assert triagers == COUNCIL_WORKERS


def test_an_anonymous_visitor_does_not_triage():
    from django.contrib.auth.models import AnonymousUser

    assert not can_triage(AnonymousUser())
