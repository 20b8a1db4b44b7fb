"""Signing in and out, and changing the password."""

from django.urls import reverse


def test_the_sign_in_page_carries_the_marking(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "OFFICIAL-SENSITIVE" in page
    assert "<title>Sign in" in page


def test_a_wrong_password_shows_the_error_summary(client, cast):
    response = client.post(reverse("login"), {"username": "owner", "password": "wrong"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert 'href="#id_username"' in page
    assert "<title>Error: Sign in" in page


def test_signing_in_lands_on_home_with_name_agency_and_role(client, cast):
    response = client.post(
        reverse("login"), {"username": "owner", "password": "correct-horse-battery"}, follow=True
    )
    page = response.content.decode()
    assert "Your casework" in page
    assert f"{cast.owner.get_full_name()}</strong>, {cast.police.name} (Officer)" in page


def test_signing_out_needs_a_post_and_ends_the_session(client, cast):
    client.force_login(cast.owner)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_changing_the_password_checks_the_old_one(client, cast):
    client.force_login(cast.owner)
    data = {
        "old_password": "nope",
        "new_password1": "a-much-longer-pass-phrase",
        "new_password2": "a-much-longer-pass-phrase",
    }
    page = client.post(reverse("password_change"), data).content.decode()
    assert 'href="#id_old_password"' in page
    data["old_password"] = "correct-horse-battery"
    response = client.post(reverse("password_change"), data)
    assert response.status_code == 302
    cast.owner.refresh_from_db()
    assert cast.owner.check_password("a-much-longer-pass-phrase")
