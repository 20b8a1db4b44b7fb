"""Permission classes for every API endpoint.

The default (REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES) is ``IsAuthenticated``
below. Object rules are never written here: viewsets fetch cases through
``casework.access`` / ``casework.selectors`` (404 out of reach, 403 without the
power), and services refuse what the role may not do.
"""

from rest_framework import permissions

from accounts.services import two_factor_required


class IsAuthenticated(permissions.IsAuthenticated):
    """Signed in; and a session user whose role needs a second factor has verified it.

    Token users proved their second factor when the token was issued
    (``POST /api/v1/auth/token/`` asks for the code), so the token stands for it.
    """

    message = "Verify your second factor (authenticator app) before using the API."

    def has_permission(self, request, view) -> bool:
        if not super().has_permission(request, view):
            return False
        if request.auth is not None:  # a token
            return True
        user = request.user
        return not two_factor_required(user) or _is_verified(user)


def _is_verified(user) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())
