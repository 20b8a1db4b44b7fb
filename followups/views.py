"""Pages for victim follow-up. The public status page needs no login: its
token is the only key, checked in constant time and rate-limited per address."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from audit.models import AccessLog
from audit.services import access_record

from . import selectors, services
from .forms import ContactRequestForm


def _not_valid(request, status: int = 404):
    return render(request, "followups/track_invalid.html", status=status)


@never_cache
@ratelimit(key="ip", rate=lambda group, request: settings.FOLLOWUPS_STATUS_LINK_RATE, block=False)
def track(request, token: str):
    if getattr(request, "limited", False):
        return render(request, "followups/track_limited.html", status=429)
    link = selectors.status_link_for_token(token)
    if link is None:
        return _not_valid(request)
    form = ContactRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_request_make(link=link, message=form.cleaned_data["message"])
        return redirect(request.path + "?asked=1")
    access_record(
        user=None,
        action=AccessLog.Action.VIEW_CASE,
        request=request,
        obj=link.case,
        detail={"via": "status link", "link": link.pk},
    )
    context = {
        "status": selectors.public_status(link),
        "form": form,
        "asked": request.GET.get("asked") == "1",
    }
    return render(request, "followups/track.html", context)
