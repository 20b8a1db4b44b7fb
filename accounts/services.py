"""Sign-in security: sessions a user can see and end, and two-factor enrolment."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.services import client_address
from partners.rules import role_of

from .models import UserSession

RECOVERY_CODE_COUNT = 10


def session_record_sign_in(sender, request, user, **kwargs) -> None:
    if request is None or not getattr(request, "session", None):
        return
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "ip_address": client_address(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )


def sessions_active(user) -> list[UserSession]:
    """The user's sessions that have not expired or been ended."""
    live_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return list(UserSession.objects.filter(user=user, session_key__in=live_keys))


@transaction.atomic
def session_end(*, user, session_key: str) -> bool:
    """End one of the user's own sessions; another user's key does nothing."""
    mine = UserSession.objects.filter(user=user, session_key=session_key)
    if not mine.exists():
        return False
    Session.objects.filter(session_key=session_key).delete()
    mine.delete()
    return True


def sessions_end_all(user) -> None:
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()


# --- Two-factor authentication ---------------------------------------------------------


def two_factor_required(user) -> bool:
    """The roles the setting names (managers and administrators by default); everyone
    when the setting says so; and a superuser made at the command line, who has no role."""
    if not user.is_authenticated:
        return False
    if settings.TWO_FACTOR_REQUIRED_FOR_EVERYONE:
        return True
    role = role_of(user)
    return role in settings.TWO_FACTOR_REQUIRED_ROLES or (user.is_superuser and role is None)


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_enrolment_start(user) -> TOTPDevice:
    """An unconfirmed authenticator for the user to scan; replaces any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def totp_enrolment_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with a code from it; return fresh recovery codes, or None."""
    if device.user_id != user.pk or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user)


@transaction.atomic
def recovery_codes_renew(user) -> list[str]:
    """Ten single-use recovery codes; earlier ones stop working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Recovery codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def two_factor_reset(user) -> None:
    """Remove the user's authenticator and recovery codes and sign them out everywhere:
    at their next sign-in they enrol a new authenticator. For a lost or stolen phone."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    sessions_end_all(user)
