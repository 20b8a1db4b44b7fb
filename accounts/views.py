import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .forms import CodeForm


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else "/"


@login_required
def two_factor(request):
    """Verify with the authenticator or a recovery code; enrol first if there is none."""
    if services.totp_device(request.user) is None:
        return _enrol(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", "That code is not right. Check your app and try again.")
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)}
    )


def _enrol(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None or request.method == "GET":
        device = services.totp_enrolment_start(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_enrolment_confirm(
            user=request.user, device=device, token=form.cleaned_data["code"]
        )
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
        form.add_error("code", "That code is not right. Enter the code your app shows now.")
    context = {
        "form": form,
        "qr_code": _qr_data_uri(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": _safe_next(request),
    }
    return render(request, "accounts/two_factor_enrol.html", context)


def _qr_data_uri(text: str) -> str:
    buffer = BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
@require_POST
def recovery_codes_renew(request):
    if not request.user.is_verified():
        return redirect("accounts:two_factor")
    codes = services.recovery_codes_renew(request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


@login_required
def sessions(request):
    if request.method == "POST":
        ended = services.session_end(
            user=request.user, session_key=request.POST.get("session_key", "")
        )
        if ended:
            messages.success(request, "That session has been signed out.")
        else:
            messages.error(request, "That session was not found; it may already have ended.")
        return redirect("accounts:sessions")
    context = {
        "sessions": services.sessions_active(request.user),
        "current_key": request.session.session_key,
    }
    return render(request, "accounts/sessions.html", context)


def locked_out(request, original_response=None, credentials=None):
    """Shown by django-axes when a username and address have failed too often."""

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
