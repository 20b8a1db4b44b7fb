"""Chasing cross-agency actions (casework's ``Action``), as victims' updates are chased.

The periodic scan reminds an open action's owner at 08:00 on the working day before it is
due (two working days before on a high-risk case); once its due day has passed unfinished,
the owner is told it is overdue and the owning agency's managers are alerted. An action with
no named owner goes to those managers throughout. Each step is recorded on the action's
``ActionChase`` row and happens once; casework knows nothing of it.
"""

from collections import defaultdict
from datetime import date, datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from casework.access import may_see_each
from casework.models import Action, CaseStatus, RiskLevel
from common.working_days import add_working_days
from partners.models import Membership, Role

from . import rules
from .models import ActionChase, StaffAlert
from .obligations import REMINDER_TIME, _Alerts


def reminder_days(risk_level: str) -> int:
    high = risk_level == RiskLevel.HIGH
    rule = "action_reminder_before_high_risk" if high else "action_reminder_before"
    return rules.working_days(rule)


def remind_on(action: Action) -> date:
    return add_working_days(action.due_on, -reminder_days(action.case.risk_level))


def _open_actions() -> QuerySet[Action]:
    return (
        Action.objects.filter(completed_at__isnull=True)
        .exclude(case__status=CaseStatus.CLOSED)
        .select_related("case", "assigned_to", "assigned_agency")
    )


def _locked(actions: QuerySet[Action], batch: int) -> list[Action]:
    return list(
        actions.select_for_update(skip_locked=True, of=("self",)).order_by("due_on", "id")[:batch]
    )


def _agency_managers(agency_ids) -> dict[int, list]:
    found = defaultdict(list)
    managers = Membership.objects.filter(
        agency_id__in=set(agency_ids), role=Role.MANAGER, user__is_active=True
    ).select_related("user")
    for manager in managers:
        found[manager.agency_id].append(manager.user)
    return found


def _owners(actions: list[Action]) -> dict[int, object]:
    """Each action's named owner while they are active and may still see the case."""
    named = [(a.assigned_to, a.case_id) for a in actions if a.assigned_to is not None]
    seen = may_see_each([(u, c) for u, c in named if u.is_active]) if named else set()
    return {
        a.pk: a.assigned_to
        for a in actions
        if a.assigned_to is not None and (a.assigned_to_id, a.case_id) in seen
    }


def _who_can_act(action: Action, managers: dict[int, list]) -> list:
    """The owning agency's managers who may still see the case; if none may (the share
    ended, say), the lead agency's managers, who can reassign or re-share it."""
    owning = managers[action.assigned_agency_id]
    seen = may_see_each([(user, action.case_id) for user in owning]) if owning else set()
    able = [user for user in owning if (user.pk, action.case_id) in seen]
    return able or managers[action.case.lead_agency_id]


def _describe(action: Action) -> str:
    risk = " (high risk)" if action.case.risk_level == RiskLevel.HIGH else ""
    return (
        f"Action on {action.case.reference}{risk} for {action.assigned_agency.name}: "
        f"{action.description[:150]}, due {action.due_on:%a %d %b %Y}"
    )


def _chase(action: Action, **steps: datetime) -> None:
    chase, _made = ActionChase.objects.get_or_create(action=action, defaults={"case": action.case})
    for field, at in steps.items():
        setattr(chase, field, at)
    chase.save(update_fields=list(steps))


def _alert(alerts: _Alerts, users, kind: str, action: Action, message: str) -> None:
    alerts.pending.extend(
        StaffAlert(user=user, kind=kind, message=message, case_id=action.case_id) for user in users
    )


def _remind(now: datetime, batch: int, alerts: _Alerts) -> int:
    today = timezone.localtime(now).date()
    if timezone.localtime(now).time() < REMINDER_TIME:
        return 0
    latest_due = add_working_days(today, reminder_days(RiskLevel.HIGH))
    candidates = _open_actions().filter(due_on__gte=today, due_on__lte=latest_due)
    rows = _locked(candidates.exclude(chase__reminded_at__isnull=False), batch)
    rows = [action for action in rows if remind_on(action) <= today]
    owners, managers = _owners(rows), _agency_managers(a.assigned_agency_id for a in rows)
    for action in rows:
        to = [owners[action.pk]] if action.pk in owners else managers[action.assigned_agency_id]
        text = f"Due soon: {_describe(action)}"
        _alert(alerts, to, StaffAlert.Kind.ACTION_REMINDER, action, text)
        _chase(action, reminded_at=now)
    return len(rows)


def _mark_missed(now: datetime, batch: int, alerts: _Alerts) -> int:
    today = timezone.localtime(now).date()
    candidates = _open_actions().filter(due_on__lt=today)
    rows = _locked(candidates.exclude(chase__missed_at__isnull=False), batch)
    owners = _owners(rows)
    managers = _agency_managers(
        [a.assigned_agency_id for a in rows] + [a.case.lead_agency_id for a in rows]
    )
    for action in rows:
        text = f"Overdue: {_describe(action)}"
        owner = owners.get(action.pk)
        if owner is not None:
            _alert(alerts, [owner], StaffAlert.Kind.ACTION_MISSED, action, text)
        told = [user for user in _who_can_act(action, managers) if user != owner]
        _alert(alerts, told, StaffAlert.Kind.ACTION_ESCALATION, action, text)
        _chase(action, missed_at=now, escalated_at=now)
    return len(rows)


@transaction.atomic
def scan(now: datetime | None = None, batch: int = 500) -> dict[str, int]:
    """Reminders and escalations of open actions due by ``now``. Rows another scan holds are
    skipped, and each step is recorded, so overlapping or repeated scans never double up."""
    now = now or timezone.now()
    alerts = _Alerts()
    done = {
        "actions_reminded": _remind(now, batch, alerts),
        "actions_missed": _mark_missed(now, batch, alerts),
    }
    alerts.raise_all()
    return done
