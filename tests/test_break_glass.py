"""Break-glass: ask for a case you cannot see; the lead agency's manager decides."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import access, services
from casework.models import BreakGlassRequest, CaseEvent


def ask(cast, case, emergency=False):
    return services.break_glass_request(
        actor=cast.fire_officer,
        case=case,
        reason="Fire crew attending the address tonight.",
        emergency=emergency,
    )


def test_a_request_tells_only_which_agencies_hold_the_case(cast, case, client):
    client.force_login(cast.fire_officer)
    page = client.post(
        reverse("access_request"),
        {"reference": case.reference, "reason": "Fire crew attending the address tonight."},
    )
    html = page.content.decode()
    assert "Request sent" in html
    assert cast.police.name in html and cast.council.name in html
    assert case.summary not in html and case.address not in html
    assert not access.can_view(cast.fire_officer, case)


def test_an_unknown_reference_gets_a_clear_message(cast, client):
    client.force_login(cast.fire_officer)
    page = client.post(
        reverse("access_request"), {"reference": "ICST-1999-00001", "reason": "Need to see it."}
    )
    assert "No case has that reference" in page.content.decode()
    assert not BreakGlassRequest.objects.exists()


def test_approval_opens_the_case_for_a_limited_time_read_only(cast, case):
    made = ask(cast, case)
    services.break_glass_decide(actor=cast.police_manager, request=made, approve=True)
    assert access.can_view(cast.fire_officer, case)
    assert not access.can_contribute(cast.fire_officer, case)
    assert not access.can_change(cast.fire_officer, case)
    assert not access.can_view(cast.fire_manager, case)  # only the requester
    with time_machine.travel(timezone.now() + timedelta(hours=73)):
        assert not access.can_view(cast.fire_officer, case)


def test_a_refusal_needs_a_reason_and_grants_nothing(cast, case):
    made = ask(cast, case)
    with pytest.raises(ValidationError):
        services.break_glass_decide(actor=cast.police_manager, request=made, approve=False)
    services.break_glass_decide(
        actor=cast.police_manager, request=made, approve=False, reason="Not needed."
    )
    assert not access.can_view(cast.fire_officer, case)


@pytest.mark.parametrize("who", ["owner", "council_manager", "fire_manager", "admin"])
def test_only_the_lead_agencys_manager_decides(cast, case, who):
    made = ask(cast, case)
    with pytest.raises(PermissionDenied):
        services.break_glass_decide(actor=getattr(cast, who), request=made, approve=True)


def test_an_emergency_override_opens_at_once_expires_and_is_flagged_for_review(cast, case):
    made = ask(cast, case, emergency=True)
    assert access.can_view(cast.fire_officer, case)
    with time_machine.travel(timezone.now() + timedelta(hours=5)):
        assert not access.can_view(cast.fire_officer, case)
    assert made in BreakGlassRequest.objects.filter(status="emergency", reviewed_at__isnull=True)


def test_a_manager_can_end_an_override_on_review(cast, case, client):
    made = ask(cast, case, emergency=True)
    client.force_login(cast.police_manager)
    queue = client.get(reverse("access_requests")).content.decode()
    assert "Fire crew attending" in queue
    client.post(
        reverse("access_request_decide", args=[made.pk]),
        {"decision": "revoke", "reason": "Crew stood down."},
    )
    assert not access.can_view(cast.fire_officer, case)


def test_every_step_is_on_the_case_record(cast, case):
    made = ask(cast, case)
    services.break_glass_decide(actor=cast.police_manager, request=made, approve=True)
    events = case.events.filter(kind=CaseEvent.Kind.BREAK_GLASS).order_by("at", "id")
    assert [(e.actor, e.data["status"]) for e in events] == [
        (cast.fire_officer, "pending"),
        (cast.police_manager, "approved"),
    ]
    assert made.history.count() == 2


def test_someone_who_can_already_see_the_case_is_told_so(cast, case):
    with pytest.raises(ValidationError, match="already"):
        services.break_glass_request(actor=cast.council_officer, case=case, reason="Just because.")
