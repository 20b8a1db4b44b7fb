"""The Django admin inside the access policy: the whole cast against every admin URL.

The sweep walks ``admin.site._registry``, so a model registered later is swept too. The
planted records are what the policy keeps from an administrator: a restricted case,
police-intelligence, health and children's entries, health details, and every user's
authenticator key and recovery codes.
"""

import base64
import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import UserSession
from audit.models import AccessLog
from audit.services import access_record
from casework import services
from casework.models import Case, CaseType, TimelineEntry
from partners.models import Sensitivity

SECRET_CASE_TEXT = "Covert observation of 9 Quarry Lane"
HEALTH_DETAIL_TEXT = "Sectioned twice; lithium prescribed"
HIDDEN_ENTRY_SENSITIVITIES = [
    Sensitivity.POLICE_INTELLIGENCE,
    Sensitivity.HEALTH,
    Sensitivity.CHILDRENS_SAFEGUARDING,
]


def verified(client, user) -> TOTPDevice:
    """Sign ``user`` in as if they had passed the second factor."""
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def planted(cast, case, notes):
    restricted = services.case_open(
        actor=cast.owner,
        case_type=CaseType.ASB,
        summary=SECRET_CASE_TEXT,
        address="9 Quarry Lane, Eastbridge",
        lead_officer=cast.owner,
        status="open",
        detail={"category": "personal"},
    )
    services.case_restrict(
        actor=cast.police_manager, case=restricted, restricted=True, reason="Live operation."
    )
    services.case_open(
        actor=cast.owner,
        case_type=CaseType.MENTAL_HEALTH,
        summary="Man in distress on the bridge.",
        lead_officer=cast.owner,
        status="open",
        detail={
            "presentation": "crisis",
            "rcrp_threshold": "risk_to_life",
            "decision_rationale": HEALTH_DETAIL_TEXT,
        },
    )
    manager_phone = TOTPDevice.objects.create(
        user=cast.police_manager, name="phone", confirmed=True
    )
    codes = StaticDevice.objects.create(user=cast.police_manager, name="Recovery codes")
    StaticToken.objects.create(device=codes, token="rq7bx2kd")
    UserSession.objects.create(user=cast.police_manager, session_key="k" * 32)
    access_record(user=cast.owner, action=AccessLog.Action.VIEW_CASE, obj=restricted)
    key = bytes.fromhex(manager_phone.key)
    return {
        "restricted": restricted,
        "markers": [
            restricted.reference,
            SECRET_CASE_TEXT,
            "9 Quarry Lane",
            HEALTH_DETAIL_TEXT,
            manager_phone.key,
            base64.b32encode(key).decode(),
            "rq7bx2kd",
            *(notes[sensitivity].body for sensitivity in HIDDEN_ENTRY_SENSITIVITIES),
        ],
    }


PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>")


def _admin_urls() -> list[tuple[type, str]]:
    """Every route of every registered model's admin, as (model, route) pairs."""
    return [
        (model, str(pattern.pattern))
        for model, model_admin in admin.site._registry.items()
        for pattern in model_admin.get_urls()
    ]


def _filled(model, route: str) -> list[str]:
    """The route with its placeholders filled for every stored object of ``model``."""
    prefix = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    names = PLACEHOLDER.findall(route)
    if not names:
        return [prefix + route]
    urls = []
    for obj in model._default_manager.all()[:40]:
        values = {"object_id": obj.pk, "id": obj.pk}
        if "version_id" in names:
            version = obj.history.first() if hasattr(obj, "history") else None
            if version is None:
                continue
            values["version_id"] = version.history_id
        urls.append(prefix + PLACEHOLDER.sub(lambda m, v=values: str(v[m.group(1)]), route))
    return urls


def _site_urls() -> list[str]:
    urls = ["/admin/", "/admin/password_change/", "/admin/jsi18n/"]
    urls += [f"/admin/{label}/" for label in {m._meta.app_label for m in admin.site._registry}]
    return urls


def _every_url() -> list[str]:
    return _site_urls() + [url for model, route in _admin_urls() for url in _filled(model, route)]


def _assert_nothing_leaks(response, markers: list[str], url: str) -> None:
    assert response.status_code < 500, url
    body = response.content.decode(errors="replace")
    for marker in markers:
        assert marker not in body, f"{marker!r} shown at {url}"


@pytest.mark.parametrize("casework_pages", [False, True])
def test_a_verified_administrator_sees_nothing_the_policy_refuses(
    client, cast, planted, settings, casework_pages
):
    settings.ICST_ADMIN_CASEWORK = casework_pages
    verified(client, cast.admin)
    urls = _every_url()
    assert len(urls) > 100  # every model's pages, and each stored object's
    for url in urls:
        response = client.get(url)
        _assert_nothing_leaks(response, planted["markers"], url)


def test_case_pages_are_off_by_default_and_read_only_when_on(client, cast, planted, settings):
    case = Case.objects.exclude(pk=planted["restricted"].pk).first()
    change = reverse("admin:casework_case_change", args=[case.pk])
    verified(client, cast.admin)
    settings.ICST_ADMIN_CASEWORK = False
    assert client.get(reverse("admin:casework_case_changelist")).status_code == 403
    assert client.get(change).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/casework/" not in index and "/admin/partners/" in index

    settings.ICST_ADMIN_CASEWORK = True
    listing = client.get(reverse("admin:casework_case_changelist")).content.decode()
    assert case.reference in listing
    assert planted["restricted"].reference not in listing
    page = client.get(change)
    assert page.status_code == 200 and case.summary in page.content.decode()
    assert "Save" not in page.content.decode()


@pytest.mark.parametrize(
    "name, data",
    [
        ("change", {"is_restricted": "on", "summary": "Edited around the services."}),
        ("delete", {"post": "yes"}),
    ],
)
def test_no_case_record_is_changed_through_the_admin(client, cast, case, settings, name, data):
    settings.ICST_ADMIN_CASEWORK = True
    verified(client, cast.admin)
    before = Case.objects.get(pk=case.pk)
    response = client.post(reverse(f"admin:casework_case_{name}", args=[case.pk]), data)
    assert response.status_code == 403
    assert client.post(reverse("admin:casework_case_add"), data).status_code == 403
    entry = services.entry_add(actor=cast.owner, case=case, body="Visited the address.")
    url = reverse("admin:casework_timelineentry_delete", args=[entry.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    after = Case.objects.get(pk=case.pk)
    assert (after.summary, after.is_restricted, after.version) == (
        before.summary,
        before.is_restricted,
        before.version,
    )
    assert Case.objects.count() == 1 and TimelineEntry.objects.filter(pk=entry.pk).exists()


def test_a_case_or_person_opened_in_the_admin_is_in_the_access_log(client, cast, case, settings):
    settings.ICST_ADMIN_CASEWORK = True
    person, _ = services.person_find_or_create(
        actor=cast.owner, given_name="Amy", family_name="Jones"
    )
    services.participant_add(actor=cast.owner, case=case, person=person, role="victim")
    entry = services.entry_add(actor=cast.owner, case=case, body="Visited the address.")
    verified(client, cast.admin)
    client.get(reverse("admin:casework_case_change", args=[case.pk]))
    client.get(reverse("admin:casework_timelineentry_change", args=[entry.pk]))
    client.get(reverse("admin:casework_person_change", args=[person.pk]))
    client.get(reverse("admin:casework_case_changelist"), {"q": "Jones"})
    log = AccessLog.objects.filter(user=cast.admin)
    case_views = log.filter(action=AccessLog.Action.VIEW_CASE, object_id=str(case.pk))
    assert {e.detail["record"] for e in case_views} == {"case", "timelineentry"}
    assert log.filter(action=AccessLog.Action.VIEW_PERSON, object_id=str(person.pk)).exists()
    assert log.filter(action=AccessLog.Action.SEARCH, detail__query="Jones").exists()
    assert "Amy" not in "".join(log.values_list("object_label", flat=True))


def test_nobody_but_a_verified_administrator_opens_any_admin_page(client, cast, planted):
    urls = _every_url()
    outsiders = {name: user for name, user in cast.everyone().items() if name != "admin"}
    superuser = get_user_model().objects.create_superuser("root", password="x" * 16)
    for user in [*outsiders.values(), superuser]:
        client.logout()
        verified(client, user)  # the second factor does not make a non-administrator one
        for url in urls[:: max(1, len(urls) // 60)] + ["/admin/"]:
            response = client.get(url)
            assert response.status_code in {302, 403, 404}, (user.username, url)
            _assert_nothing_leaks(response, planted["markers"], url)
    client.logout()
    for url in ["/admin/", "/admin/casework/case/", "/admin/otp_totp/totpdevice/"]:
        response = client.get(client.get(url).url)  # the admin's sign-in sends to ours
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"


def test_an_administrator_must_pass_the_second_factor_first(client, cast):
    client.force_login(cast.admin)
    response = client.get("/admin/", follow=False)
    assert response.status_code == 302
    response = client.get(response.url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor"))
    verified(client, cast.admin)
    assert client.get("/admin/").status_code == 200


def test_a_signed_in_non_administrator_is_refused_not_sent_round(client, cast):
    verified(client, cast.police_manager)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403


def test_a_verified_administrator_still_runs_agencies_and_users(client, cast):
    verified(client, cast.admin)
    for url in ["/admin/partners/agency/", "/admin/partners/membership/", "/admin/auth/user/"]:
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("admin:auth_user_change", args=[cast.owner.pk])).content.decode()
    assert "is_superuser" not in page and "user_permissions" not in page


def test_two_factor_is_reset_never_edited(client, cast):
    phone = TOTPDevice.objects.create(user=cast.police_manager, name="phone", confirmed=True)
    codes = StaticDevice.objects.create(user=cast.police_manager, name="Recovery codes")
    verified(client, cast.admin)
    change = reverse("admin:otp_totp_totpdevice_change", args=[phone.pk])
    key = phone.key
    assert client.post(change, {"key": "00" * 20, "name": "x"}).status_code == 403
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    phone.refresh_from_db()
    assert phone.key == key

    response = client.post(
        reverse("admin:otp_totp_totpdevice_changelist"),
        {"action": "two_factor_reset", "_selected_action": [phone.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.police_manager).exists()
    assert not StaticDevice.objects.filter(pk=codes.pk).exists()
    assert TOTPDevice.objects.filter(user=cast.admin).exists()  # only the chosen user's


def test_api_tokens_are_revoked_never_issued_in_the_admin(client, cast):
    verified(client, cast.admin)
    add = reverse("admin:knox_authtoken_add")
    assert client.get(add).status_code == 403
    assert client.post(add, {"user": cast.police_manager.pk}).status_code == 403


def test_the_view_on_site_shortcut_is_not_offered(client, cast, case):
    from django.contrib.contenttypes.models import ContentType

    verified(client, cast.admin)
    content_type = ContentType.objects.get_for_model(Case)
    response = client.get(reverse("admin:view_on_site", args=[content_type.pk, case.pk]))
    assert response.status_code == 404


def test_the_first_administrator_is_made_by_command(cast, monkeypatch):
    from django.core.management import CommandError, call_command

    monkeypatch.setenv("FIRST_ADMIN_PASSWORD", "correct horse battery")
    call_command(
        "create_administrator",
        "dpo",
        agency="borough",
        agency_name="Eastbridge Borough Council",
        agency_kind="council",
        password_from_env="FIRST_ADMIN_PASSWORD",
    )
    dpo = get_user_model().objects.get(username="dpo")
    assert dpo.membership.role == "administrator" and dpo.membership.agency.slug == "borough"
    assert not dpo.is_superuser and dpo.check_password("correct horse battery")
    with pytest.raises(CommandError, match="already exists"):
        call_command(
            "create_administrator",
            "dpo",
            agency="borough",
            password_from_env="FIRST_ADMIN_PASSWORD",
        )
    monkeypatch.setenv("WEAK", "short")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_administrator", "dpo2", agency="borough", password_from_env="WEAK")
    with pytest.raises(CommandError, match="No agency 'nowhere'"):
        call_command(
            "create_administrator",
            "dpo3",
            agency="nowhere",
            password_from_env="FIRST_ADMIN_PASSWORD",
        )
    assert not get_user_model().objects.filter(username__in=["dpo2", "dpo3"]).exists()
