"""The Django admin as administrators' tool for running the system, inside the access policy.

Only a signed-in administrator who has passed the second factor opens it; superuser
status grants nothing. Every registered model's admin answers its permission checks
from this site (never from Django's model permissions), and case records are read-only
and scoped by ``casework.access`` like every other page.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from partners.rules import is_administrator


def administrator_verified(user) -> bool:
    """An active administrator who has passed the second factor in this session."""
    is_verified = getattr(user, "is_verified", None)
    return bool(
        user.is_authenticated
        and user.is_active
        and is_administrator(user)
        and is_verified is not None
        and is_verified()
    )


class AdministratorPermissions(admin.ModelAdmin):
    """Placed just above ``ModelAdmin`` in every registered admin's bases: an admin's own
    narrower answers (read-only records, scoped querysets) still win over these."""

    # The "view on site" shortcut would redirect by content type and id to any record.
    view_on_site = False

    def _allowed(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request, *args) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._allowed(request)


class ViewOnlyAdmin(admin.ModelAdmin):
    """Records seen in the admin but never added, changed or deleted there."""

    def has_add_permission(self, request, *args) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class CaseDataAdmin(ViewOnlyAdmin):
    """Case data: in the admin only when ``ICST_ADMIN_CASEWORK`` is on (the staff pages
    show it otherwise), and then read-only."""

    def has_module_permission(self, request) -> bool:
        return settings.ICST_ADMIN_CASEWORK and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return settings.ICST_ADMIN_CASEWORK and super().has_view_permission(request, obj)


def _not_offered(request, *args, **kwargs):
    raise Http404("This page is not offered.")


class CasebookAdminSite(admin.AdminSite):
    site_header = "ICST casebook administration"
    site_title = "ICST casebook administration"
    index_title = "Running the casebook"

    def has_permission(self, request) -> bool:
        return administrator_verified(request.user)

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AdministratorPermissions):
            admin_class = type(
                admin_class.__name__,
                (admin_class, AdministratorPermissions),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def login(self, request, extra_context=None):
        """Sign-in is the casebook's own page; the admin then asks for the second factor."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = reverse("admin:index", current_app=self.name)
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if self.has_permission(request):
            return HttpResponseRedirect(next_url)
        if is_administrator(user) and user.is_active:
            query = urlencode({"next": next_url})
            return HttpResponseRedirect(f"{reverse('accounts:two_factor')}?{query}")
        raise PermissionDenied("The administration pages are for administrators.")

    def get_urls(self) -> list[URLPattern]:
        return [
            path(str(pattern.pattern), _not_offered, name="view_on_site")
            if getattr(pattern, "name", None) == "view_on_site"
            else pattern
            for pattern in super().get_urls()
        ]
