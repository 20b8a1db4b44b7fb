"""Every follow-up service refuses through casework's one access helper, ``access.ensure``:
an outsider gets the same PermissionDenied, with the service's own message, everywhere."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied

from casework import access
from followups import services
from followups.models import ContactPlan

# (the refusal, the service called by ``outsider`` on the victim's case and plan)
REFUSALS = [
    (
        "Your role cannot issue links for this case.",
        lambda case, plan, outsider: services.status_link_issue(
            case=case, person=plan.person, actor=outsider
        ),
    ),
    (
        "Your role cannot revoke links for this case.",
        lambda case, plan, outsider: services.status_link_revoke(
            actor=outsider, case=case, person=plan.person
        ),
    ),
    (
        "Your role cannot message this victim.",
        lambda case, plan, outsider: services.notification_queue(
            case=case,
            person=plan.person,
            channel="email",
            subject="An update",
            body="Officers visited today.",
            actor=outsider,
            event_key="outsider",
        ),
    ),
    (
        "Your role cannot change contact plans.",
        lambda case, plan, outsider: services.plan_update(
            actor=outsider, plan=plan, opted_out=True
        ),
    ),
    (
        "Your role cannot record key events.",
        lambda case, plan, outsider: services.key_event_record(
            actor=outsider, case=case, event="suspect_arrested"
        ),
    ),
    (
        "Your role cannot update this victim.",
        lambda case, plan, outsider: services.contact_record(
            actor=outsider, plan=plan, summary="Called."
        ),
    ),
]


@pytest.mark.parametrize(("message", "call"), REFUSALS, ids=[m for m, _ in REFUSALS])
def test_each_service_refuses_an_outsider_through_access_ensure(cast, case, victim, message, call):
    plan = ContactPlan.objects.get(case=case, person=victim)
    with (
        mock.patch.object(access, "ensure", wraps=access.ensure) as ensure,
        pytest.raises(PermissionDenied, match=message),
    ):
        call(case, plan, cast.fire_officer)
    ensure.assert_any_call(False, message)
