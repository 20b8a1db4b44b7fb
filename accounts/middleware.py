from django.shortcuts import redirect
from django.urls import reverse

from .services import two_factor_required

# Pages a signed-in user needs before their second factor is checked.
OPEN_PATHS = (
    "/accounts/two-factor/",
    "/accounts/login/",
    "/accounts/logout/",
    "/static/",
    "/assets/",
)


class RequireTwoFactorMiddleware:
    """Send users whose role needs two-factor authentication to verify (or enrol) first.

    Runs after django-otp's OTPMiddleware, which sets ``request.user.is_verified``.
    API requests authenticated by token are checked by the API's own permission.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(OPEN_PATHS)
            and not request.path.startswith("/api/")
            and two_factor_required(user)
            and not user.is_verified()
        ):
            return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)
