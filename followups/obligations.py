"""Contact plans and the updates owed under them.

Every victim on an open case has a plan; every plan that is not opted out has
an open regular update at all times while the case is open, and a key event
adds an update due within the key-event period. The periodic scan reminds the
single point of contact one working day before a deadline, marks a missed one
(and tells their manager), and after a further period tells the next level.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from casework.access import may_see_each
from casework.models import (
    Case,
    CaseParticipant,
    CaseStatus,
    ContactPreference,
    ParticipantRole,
    Person,
    RiskLevel,
)
from common.working_days import add_working_days, deadline_after
from partners.models import Membership, Role

from . import rules, services
from .models import (
    CHANNEL_VALUES,
    Channel,
    ContactPlan,
    Entitlement,
    Notification,
    Obligation,
    StaffAlert,
)

REMINDER_TIME = time(8, 0)

# Key events that put an update due within the key-event period.
KEY_EVENTS: dict[str, str] = {
    "victim_recorded": "Recorded as a victim on an open case",
    "case_opened": "Case opened",
    "suspect_arrested": "Suspect arrested",
    "suspect_charged": "Suspect charged",
    "suspect_released": "Suspect released (on bail or with no further action)",
    "not_proceeding": "Decision not to proceed",
    "case_closed": "Case closed",
}
# Key events an officer records by hand; the others come from the case's workflow.
RECORDED_KEY_EVENTS = ("suspect_arrested", "suspect_charged", "suspect_released", "not_proceeding")

UPDATE_KINDS = (Obligation.Kind.KEY_EVENT, Obligation.Kind.REGULAR)


def open_obligations() -> QuerySet[Obligation]:
    return Obligation.objects.filter(met_at__isnull=True, cancelled_at__isnull=True)


def remind_at_for(due_at: datetime) -> datetime:
    """08:00 local on the working day ``reminder_before`` working days before the deadline."""
    due_day = timezone.localtime(due_at).date()
    day = add_working_days(due_day, -rules.working_days("reminder_before"))
    return timezone.make_aware(datetime.combine(day, REMINDER_TIME))


def _owe(plan: ContactPlan, kind: str, reason: str, due_at: datetime) -> Obligation:
    return Obligation.objects.create(
        plan=plan,
        case=plan.case,
        kind=kind,
        reason=reason[:200],
        due_at=due_at,
        remind_at=remind_at_for(due_at),
    )


def _owe_key_event(plan: ContactPlan, event: str, at: datetime) -> Obligation | None:
    if plan.opted_out:
        return None
    due = deadline_after(at, rules.key_event_days(enhanced=plan.is_enhanced))
    return _owe(plan, Obligation.Kind.KEY_EVENT, KEY_EVENTS[event], due)


def _owe_regular(plan: ContactPlan, after: datetime) -> Obligation | None:
    """The next regular update, unless the victim opted out, the case is closed,
    or one is already open."""
    if plan.opted_out or plan.case.status == CaseStatus.CLOSED:
        return None
    if open_obligations().filter(plan=plan, kind=Obligation.Kind.REGULAR).exists():
        return None
    due = deadline_after(after, plan.update_every_working_days)
    return _owe(plan, Obligation.Kind.REGULAR, "Regular update", due)


def _owe_referral(plan: ContactPlan, at: datetime) -> Obligation | None:
    if plan.victim_support_opt_out:
        return None
    due = deadline_after(at, rules.working_days("victim_support_referral"))
    return _owe(plan, Obligation.Kind.VICTIM_SUPPORT, "Referral to victim support", due)


def _default_entitlement(case: Case, person: Person) -> str:
    """Enhanced for a high-risk case or a victim with recorded vulnerabilities; the
    officer confirms or changes it on the plan."""
    if case.risk_level == RiskLevel.HIGH or person.vulnerabilities:
        return Entitlement.ENHANCED
    return Entitlement.STANDARD


@transaction.atomic
def plan_ensure(*, case: Case, person: Person, actor=None) -> ContactPlan:
    """The victim's plan on ``case``, made (with its first obligations) if missing."""
    plan = ContactPlan.objects.filter(case=case, person=person).first()
    if plan is not None:
        return plan
    now = timezone.now()
    plan = ContactPlan(
        case=case,
        person=person,
        entitlement=_default_entitlement(case, person),
        channel=person.contact_preference
        if person.contact_preference in CHANNEL_VALUES
        else Channel.PHONE,
        update_every_working_days=rules.working_days("regular_update"),
        opted_out=person.contact_preference == ContactPreference.NONE,
    )
    plan.full_clean()
    plan._history_user = actor
    plan.save()
    _owe_key_event(plan, "victim_recorded", now)
    _owe_regular(plan, now)
    _owe_referral(plan, now)
    return plan


# --- Hooks called by casework's services ------------------------------------------------------


def on_participant_added(*, participant: CaseParticipant, actor) -> None:
    """A victim added to a case that is not closed gets a plan and obligations."""
    if participant.role != ParticipantRole.VICTIM or not participant.case.is_open:
        return
    existing = ContactPlan.objects.filter(case=participant.case, person=participant.person).first()
    if existing is None:
        plan_ensure(case=participant.case, person=participant.person, actor=actor)
        return
    now = timezone.now()  # back on the case after being taken off: owed afresh
    _owe_key_event(existing, "victim_recorded", now)
    _owe_regular(existing, now)


def on_participant_removed(*, participant: CaseParticipant) -> None:
    """A victim taken off a case is owed nothing more on it."""
    if participant.role == ParticipantRole.VICTIM:
        open_obligations().filter(case=participant.case, plan__person=participant.person).update(
            cancelled_at=timezone.now(), cancel_reason="No longer a victim on the case"
        )


def on_case_transition(*, case: Case, from_status: str, to_status: str, actor) -> None:
    """Closing owes every victim an update; (re)opening owes one and restarts the cadence."""
    now = timezone.now()
    if to_status == CaseStatus.CLOSED:
        _case_closed(case, now)
    elif to_status == CaseStatus.OPEN and from_status != CaseStatus.UNDER_REVIEW:
        for person in _victims(case):
            plan = plan_ensure(case=case, person=person, actor=actor)
            _owe_key_event(plan, "case_opened", now)
            _owe_regular(plan, now)


def key_event_owed(*, case: Case, event: str, actor) -> list[Obligation]:
    """Every victim on ``case`` is owed an update within the key-event period."""
    now = timezone.now()
    owed = []
    for person in _victims(case):
        plan = plan_ensure(case=case, person=person, actor=actor)
        owed.append(_owe_key_event(plan, event, now))
    return [obligation for obligation in owed if obligation is not None]


def plan_changed(*, plan: ContactPlan, before: tuple[bool, int, bool, str], actor=None) -> None:
    """Keep the open obligations in step with a changed plan."""
    was_opted_out, old_frequency, was_support_opt_out, old_entitlement = before
    now = timezone.now()
    if plan.entitlement != old_entitlement:
        _redate_key_events(plan, now, actor)
    updates = open_obligations().filter(plan=plan, kind__in=UPDATE_KINDS)
    if plan.opted_out and not was_opted_out:
        updates.update(cancelled_at=now, cancel_reason="Victim opted out of updates")
    elif plan.update_every_working_days != old_frequency:
        updates.filter(kind=Obligation.Kind.REGULAR).update(
            cancelled_at=now, cancel_reason="Update frequency changed"
        )
    referrals = open_obligations().filter(plan=plan, kind=Obligation.Kind.VICTIM_SUPPORT)
    if plan.victim_support_opt_out and not was_support_opt_out:
        referrals.update(cancelled_at=now, cancel_reason="Victim declined the referral")
    _owe_regular(plan, now)


def _redate_key_events(plan: ContactPlan, now: datetime, actor) -> list[Obligation]:
    """A change of entitlement changes the key-event period: each open key-event update falls
    due within the new period from the change, but never later than already promised. Each
    re-dated deadline gets a history row naming who changed it and why."""
    due_by = deadline_after(now, rules.key_event_days(enhanced=plan.is_enhanced))
    reason = f"Entitlement changed to {plan.get_entitlement_display()}"
    redated = []
    rows = open_obligations().select_for_update().filter(plan=plan, kind=Obligation.Kind.KEY_EVENT)
    for obligation in rows.filter(due_at__gt=due_by):
        obligation.due_at, obligation.remind_at = due_by, remind_at_for(due_by)
        obligation._history_user, obligation._change_reason = actor, reason
        obligation.save(update_fields=["due_at", "remind_at"])
        redated.append(obligation)
    return redated


def obligations_carry(*, source: Case, target: Case, actor) -> list[Obligation]:
    """A report joined to ``target`` (its victims already added there): each victim's open
    obligations on ``source`` move to their plan on ``target``. Where the target already owes
    the same update, the earlier deadline stands, so nothing is owed later than promised."""
    now = timezone.now()
    carried = []
    moving = open_obligations().filter(case=source).select_related("plan__person")
    for obligation in moving.select_for_update(of=("self",)):
        plan = plan_ensure(case=target, person=obligation.plan.person, actor=actor)
        carried.append(_carry_one(obligation, plan))
        obligation.cancelled_at = now
        obligation.cancel_reason = f"Carried to {target.reference}"
        obligation.save(update_fields=["cancelled_at", "cancel_reason"])
    return carried


def _carry_one(obligation: Obligation, plan: ContactPlan) -> Obligation:
    same = open_obligations().filter(plan=plan, kind=obligation.kind)
    if obligation.kind == Obligation.Kind.KEY_EVENT:
        same = same.filter(reason=obligation.reason)
    match = same.order_by("due_at").first()
    if match is None:
        return _owe(plan, obligation.kind, obligation.reason, obligation.due_at)
    if obligation.due_at < match.due_at:
        match.due_at, match.remind_at = obligation.due_at, remind_at_for(obligation.due_at)
        match.save(update_fields=["due_at", "remind_at"])
    return match


def obligations_drop(*, case: Case, reason: str) -> int:
    """Nothing more is owed on ``case`` (its victims are followed up elsewhere)."""
    return (
        open_obligations()
        .filter(case=case)
        .update(cancelled_at=timezone.now(), cancel_reason=reason[:200])
    )


def _victims(case: Case) -> list[Person]:
    parts = case.participants.filter(role=ParticipantRole.VICTIM).select_related("person")
    return [p.person for p in parts]


def _case_closed(case: Case, now: datetime) -> None:
    open_obligations().filter(case=case, kind=Obligation.Kind.REGULAR).update(
        cancelled_at=now, cancel_reason="Case closed"
    )
    victims = _victims(case)  # not those taken off the case, whose plans remain on record
    for plan in ContactPlan.objects.filter(case=case, person__in=victims).select_related("case"):
        _owe_key_event(plan, "case_closed", now)


# --- Meeting obligations --------------------------------------------------------------------


@transaction.atomic
def obligations_meet(
    *, plan: ContactPlan, how: str, actor, at: datetime | None = None, kinds=UPDATE_KINDS
) -> list[Obligation]:
    """An update (or referral) given: meet the plan's open obligations of ``kinds``
    that existed by then, and owe the next regular update."""
    at = at or timezone.now()
    met = list(
        open_obligations().select_for_update().filter(plan=plan, kind__in=kinds, created_at__lte=at)
    )
    for obligation in met:
        obligation.met_at, obligation.met_how, obligation.met_by = at, how[:200], actor
        obligation.save(update_fields=["met_at", "met_how", "met_by"])
    if Obligation.Kind.REGULAR in kinds:
        _owe_regular(plan, at)
    return met


# Messages that tell the victim how their case stands. A new status link is not an update.
UPDATE_MESSAGES = ("update:", "intake:")
# Nor is the receipt a public reporter gets at once: it confirms the report and its reference,
# but it is sent before anyone has looked at the report, so it names no officer and says nothing
# of what will be done, which an update under the Victims' Code tells.
RECEIPT_MESSAGES = ("intake:",), (":received",)


def is_update_message(event_key: str) -> bool:
    prefixes, suffixes = RECEIPT_MESSAGES
    if event_key.startswith(prefixes) and event_key.endswith(suffixes):
        return False
    return event_key.startswith(UPDATE_MESSAGES)


def obligations_meet_by_message(*, notification: Notification) -> list[Obligation]:
    if not is_update_message(notification.event_key):
        return []
    plan = ContactPlan.objects.filter(case=notification.case, person=notification.person).first()
    if plan is None:
        return []
    return obligations_meet(
        plan=plan,
        how=f"{notification.get_channel_display()} sent",
        actor=notification.created_by,
        at=notification.sent_at,
    )


# --- The periodic scan -----------------------------------------------------------------------


def managers_for(users) -> dict[int, list]:
    """Each user's managers: those of their team if it has any, else of their agency.
    Two queries however many users: {user id: [managers]}."""
    memberships = {m.user_id: m for m in Membership.objects.filter(user__in=users)}
    managers = Membership.objects.filter(
        agency_id__in={m.agency_id for m in memberships.values()},
        role=Role.MANAGER,
        user__is_active=True,
    ).select_related("user")
    by_agency, by_team = defaultdict(list), defaultdict(list)
    for manager in managers:
        by_agency[manager.agency_id].append(manager)
        by_team[manager.team_id].append(manager)
    found = {}
    for user in users:
        membership = memberships.get(user.pk)
        if membership is None:
            found[user.pk] = []
            continue
        in_team = by_team[membership.team_id] if membership.team_id else []
        others = [m for m in in_team if m.user_id != user.pk] or [
            m for m in by_agency[membership.agency_id] if m.user_id != user.pk
        ]
        found[user.pk] = [m.user for m in others]
    return found


def next_level() -> list:
    """Above the manager: the system's administrators."""
    return [
        m.user
        for m in Membership.objects.filter(
            role=Role.ADMINISTRATOR, user__is_active=True
        ).select_related("user")
    ]


def escalate_further_at(obligation: Obligation) -> datetime:
    due_day = timezone.localtime(obligation.due_at).date()
    day = add_working_days(due_day, rules.working_days("escalate_next_level_after"))
    return timezone.make_aware(datetime.combine(day, timezone.localtime(obligation.due_at).time()))


class _Alerts:
    """The alerts one scan raises, saved together at the end (``staff_alerts_raise``), and the
    managers looked up once per officer rather than once per obligation."""

    def __init__(self) -> None:
        self.pending: list[StaffAlert] = []
        self._managers: dict[int, list] = {}
        self._next_level: list | None = None

    def add(self, users, kind: str, obligation: Obligation, message: str) -> None:
        # Ids, not objects, for the case and obligation: a burst builds thousands of these.
        self.pending.extend(
            StaffAlert(user=user, kind=kind, message=message, case_id=obligation.case_id,
                       obligation_id=obligation.pk)
            for user in users
        )  # fmt: skip

    def look_up_managers(self, officers) -> None:
        unknown = {officer.pk: officer for officer in officers if officer.pk not in self._managers}
        if unknown:
            self._managers.update(managers_for(list(unknown.values())))

    def managers_of(self, officer) -> list:
        self.look_up_managers([officer])
        return self._managers[officer.pk]

    def next_level(self) -> list:
        if self._next_level is None:
            self._next_level = next_level()
        return self._next_level

    def raise_all(self) -> None:
        """Save the alerts, and their emails, for people who may see the case: a manager
        or administrator outside a restricted case's grants hears nothing of it."""
        seen = may_see_each([(alert.user, alert.case_id) for alert in self.pending])
        services.staff_alerts_raise(
            [alert for alert in self.pending if (alert.user_id, alert.case_id) in seen]
        )
        self.pending = []


def _describe(obligation: Obligation) -> str:
    due = timezone.localtime(obligation.due_at)
    return (
        f"{obligation.get_kind_display()} for {obligation.plan.person} on "
        f"{obligation.case.reference} ({obligation.reason}), due {due:%a %d %b %Y %H:%M}"
    )


_STAFF_FIELDS = ("email", "is_active", "username", "first_name", "last_name")
_SCANNED_FIELDS = (
    "kind",
    "reason",
    "due_at",
    "remind_at",
    "plan__person__given_name",
    "plan__person__family_name",
    "plan__case__reference",
    *(f"plan__case__lead_officer__{name}" for name in _STAFF_FIELDS),
    *(f"plan__single_point_of_contact__{name}" for name in _STAFF_FIELDS),
    "case__reference",
)


def _locked(condition: Q, batch: int) -> list[Obligation]:
    return list(
        open_obligations()
        .filter(condition)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related(
            "plan__person",
            "plan__case__lead_officer",
            "plan__single_point_of_contact",
            "case",
        )
        # Only what the alerts say and who they go to: a burst loads a thousand of these.
        .only(*_SCANNED_FIELDS)
        .order_by("due_at")[:batch]
    )


def _contact_officers(rows: list[Obligation]) -> dict[int, object]:
    """Each obligation's contact: the plan's single point of contact while they may still
    see the case (their agency may have lost its share), else the case's lead officer."""
    named = [(row.plan.single_point_of_contact, row.case_id) for row in rows]
    named = [(user, case_id) for user, case_id in named if user is not None]
    seen = may_see_each(named) if named else set()
    found = {}
    for row in rows:
        named_contact = row.plan.single_point_of_contact
        if named_contact is not None and (named_contact.pk, row.case_id) in seen:
            found[row.pk] = named_contact
        else:
            found[row.pk] = row.plan.case.lead_officer
    return found


def _remind(now: datetime, batch: int, alerts: _Alerts) -> int:
    rows = _locked(Q(reminded_at__isnull=True, remind_at__lte=now, due_at__gt=now), batch)
    contacts = _contact_officers(rows)
    for obligation in rows:
        officer = contacts[obligation.pk]
        if officer is not None:
            text = f"Due soon: {_describe(obligation)}"
            alerts.add([officer], StaffAlert.Kind.REMINDER, obligation, text)
    Obligation.objects.filter(pk__in=[row.pk for row in rows]).update(reminded_at=now)
    return len(rows)


def _mark_missed(now: datetime, batch: int, alerts: _Alerts) -> int:
    rows = _locked(Q(missed_at__isnull=True, due_at__lte=now), batch)
    contacts = _contact_officers(rows)
    alerts.look_up_managers(filter(None, contacts.values()))
    for obligation in rows:
        officer = contacts[obligation.pk]
        text = f"Missed: {_describe(obligation)}"
        if officer is not None:
            alerts.add([officer], StaffAlert.Kind.MISSED, obligation, text)
            alerts.add(alerts.managers_of(officer), StaffAlert.Kind.ESCALATION, obligation, text)
        else:
            text += " (no contact officer)"
            alerts.add(alerts.next_level(), StaffAlert.Kind.ESCALATION, obligation, text)
    Obligation.objects.filter(pk__in=[row.pk for row in rows]).update(
        missed_at=now, escalated_at=now
    )
    return len(rows)


def _escalate_further(now: datetime, batch: int, alerts: _Alerts) -> int:
    # N working days after the deadline is at least N calendar days after it.
    earliest = now - timedelta(days=rules.working_days("escalate_next_level_after"))
    candidates = _locked(
        Q(escalated_at__isnull=False, escalated_further_at__isnull=True, due_at__lte=earliest),
        batch,
    )
    done = [obligation for obligation in candidates if escalate_further_at(obligation) <= now]
    for obligation in done:
        text = f"Still missed: {_describe(obligation)}"
        alerts.add(alerts.next_level(), StaffAlert.Kind.ESCALATION, obligation, text)
    Obligation.objects.filter(pk__in=[row.pk for row in done]).update(escalated_further_at=now)
    return len(done)


@transaction.atomic
def scan(now: datetime | None = None, batch: int = 500) -> dict[str, int]:
    """Reminders, missed deadlines and escalations due by ``now``. Rows another
    scan holds are skipped (SKIP LOCKED), so overlapping scans never double up."""
    now = now or timezone.now()
    alerts = _Alerts()
    done = {
        "reminded": _remind(now, batch, alerts),
        "missed": _mark_missed(now, batch, alerts),
        "escalated_further": _escalate_further(now, batch, alerts),
    }
    alerts.raise_all()
    return done


__all__ = ["KEY_EVENTS", "RECORDED_KEY_EVENTS", "plan_ensure", "obligations_meet", "scan"]


def on_vulnerability_recorded(*, person: Person, actor) -> list[ContactPlan]:
    """A victim newly recorded as vulnerable is owed enhanced rights on every case not
    closed where they are a victim: each standard plan becomes enhanced, and its open
    key-event updates are re-dated (never later than already promised)."""
    victim_on = CaseParticipant.objects.filter(person=person, role=ParticipantRole.VICTIM)
    plans = (
        ContactPlan.objects.select_for_update()
        .filter(person=person, entitlement=Entitlement.STANDARD)
        .filter(case__in=victim_on.values("case"))
        .exclude(case__status=CaseStatus.CLOSED)
    )
    now = timezone.now()
    changed = []
    for plan in plans:
        plan.entitlement = Entitlement.ENHANCED
        plan._history_user, plan._change_reason = actor, "Vulnerability recorded"
        plan.save(update_fields=["entitlement"])
        _redate_key_events(plan, now, actor)
        changed.append(plan)
    return changed
