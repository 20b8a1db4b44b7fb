"""Demo data at benchmark scale on PostgreSQL (``seed_demo --cases N`` with N large).

A million cases with their people, timeline, shares, actions, events and history
rows cannot go through Python objects in minutes on a small machine, so the rows
are generated inside the database: one ``INSERT ... SELECT`` over
``generate_series`` per table, in one transaction. While it runs, the loaded
tables' secondary indexes and constraints are dropped, and they are rebuilt once
at the end (the same definitions, read from the catalogue), which is several
times faster than maintaining them row by row. If anything fails the whole
transaction rolls back, indexes included.

The shape follows ``demo.bulk``: every case type, two people per case
(with some people appearing in several cases), most cases shared with one to
three partner agencies on the partnership agreement, 1% restricted with named
grants, five timeline entries of mixed sensitivity, actions, events, a contact
plan for each victim of ASB and "other" cases with the updates owed to them (met, owed, and a
thousand due as the load ends, for the follow-up scanner) and a history row for
every record created. Cases are spread over six years and most older ones are
closed, as in a real casebook: open cases are reviewed every few weeks and their
actions are done within days, except on cases from the last three weeks.
"""

import json
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

from casework.access import RESTRICTED_PERMISSION
from casework.models import (
    Action,
    AsbDetail,
    Case,
    CaseEvent,
    CaseParticipant,
    CaseShare,
    CaseUserObjectPermission,
    MentalHealthDetail,
    MissingPersonDetail,
    Person,
    ReferenceCounter,
    TimelineEntry,
    TroubledFamilyDetail,
)
from followups.models import ContactPlan, Obligation
from partners.models import Membership, Role, Team

from .bulk import FAMILY, GIVEN, PARTNER_SLUGS
from .seed import DEMO_PASSWORD, STREETS, SUMMARIES, WARDS

HISTORIED = [
    Case,
    AsbDetail,
    MissingPersonDetail,
    MentalHealthDetail,
    TroubledFamilyDetail,
    Person,
    CaseParticipant,
    CaseShare,
    Action,
    ContactPlan,
]
LOADED = [*HISTORIED, TimelineEntry, CaseEvent, CaseUserObjectPermission, Obligation]
YEARS = 6
TEAM_SIZE = 12
EXTRA_STREETS = ["Albert", "Beech", "Bridge", "Castle", "Chapel", "Elm", "Ferry", "Forge",
                 "Granary", "Hawthorn", "Kings", "Lime", "Market", "Meadow", "Orchard", "Priory",
                 "Rope", "Saxon", "Tannery", "Wharf"]  # fmt: skip
STREET_KINDS = ["Road", "Street", "Lane", "Close", "Avenue", "Way", "Gardens", "Terrace"]
MORE_GIVEN = ["Aisha", "Alfie", "Amelia", "Archie", "Ava", "Charlie", "Connor", "Emily", "Evie",
              "Freya", "George", "Hannah", "Jacob", "Jessica", "Leo", "Lucy", "Maya", "Oscar",
              "Poppy", "Reuben", "Sophie", "Theo", "Yusuf", "Zoe"]  # fmt: skip
MORE_FAMILY = ["Ahmed", "Ali", "Allen", "Baker", "Bennett", "Carter", "Clarke", "Cooper",
               "Edwards", "Harris", "Hughes", "Hussain", "Jackson", "King", "Lewis", "Martin",
               "Moore", "Morris", "Parker", "Phillips", "Price", "Scott", "Shaw", "Turner",
               "Ward", "Watson", "Young", "Begum", "Kowalski", "Nowak", "Murphy", "Kelly",
               "O'Brien", "Singh", "Chowdhury", "Mensah", "Okafor", "Achterberg", "Fairweather",
               "Whitlock"]  # fmt: skip
NOTES = {
    "standard": [
        "Spoke to the reporter; they will keep a diary of incidents.",
        "Visited the address, no answer; card left.",
        "Joint visit completed with partner agency.",
        "Neighbour confirms the disturbance continued until midnight.",
        "Letter sent explaining the next steps and the community trigger.",
        "Reviewed at the weekly ICST tasking meeting; actions agreed.",
    ],
    "police_intelligence": [
        "Intelligence suggests the subject is linked to local drug supply.",
        "Subject known to police for previous violence; officer safety marker.",
    ],
    "health": [
        "Under the care of the community mental health team; medication reviewed.",
        "GP reports recent deterioration in mental health.",
    ],
    "childrens_safeguarding": [
        "Children on a child protection plan; social worker informed.",
        "Strategy discussion held with children's services.",
    ],
}
# Which agency's officer writes entries of each sensitivity (standard: the case's creator).
SENSITIVE_AUTHORS = {
    "police_intelligence": "police",
    "health": "health",
    "childrens_safeguarding": "childrens",
}
EXTRA_ROLE_WEIGHTS = [
    (Role.OFFICER, 70),
    (Role.PARTNER, 15),
    (Role.SAFEGUARDING_LEAD, 8),
    (Role.MANAGER, 7),
]


class ScaleSeedRefused(Exception):
    """The database is not one the scale path can fill."""


@dataclass
class ScaleReport:
    cases: int
    seconds: float = 0.0
    steps: list[tuple[str, float]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)


def seed_scale(
    count: int,
    org: dict,
    *,
    seed: int = 42,
    staff: int = 1000,
    wipe: bool = False,
    log: Callable[[str], None] = lambda message: None,
) -> ScaleReport:
    """Load ``count`` cases (and everything around them) straight into PostgreSQL."""
    if connection.vendor != "postgresql":
        raise ScaleSeedRefused("The scale loader needs PostgreSQL; use the bulk path instead.")
    if (Case.objects.exists() or Person.objects.exists()) and not wipe:
        raise ScaleSeedRefused(
            f"The database already holds {Case.objects.count():,} cases. Use --wipe to delete "
            "every case, person and their history first, or start from an empty database."
        )
    report = ScaleReport(cases=count)
    started = time.monotonic()

    def step(name: str, work: Callable[[], None]) -> None:
        begun = time.monotonic()
        work()
        report.steps.append((name, time.monotonic() - begun))
        log(f"  {name}: {report.steps[-1][1]:.1f} s")

    with transaction.atomic(), connection.cursor() as cursor:
        # Deferred foreign-key checks still pending (from the agencies and logins just made)
        # would stop the constraints being dropped: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")  # repeatable random()
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        if wipe:
            step("wipe", lambda: _wipe(cursor))
        step("staff", lambda: _ensure_staff(org, staff, seed))
        _lookup_tables(cursor, org)
        with _secondary_indexes_deferred(cursor, step):
            now = timezone.now()
            step("cases", lambda: _cases(cursor, count, now))
            step("type details", lambda: _details(cursor))
            step("people", lambda: _people(cursor))
            step("shares", lambda: _shares(cursor, org))
            step("timeline", lambda: _timeline(cursor))
            step("actions and events", lambda: _actions_and_events(cursor, now))
            step("contact plans and obligations", lambda: _contact_plans(cursor, now))
            step("restricted grants", lambda: _grants(cursor))
            step("history rows", lambda: _history(cursor))
            step("counters and sequences", lambda: _counters_and_sequences(cursor))
    with connection.cursor() as cursor:
        # VACUUM also sets the visibility map, without which index-only scans (the list's
        # share and grant lookups) visit the table anyway. It cannot run in a transaction.
        tables = ", ".join(_tables())
        refresh = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        step(refresh.lower(), lambda: cursor.execute(f"{refresh} {tables}"))
        for model in LOADED:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE relname = %s",
                [model._meta.db_table],
            )
            report.rows[model._meta.db_table] = cursor.fetchone()[0]
    report.seconds = time.monotonic() - started
    return report


# --- Around the load ---------------------------------------------------------------------


def _tables() -> list[str]:
    return [model._meta.db_table for model in LOADED] + [
        model.history.model._meta.db_table for model in HISTORIED
    ]


def _wipe(cursor) -> None:
    tables = [*_tables(), ReferenceCounter._meta.db_table]
    # CASCADE also empties tables that point at cases (break-glass, retention decisions...).
    cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


@contextmanager
def _secondary_indexes_deferred(cursor, step) -> Iterator[None]:
    """Drop the loaded tables' secondary indexes, unique and foreign-key constraints; rebuild."""
    tables = _tables()
    cursor.execute(
        """
        SELECT con.conrelid::regclass::text, con.conname, pg_get_constraintdef(con.oid)
        FROM pg_constraint con
        WHERE con.conrelid = ANY(%s::regclass[]) AND con.contype IN ('f', 'u')
        ORDER BY con.contype DESC
        """,
        [tables],
    )
    constraints = cursor.fetchall()  # unique before foreign keys when rebuilt
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    )
    indexes = cursor.fetchall()
    for table, name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    yield

    def rebuild() -> None:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

    step(f"rebuild {len(indexes)} indexes and {len(constraints)} constraints", rebuild)


def _ensure_staff(org: dict, total: int, seed: int) -> None:
    """Bring the staff up to ``total`` logins spread over the agencies (one password hash),
    in teams of ``TEAM_SIZE`` each led by a manager (missed updates escalate to them)."""

    User = get_user_model()
    missing = total - User.objects.count()
    if missing <= 0:
        return
    rng = random.Random(seed)
    password = make_password(DEMO_PASSWORD)
    agencies = list(org["agencies"].values())
    roles, weights = zip(*EXTRA_ROLE_WEIGHTS, strict=True)
    planned = []
    for number in range(missing):
        agency = agencies[number % len(agencies)]
        place = number // len(agencies)
        role = Role.MANAGER if place % TEAM_SIZE == 0 else rng.choices(roles, weights)[0]
        username = f"{agency.slug}.{role.value}.{number:04d}"
        planned.append((username, agency, role, f"Team {1 + place // TEAM_SIZE}"))
    existing = set(
        User.objects.filter(username__in=[p[0] for p in planned]).values_list("username", flat=True)
    )
    planned = [p for p in planned if p[0] not in existing]
    User.objects.bulk_create(
        [
            User(
                username=username,
                password=password,
                first_name=rng.choice(GIVEN + MORE_GIVEN),
                last_name=rng.choice(FAMILY + MORE_FAMILY),
                email=f"{username}@example.org",
            )
            for username, *_ in planned
        ]
    )
    for agency, name in {(agency, team) for _, agency, _, team in planned}:
        Team.objects.get_or_create(agency=agency, name=name)
    teams = {(team.agency_id, team.name): team.pk for team in Team.objects.all()}
    ids = dict(
        User.objects.filter(username__in=[p[0] for p in planned]).values_list("username", "pk")
    )
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=ids[username], agency=agency, role=role, team_id=teams[agency.pk, team]
            )
            for username, agency, role, team in planned
        ]
    )


def _lookup_tables(cursor, org: dict) -> None:
    """Small temporary tables the generating statements join to."""
    agencies, users = org["agencies"], org["users"]
    # Dropped at commit; inside an enclosing transaction (tests) an earlier load's remain.
    cursor.execute("DROP TABLE IF EXISTS scale_agency, scale_staff, scale_partner")
    cursor.execute(
        "CREATE TEMP TABLE scale_agency (slug text, id bigint, manager_id int, officer_id int, "
        "staff int) ON COMMIT DROP"
    )
    cursor.execute(
        "CREATE TEMP TABLE scale_staff (agency_id bigint, n int, user_id int) ON COMMIT DROP"
    )
    cursor.execute(
        """
        INSERT INTO scale_staff
        SELECT agency_id, row_number() OVER (PARTITION BY agency_id ORDER BY user_id), user_id
        FROM partners_membership WHERE role = ANY(%s)
        """,
        [[Role.OFFICER.value, Role.SAFEGUARDING_LEAD.value, Role.MANAGER.value]],
    )
    for slug, agency in agencies.items():
        cursor.execute(
            "INSERT INTO scale_agency SELECT %s, %s, %s, %s, count(*) FROM scale_staff "
            "WHERE agency_id = %s",
            [slug, agency.pk, users[f"{slug}.manager"].pk, users[f"{slug}.officer"].pk, agency.pk],
        )
    cursor.execute("CREATE TEMP TABLE scale_partner (agency_id bigint) ON COMMIT DROP")
    cursor.execute(
        "INSERT INTO scale_partner SELECT id FROM scale_agency WHERE slug = ANY(%s)",
        [PARTNER_SLUGS],
    )
    cursor.execute("ANALYZE scale_agency; ANALYZE scale_staff; ANALYZE scale_partner")


# --- The rows ------------------------------------------------------------------------------


def _streets() -> list[str]:
    return list(STREETS) + [f"{name} {kind}" for name in EXTRA_STREETS for kind in STREET_KINDS]


CASES_SQL = """
WITH drawn AS (
    SELECT g,
           %(start)s::timestamptz + (g - 1 + random()) * %(step)s * interval '1 second'
               AS reported_at,
           random() AS r_type, random() AS r_lead, random() AS r_status, random() AS r_risk,
           random() AS r_officer, random() AS r_restricted, random() AS r_text,
           random() AS r_street, random() AS r_ward, random() AS r_review, random() AS r_close,
           1 + floor(random() * 400)::int AS house
    FROM generate_series(1, %(count)s) AS g
), typed AS (
    SELECT d.*,
           CASE WHEN r_type < 0.45 THEN 'asb' WHEN r_type < 0.65 THEN 'missing_person'
                WHEN r_type < 0.80 THEN 'mental_health' WHEN r_type < 0.86 THEN 'troubled_family'
                ELSE 'other' END AS case_type,
           extract(year FROM reported_at AT TIME ZONE %(tz)s)::int AS year,
           extract(epoch FROM %(now)s::timestamptz - reported_at) / 86400 AS age_days
    FROM drawn d
), led AS (
    SELECT t.*,
           CASE case_type WHEN 'missing_person' THEN 'police' WHEN 'troubled_family' THEN 'council'
                ELSE (ARRAY['police', 'council', 'fire', 'police', 'council'])[
                    1 + floor(r_lead * 5)::int] END AS lead_slug,
           CASE WHEN age_days > 365 THEN
                    CASE WHEN r_status < 0.98 THEN 'closed' ELSE 'open' END
                WHEN age_days > 90 THEN
                    CASE WHEN r_status < 0.80 THEN 'closed' WHEN r_status < 0.93 THEN 'open'
                         ELSE 'under_review' END
                ELSE CASE WHEN r_status < 0.10 THEN 'new' WHEN r_status < 0.20 THEN 'triaged'
                          WHEN r_status < 0.60 THEN 'open' WHEN r_status < 0.70 THEN 'under_review'
                          ELSE 'closed' END END AS status,
           row_number() OVER (PARTITION BY year ORDER BY g) AS number
    FROM typed t
)
INSERT INTO casework_case (
    id, reference, case_type, status, risk_level, summary, address, ward, lead_agency_id,
    lead_officer_id, created_by_id, reported_at, opened_at, closed_at, closure_reason,
    next_review_on, is_restricted, version, created_at, updated_at)
SELECT l.g,
       %(prefix)s || '-' || l.year || '-'
           || lpad((l.number + coalesce(rc.last_number, 0))::text,
                   greatest(5, length((l.number + coalesce(rc.last_number, 0))::text)), '0'),
       l.case_type, l.status,
       CASE WHEN r_risk < 0.6 THEN 'standard' WHEN r_risk < 0.9 THEN 'medium' ELSE 'high' END,
       (%(summaries)s::jsonb -> l.case_type)
           ->> floor(r_text * jsonb_array_length(%(summaries)s::jsonb -> l.case_type))::int,
       l.house || ' ' || (%(streets)s::text[])[1 + floor(r_street * %(street_count)s)::int]
           || ', Eastbridge',
       (%(wards)s::text[])[1 + floor(r_ward * %(ward_count)s)::int],
       a.id,
       CASE WHEN l.status = 'new' THEN NULL ELSE s.user_id END,
       s.user_id,
       l.reported_at,
       CASE WHEN l.status = 'new' THEN NULL ELSE l.reported_at END,
       CASE WHEN l.status = 'closed'
            THEN l.reported_at + (1 + floor(r_close * 90)) * interval '1 day' END,
       CASE WHEN l.status = 'closed' THEN 'Resolved: no further reports after the plan.'
            ELSE '' END,
       -- A closed case kept its last review date; an open one is reviewed every few weeks,
       -- so its next review falls in the coming four weeks or (one in fifteen) is late.
       CASE WHEN l.status = 'closed'
            THEN (l.reported_at
                  + (ARRAY[14, 28, 56])[1 + floor(r_review * 3)::int] * interval '1 day')::date
            ELSE (%(now)s::timestamptz AT TIME ZONE %(tz)s)::date
                 + (floor(r_review * 30)::int - 2) END,
       r_restricted < 0.01,
       1, l.reported_at, l.reported_at
FROM led l
JOIN scale_agency a ON a.slug = l.lead_slug
JOIN scale_staff s ON s.agency_id = a.id AND s.n = 1 + floor(l.r_officer * a.staff)::int
LEFT JOIN casework_referencecounter rc ON rc.year = l.year
"""


def _cases(cursor, count: int, now) -> None:
    start = now - timedelta(days=365 * YEARS)
    streets, wards = _streets(), list(WARDS)
    cursor.execute(
        CASES_SQL,
        {
            "count": count,
            "start": start,
            "step": (now - start).total_seconds() / max(count, 1),
            "now": now,
            "tz": settings.TIME_ZONE,
            "prefix": settings.ICST_REFERENCE_PREFIX,
            "summaries": json.dumps({str(k): v for k, v in SUMMARIES.items()}),
            "streets": streets,
            "street_count": len(streets),
            "wards": wards,
            "ward_count": len(wards),
        },
    )


def _details(cursor) -> None:
    cursor.execute(
        """
        INSERT INTO casework_asbdetail (case_id, category, victim_risk)
        SELECT id, (ARRAY['personal', 'nuisance', 'environmental'])[1 + floor(random() * 3)::int],
               risk_level
        FROM casework_case WHERE case_type = 'asb'
        """
    )
    cursor.execute(
        """
        INSERT INTO casework_missingpersondetail (
            case_id, risk_grade, grade_rationale, graded_by_id, graded_at, is_child, last_seen_at,
            last_seen_place, returned_at, return_interview_due_at, return_interview_done_at)
        SELECT id, grade, 'Graded ' || replace(grade, '_', ' ') || ' on the information then.',
               created_by_id, reported_at, is_child,
               reported_at - (1 + floor(random() * 24)) * interval '1 hour',
               'Near ' || split_part(address, ', ', 1),
               returned_at,
               CASE WHEN is_child THEN returned_at + interval '72 hours' END,
               CASE WHEN is_child AND status = 'closed' THEN returned_at + interval '48 hours' END
        FROM (
            SELECT c.*,
                   (ARRAY['no_apparent_risk', 'low', 'medium', 'high'])[
                       1 + floor(random() * 4)::int] AS grade,
                   random() < 0.6 AS is_child,
                   CASE WHEN status = 'closed' OR random() < 0.5
                        THEN reported_at + (2 + floor(random() * 58)) * interval '1 hour'
                   END AS returned_at
            FROM casework_case c WHERE case_type = 'missing_person'
        ) AS mp
        """
    )
    cursor.execute(
        """
        INSERT INTO casework_mentalhealthdetail (
            case_id, presentation, services_involved, rcrp_threshold, responsible_agency_id,
            decision_rationale)
        SELECT id, presentation, 'Community mental health team; GP.', threshold,
               CASE WHEN threshold = 'not_met'
                    THEN (SELECT id FROM scale_agency WHERE slug = 'health') END,
               'Assessed against Right Care, Right Person at the call.'
        FROM (
            SELECT id, (ARRAY['concern', 'crisis'])[1 + floor(random() * 2)::int] AS presentation,
                   (ARRAY['crime', 'risk_to_life', 'not_met'])[1 + floor(random() * 3)::int]
                       AS threshold
            FROM casework_case WHERE case_type = 'mental_health'
        ) AS mh
        """
    )
    cursor.execute(
        """
        INSERT INTO casework_troubledfamilydetail (case_id, needs, lead_professional_id)
        SELECT c.id,
               (SELECT jsonb_agg(need) FROM (
                    SELECT need FROM unnest(%s::text[]) AS need
                    WHERE c.id IS NOT NULL ORDER BY random() LIMIT 3 + (c.id %% 4)) AS picked),
               c.lead_officer_id
        FROM casework_case c WHERE c.case_type = 'troubled_family'
        """,
        [
            [
                "education",
                "early_years",
                "health",
                "substance_use",
                "relationships",
                "child_safety",
                "crime",
                "domestic_abuse",
                "housing",
                "finances",
            ]
        ],
    )


def _people(cursor) -> None:
    given, family = GIVEN + MORE_GIVEN, FAMILY + MORE_FAMILY
    # Person 2c-1 is case c's victim, 2c its subject. power() skews names towards the
    # first in each list, as real surnames are skewed.
    cursor.execute(
        """
        INSERT INTO casework_person (
            id, given_name, family_name, date_of_birth, address, postcode, phone, email,
            contact_preference, created_at)
        SELECT 2 * (c.id - 1) + k,
               (%(given)s::text[])[1 + floor(power(random(), 1.2) * %(given_count)s)::int],
               (%(family)s::text[])[1 + floor(power(random(), 1.2) * %(family_count)s)::int],
               (c.reported_at - (12 * 365 + floor(random() * 73 * 365)) * interval '1 day')::date,
               c.address,
               'EB' || (1 + floor(random() * 9)) || ' ' || (1 + floor(random() * 9))
                   || substr('ABDEFGHJ', 1 + floor(random() * 8)::int, 1)
                   || substr('LNPQRSTU', 1 + floor(random() * 8)::int, 1),
               '07700 9' || lpad(floor(random() * 100000)::text, 5, '0'),
               '', 'phone', c.reported_at
        FROM casework_case c CROSS JOIN generate_series(1, 2) AS k
        """,
        {
            "given": given,
            "given_count": len(given),
            "family": family,
            "family_count": len(family),
        },
    )
    cursor.execute(
        """
        INSERT INTO casework_caseparticipant (case_id, person_id, role, added_by_id, added_at)
        SELECT c.id, 2 * (c.id - 1) + k, CASE k WHEN 1 THEN 'victim' ELSE 'subject' END,
               c.created_by_id, c.reported_at
        FROM casework_case c CROSS JOIN generate_series(1, 2) AS k
        """
    )
    # Repeat subjects: one case in ten also names the subject of an earlier case.
    cursor.execute(
        """
        INSERT INTO casework_caseparticipant (case_id, person_id, role, added_by_id, added_at)
        SELECT id, 2 * (1 + floor(random() * (id - 1))), 'subject', created_by_id, reported_at
        FROM casework_case WHERE id > 1 AND random() < 0.1
        """
    )


def _shares(cursor, org: dict) -> None:
    # Nine cases in ten are shared with one to three partner agencies (weights 4:3:2).
    cursor.execute(
        """
        INSERT INTO casework_caseshare (
            case_id, agency_id, reason, lawful_basis, statutory_basis, agreement_id, shared_by_id,
            shared_at, revoke_reason)
        SELECT c.id, p.agency_id, 'Partner involvement needed to resolve the concern.',
               'agreement', '', %s, c.created_by_id, c.reported_at + interval '1 hour', ''
        FROM (
            SELECT id, lead_agency_id, created_by_id, reported_at,
                   CASE WHEN r < 0.1 THEN 0 WHEN r < 0.5 THEN 1 WHEN r < 0.8 THEN 2 ELSE 3 END
                       AS wanted
            FROM (SELECT *, random() AS r FROM casework_case) AS drawn
        ) AS c
        CROSS JOIN LATERAL (
            SELECT agency_id FROM scale_partner
            WHERE agency_id <> c.lead_agency_id ORDER BY random() LIMIT c.wanted
        ) AS p
        """,
        [org["agreement"].pk],
    )


def _timeline(cursor) -> None:
    sensitivities = ["standard"] * 7 + list(SENSITIVE_AUTHORS)
    cursor.execute(
        """
        INSERT INTO casework_timelineentry (
            case_id, kind, body, sensitivity, author_id, author_agency_id, created_at)
        SELECT e.case_id, e.kind,
               (%(notes)s::jsonb -> e.sensitivity)
                   ->> floor(e.r_text * jsonb_array_length(%(notes)s::jsonb -> e.sensitivity))::int,
               e.sensitivity,
               coalesce(a.officer_id, e.created_by_id),
               coalesce(a.id, e.lead_agency_id),
               e.reported_at + (e.k * 6 - 5) * interval '1 hour' + e.r_text * interval '5 hours'
        FROM (
            SELECT c.id AS case_id, c.created_by_id, c.lead_agency_id, c.reported_at, k,
                   (%(sensitivities)s::text[])[1 + floor(random() * 10)::int] AS sensitivity,
                   CASE WHEN random() < 0.8 THEN 'note' WHEN random() < 0.75 THEN 'contact'
                        ELSE 'decision' END AS kind,
                   random() AS r_text
            FROM casework_case c CROSS JOIN generate_series(1, 5) AS k
        ) AS e
        LEFT JOIN scale_agency a ON a.slug = (%(authors)s::jsonb ->> e.sensitivity)
        """,
        {
            "notes": json.dumps(NOTES),
            "sensitivities": sensitivities,
            "authors": json.dumps(SENSITIVE_AUTHORS),
        },
    )


def _actions_and_events(cursor, now) -> None:
    # An action is done within days, except on cases reported in the last three weeks.
    cursor.execute(
        """
        INSERT INTO casework_action (
            case_id, description, assigned_agency_id, assigned_to_id, due_on, created_by_id,
            created_at, completed_at, completed_by_id, outcome)
        SELECT id, 'Visit and review the risk assessment', lead_agency_id, lead_officer_id,
               (reported_at + (1 + floor(random() * 14)) * interval '1 day')::date, created_by_id,
               reported_at,
               CASE WHEN done THEN reported_at + interval '3 days' END,
               CASE WHEN done THEN created_by_id END,
               CASE WHEN done THEN 'Done.' ELSE '' END
        FROM (
            SELECT c.*, status = 'closed' OR reported_at < %(now)s - interval '21 days' AS done
            FROM casework_case c WHERE random() < 0.5
        ) AS chosen
        """,
        {"now": now},
    )
    cursor.execute(
        """
        INSERT INTO casework_caseevent (case_id, kind, actor_id, at, data)
        SELECT id, 'opened', created_by_id, reported_at, '{}'::jsonb FROM casework_case
        """
    )
    cursor.execute(
        """
        INSERT INTO casework_caseevent (case_id, kind, actor_id, at, data)
        SELECT s.case_id, 'shared', s.shared_by_id, s.shared_at,
               jsonb_build_object('agency', a.name)
        FROM casework_caseshare s JOIN partners_agency a ON a.id = s.agency_id
        """
    )


# Obligations due at the moment of the load, for the follow-up scanner to find: half with
# a reminder due, half past their deadline.
DUE_OBLIGATIONS = 1000


def _contact_plans(cursor, now) -> None:
    """A contact plan for the victim of every ASB and "other" case, and its updates: met on
    closed cases, one met and the next one owed on open cases (a few of them due now)."""
    cursor.execute(
        """
        INSERT INTO followups_contactplan (
            id, case_id, person_id, entitlement, channel, update_every_working_days,
            opted_out, victim_support_opt_out, single_point_of_contact_id, created_at)
        SELECT id, id, 2 * (id - 1) + 1, CASE WHEN enhanced THEN 'enhanced' ELSE 'standard' END,
               'phone', CASE WHEN enhanced THEN 5 ELSE 10 END, false, false, NULL, reported_at
        FROM (SELECT c.*, random() < 0.2 AS enhanced FROM casework_case c
              WHERE case_type IN ('asb', 'other')) AS victims
        """
    )
    met = """
        INSERT INTO followups_obligation (
            plan_id, case_id, kind, reason, due_at, remind_at, created_at, met_at, met_how,
            met_by_id, cancelled_at, cancel_reason, reminded_at, missed_at, escalated_at,
            escalated_further_at)
        SELECT c.id, c.id, 'regular', 'Regular update', due, due - interval '1 day',
               c.reported_at, due - interval '2 days', 'Phone call', c.created_by_id, NULL, '',
               NULL, NULL, NULL, NULL
        FROM casework_case c
        JOIN followups_contactplan p ON p.id = c.id
        CROSS JOIN LATERAL (SELECT c.reported_at + k * interval '14 days' AS due
                            FROM generate_series(1, %(updates)s) AS k) AS owed
        WHERE due < %(now)s AND (c.status <> 'closed' OR random() < %(share)s)
        """
    # Every closed case had one update met, seven in ten a second; open ones up to two.
    cursor.execute(met.replace("%(updates)s", "1"), {"now": now, "share": 1.0})
    cursor.execute(
        met.replace("%(updates)s", "2").replace("generate_series(1,", "generate_series(2,"),
        {"now": now, "share": 0.7},
    )
    cursor.execute(
        """
        INSERT INTO followups_obligation (
            plan_id, case_id, kind, reason, due_at, remind_at, created_at, met_at, met_how,
            met_by_id, cancelled_at, cancel_reason, reminded_at, missed_at, escalated_at,
            escalated_further_at)
        SELECT id, id, 'regular', 'Regular update', due, due - interval '1 day',
               %(now)s, NULL, '', NULL, NULL, '', NULL, NULL, NULL, NULL
        FROM (
            SELECT c.id,
                   CASE WHEN n <= %(due)s / 2 THEN %(now)s - (1 + random() * 47) * interval '1 hour'
                        WHEN n <= %(due)s THEN %(now)s + (1 + random() * 22) * interval '1 hour'
                        ELSE %(now)s + (2 + random() * 12) * interval '1 day' END AS due
            FROM (SELECT id, row_number() OVER (ORDER BY random()) AS n FROM casework_case
                  WHERE status <> 'closed' AND case_type IN ('asb', 'other')) AS c
        ) AS owed
        """,
        {"now": now, "due": DUE_OBLIGATIONS},
    )


def _grants(cursor) -> None:
    cursor.execute(
        """
        INSERT INTO casework_caseuserobjectpermission (content_object_id, permission_id, user_id)
        SELECT c.id, p.id, grantee
        FROM casework_case c
        JOIN scale_agency a ON a.id = c.lead_agency_id
        CROSS JOIN LATERAL (
            SELECT DISTINCT unnest(ARRAY[c.created_by_id, a.manager_id]) AS grantee
        ) AS g
        JOIN auth_permission p ON p.codename = %s
        JOIN django_content_type ct ON ct.id = p.content_type_id AND ct.app_label = 'casework'
        WHERE c.is_restricted
        """,
        [RESTRICTED_PERMISSION],
    )


# Each history row is stamped when its record was created, by whom, where known.
HISTORY_SOURCES = {
    Case: ("casework_case t", "t.created_at", "t.created_by_id"),
    Person: ("casework_person t", "t.created_at", "NULL"),
    CaseParticipant: ("casework_caseparticipant t", "t.added_at", "t.added_by_id"),
    CaseShare: ("casework_caseshare t", "t.shared_at", "t.shared_by_id"),
    Action: ("casework_action t", "t.created_at", "t.created_by_id"),
    ContactPlan: ("followups_contactplan t", "t.created_at", "NULL"),
}


def _history(cursor) -> None:
    history_fields = {"history_id", "history_date", "history_change_reason", "history_type",
                      "history_user"}  # fmt: skip
    for model in HISTORIED:
        historical = model.history.model
        columns = [
            f.column for f in historical._meta.concrete_fields if f.name not in history_fields
        ]
        source, at, who = HISTORY_SOURCES.get(
            model,
            (
                f"{model._meta.db_table} t JOIN casework_case c ON c.id = t.case_id",
                "c.reported_at",
                "c.created_by_id",
            ),
        )
        names = ", ".join(columns)
        sources = ", ".join("t." + column for column in columns)
        # Table and column names come from the models' metadata, not from input.
        names += ", history_date, history_type, history_user_id"
        target = f"{historical._meta.db_table} ({names})"
        select = f"SELECT {sources}, {at}, '+', {who} FROM {source}"  # noqa: S608
        cursor.execute(f"INSERT INTO {target} {select}")


def _counters_and_sequences(cursor) -> None:
    cursor.execute(
        """
        INSERT INTO casework_referencecounter (year, last_number)
        SELECT extract(year FROM reported_at AT TIME ZONE %s)::int, count(*)
        FROM casework_case GROUP BY 1
        ON CONFLICT (year) DO UPDATE
            SET last_number = casework_referencecounter.last_number + EXCLUDED.last_number
        """,
        [settings.TIME_ZONE],
    )
    models_ = [*LOADED, *(model.history.model for model in HISTORIED)]
    for model in models_:
        if not isinstance(model._meta.pk, AutoFieldMixin):
            continue  # one-to-one detail rows take their case's key
        table, column = model._meta.db_table, model._meta.pk.column
        highest = f"SELECT coalesce(max({column}), 0) FROM {table}"  # noqa: S608
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, %s), greatest(1, ({highest})))",
            [table, column],
        )
