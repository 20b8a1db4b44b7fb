"""The officer's home page: what is waiting for the signed-in user across the casebook.

It sits above the apps because it gathers from all of them (the casework lists, the
follow-ups owed, the triage queue's overdue reports); each app's selectors decide what
this user may see.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from casework import selectors
from casework.models import RiskLevel
from casework.types import case_type_choices
from followups import selectors as followups_selectors
from intake import selectors as intake_selectors
from partners.rules import can_work_cases


@login_required
def home(request):
    user = request.user
    return render(
        request,
        "home.html",
        {
            "my_cases": selectors.my_open_cases(user),
            "my_actions": selectors.actions_due_for(user)[: selectors.HOME_LIST_LENGTH],
            "triage": selectors.triage_queue(user),
            "needing_review": selectors.cases_needing_review(user),
            "grades_to_review": selectors.missing_grades_to_review(user),
            "shares_lapsing": selectors.shares_lapsing(user).count(),
            "referrals": selectors.referral_counts(user),
            "grade_review_hours": settings.MISSING_PERSON_HIGH_REVIEW_HOURS,
            "counts": _counts_table(selectors.counts_by_type_and_risk(user)),
            "risk_levels": RiskLevel.choices,
            "today": timezone.localdate(),
            "can_log_cases": can_work_cases(user),
            **followups_selectors.home_context(user),
            "triage_overdue": intake_selectors.triage_overdue(user)[: selectors.HOME_LIST_LENGTH],
        },
    )


def _counts_table(rows: list[dict]) -> list[dict]:
    """Open cases as one row per type with a column per risk level, with readable labels."""
    by_type: dict[str, dict[str, int]] = {}
    for row in rows:
        by_type.setdefault(row["case_type"], {})[row["risk_level"]] = row["total"]
    return [
        {
            "label": label,
            "case_type": value,
            "cells": [(level, by_type[value].get(level, 0)) for level in RiskLevel.values],
            "total": sum(by_type[value].values()),
        }
        for value, label in case_type_choices()
        if value in by_type
    ]
