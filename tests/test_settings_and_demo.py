"""Production refuses to start without its secrets; the demo town is complete."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from casework.models import Case, CaseType
from partners.models import Role

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' async-unsafe switch must never reach a deployment check.
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", ALLOWED_HOSTS="casebook.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_refuses_to_start_with_the_sign_in_lockout_off():
    result = manage(
        "check", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="casebook.example.org", AXES_ENABLED="false"
    )
    assert result.returncode != 0
    assert "AXES_ENABLED" in result.stderr


def test_production_passes_the_deployment_checklist_with_no_warnings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="casebook.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_seed_demo_makes_the_documented_logins_and_every_case_type():
    call_command("seed_demo", cases=15, stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    for username in [
        "police.officer", "police.pcso", "council.officer", "fire.officer", "police.manager",
        "childrens.safeguarding_lead", "victimsupport.partner", "admin",
    ]:  # fmt: skip
        user = User.objects.get(username=username)
        assert user.check_password("icst-demo-password")
    assert User.objects.get(username="admin").membership.role == Role.ADMINISTRATOR
    assert set(Case.objects.values_list("case_type", flat=True)) == set(CaseType.values)
    assert Case.objects.count() == 15
    call_command("seed_demo", cases=5, if_empty=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert Case.objects.count() == 15


@pytest.mark.django_db
def test_the_bulk_path_builds_the_same_shape_of_town():
    from casework.models import CaseParticipant, CaseShare, TimelineEntry
    from demo.bulk import seed_cases_bulk
    from demo.seed import seed_organisation

    org = seed_organisation()
    assert seed_cases_bulk(300, org, seed=7) == 300
    assert Case.objects.count() == 300
    assert len(set(Case.objects.values_list("reference", flat=True))) == 300
    assert set(Case.objects.values_list("case_type", flat=True)) == set(CaseType.values)
    assert CaseParticipant.objects.count() == 600
    assert TimelineEntry.objects.count() == 1500
    assert CaseShare.objects.exists()
    assert Case.history.count() == 300
    police_officer = get_user_model().objects.get(username="police.officer")
    from casework import access

    assert 0 < access.visible_cases(police_officer).count() < 300
