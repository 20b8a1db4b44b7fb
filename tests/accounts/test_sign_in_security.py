"""Locked doors: lockout, two-factor, idle sessions, disabled accounts, security headers."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services

PASSWORD = "correct-horse-battery"


def sign_in(client, username, password=PASSWORD, address="127.0.0.5"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


class TestLockout:
    @pytest.fixture(autouse=True)
    def _lockout_on(self, settings):
        settings.AXES_ENABLED = True

    def test_five_failures_lock_the_username_from_that_address_with_a_clear_message(
        self, cast, client
    ):
        for _ in range(4):
            assert sign_in(client, "owner", "wrong-password").status_code == 200
        locked = sign_in(client, "owner", "wrong-password")
        assert locked.status_code == 429
        assert "too many failed attempts" in locked.content.decode()
        # Even the right password is refused while locked.
        assert sign_in(client, "owner").status_code == 429

    def test_the_lock_is_per_address_and_lifts_after_the_cool_off(self, cast, client):
        for _ in range(5):
            sign_in(client, "owner", "wrong-password")
        assert sign_in(client, "owner", address="127.0.0.6").status_code == 302
        client.logout()
        with time_machine.travel(timezone.now() + timedelta(minutes=61)):
            assert sign_in(client, "owner").status_code == 302


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def _two_factor_on(self, settings):
        settings.TWO_FACTOR_REQUIRED_ROLES = ["manager", "administrator"]

    def test_a_manager_must_enrol_before_using_the_casebook(self, cast, client):
        client.force_login(cast.police_manager)
        response = client.get(reverse("casework:case_list"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two_factor"))
        page = client.get(response["Location"])
        assert b"Set up two-factor authentication" in page.content

    def test_an_officer_is_not_asked_unless_the_setting_says_everyone(self, cast, client):
        client.force_login(cast.owner)
        assert client.get(reverse("casework:case_list")).status_code == 200

    def test_everyone_is_asked_when_the_setting_says_so(self, cast, client, settings):
        settings.TWO_FACTOR_REQUIRED_FOR_EVERYONE = True
        client.force_login(cast.owner)
        assert client.get(reverse("casework:case_list")).status_code == 302

    def test_enrolment_with_a_right_code_gives_recovery_codes_and_access(self, cast, client):
        client.force_login(cast.police_manager)
        client.get(reverse("accounts:two_factor"))
        device = TOTPDevice.objects.get(user=cast.police_manager, confirmed=False)
        wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})
        assert b"That code is not right" in wrong.content
        # After a wrong code the device is throttled briefly, as it should be.
        with time_machine.travel(timezone.now() + timedelta(seconds=5)):
            code = f"{totp(device.bin_key):06d}"
            done = client.post(reverse("accounts:two_factor"), {"code": code})
        assert b"Your recovery codes" in done.content
        assert client.get(reverse("casework:case_list")).status_code == 200

    def test_a_recovery_code_works_once(self, cast, client):
        TOTPDevice.objects.create(user=cast.police_manager, name="app", confirmed=True)
        code = services.recovery_codes_renew(cast.police_manager)[0]
        client.force_login(cast.police_manager)
        assert client.post(reverse("accounts:two_factor"), {"code": code}).status_code == 302
        assert client.get(reverse("casework:case_list")).status_code == 200
        client.logout()
        client.force_login(cast.police_manager)
        again = client.post(reverse("accounts:two_factor"), {"code": code})
        assert again.status_code == 200 and b"That code is not right" in again.content


class TestSessions:
    def test_a_session_ends_after_30_minutes_idle(self, cast, client):
        client.force_login(cast.owner)
        with time_machine.travel(timezone.now() + timedelta(minutes=20)):
            assert client.get(reverse("home")).status_code == 200
        with time_machine.travel(timezone.now() + timedelta(minutes=39)):
            # 19 minutes after the last request: still alive
            assert client.get(reverse("home")).status_code == 200
        with time_machine.travel(timezone.now() + timedelta(minutes=75)):
            response = client.get(reverse("home"))
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))

    def test_a_disabled_account_loses_its_sessions(self, cast, client):
        client.force_login(cast.owner)
        assert client.get(reverse("home")).status_code == 200
        cast.owner.is_active = False
        cast.owner.save()
        assert client.get(reverse("home")).status_code == 302

    def test_a_user_sees_and_ends_their_own_sessions_but_not_others(self, cast, client):
        from django.test import Client

        laptop, phone = Client(), Client()
        sign_in(laptop, "owner")
        sign_in(phone, "owner")
        sign_in(client, "colleague")
        page = laptop.get(reverse("accounts:sessions"))
        assert page.content.decode().count("Sign out<span") == 2
        phone_key = phone.session.session_key
        colleague_key = client.session.session_key
        laptop.post(reverse("accounts:sessions"), {"session_key": colleague_key})
        assert Session.objects.filter(session_key=colleague_key).exists()
        laptop.post(reverse("accounts:sessions"), {"session_key": phone_key})
        assert not Session.objects.filter(session_key=phone_key).exists()
        assert phone.get(reverse("home")).status_code == 302


@pytest.mark.parametrize("url_name", ["login", "home", "casework:case_list"])
def test_security_headers_and_a_strict_content_security_policy(cast, client, url_name):
    if url_name != "login":
        client.force_login(cast.owner)
    response = client.get(reverse(url_name))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp  # a nonce is added only where a page uses one
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_carry_no_inline_script(cast, client, case):
    client.force_login(cast.owner)
    for url in [reverse("home"), reverse("casework:case_detail", args=[case.reference])]:
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            assert "src=" in tag.split(">")[0], f"inline script on {url}"
