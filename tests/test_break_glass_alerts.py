"""Break-glass is heard: the lead agency's managers are alerted at once, and an emergency
override left unreviewed for a working day goes to the administrators."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from casework import services
from followups.models import BreakGlassChase, StaffAlert
from followups.tasks import followups_scan


def _alerts(user, kind):
    return StaffAlert.objects.filter(user=user, kind=kind)


def test_a_request_alerts_the_lead_agencys_managers_and_no_one_else(cast, case):
    services.break_glass_request(
        actor=cast.fire_officer, case=case, reason="Fire crew attending the address tonight."
    )
    alert = _alerts(cast.police_manager, StaffAlert.Kind.ACCESS_REQUEST).get()
    assert case.reference in alert.message and cast.fire.name in alert.message
    for other in (cast.owner, cast.council_manager, cast.fire_manager, cast.admin):
        assert not StaffAlert.objects.filter(user=other).exists()


def test_an_override_alerts_at_once_by_an_email_naming_no_one(
    cast, case, django_capture_on_commit_callbacks
):
    cast.police_manager.email = "manager@police.example"
    cast.police_manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.break_glass_request(
            actor=cast.fire_officer,
            case=case,
            reason="Person trapped, need the history now.",
            emergency=True,
        )
    assert _alerts(cast.police_manager, StaffAlert.Kind.ACCESS_OVERRIDE).exists()
    followups_scan()  # the outbox sends the email
    sent = [m for m in mail.outbox if "manager@police.example" in m.to]
    assert sent
    body = sent[0].subject + sent[0].body
    assert case.reference not in body and cast.fire_officer.get_full_name() not in body


def test_an_override_unreviewed_for_a_working_day_goes_to_administrators_once(cast, case):
    request = services.break_glass_request(
        actor=cast.fire_officer, case=case, reason="Person trapped, need it now.", emergency=True
    )
    followups_scan()
    assert not _alerts(cast.admin, StaffAlert.Kind.OVERRIDE_UNREVIEWED).exists()
    with time_machine.travel(timezone.now() + timedelta(days=4)):  # past a working day
        followups_scan()
        followups_scan()
    assert _alerts(cast.admin, StaffAlert.Kind.OVERRIDE_UNREVIEWED).count() == 1
    assert BreakGlassChase.objects.filter(request=request).exists()


def test_a_reviewed_override_is_not_escalated(cast, case):
    request = services.break_glass_request(
        actor=cast.fire_officer, case=case, reason="Person trapped, need it now.", emergency=True
    )
    services.break_glass_review(actor=cast.police_manager, request=request, revoke=False)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        followups_scan()
    assert not _alerts(cast.admin, StaffAlert.Kind.OVERRIDE_UNREVIEWED).exists()
