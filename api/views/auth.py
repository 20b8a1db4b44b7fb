"""Tokens: issue with username and password (and a second factor where the role needs
one), revoke with the token itself; and who the caller is."""

from django.contrib.auth import authenticate
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services import two_factor_required
from common.api.serializers import StrictInputSerializer
from partners.rules import cleared_sensitivities, membership_of

from ..exceptions import LockedOut
from ..permissions import IsAuthenticated
from ..serializers import AgencyRefSerializer


class TokenRequest(StrictInputSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=1024, trim_whitespace=False)
    otp = serializers.CharField(
        max_length=20,
        required=False,
        help_text="A code from your authenticator app (or a recovery code): required for "
        "roles that must use two-factor authentication.",
    )


class TokenResponse(serializers.Serializer):
    token = serializers.CharField()
    expiry = serializers.DateTimeField(allow_null=True)


class TokenView(APIView):
    """``POST`` issues a token; ``DELETE`` revokes the token the request was made with."""

    throttle_scope = "api_token"

    def get_permissions(self):
        if self.request.method == "POST":
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_throttles(self):
        return super().get_throttles() if self.request.method == "POST" else []

    @extend_schema(
        request=TokenRequest,
        responses={201: TokenResponse},
        auth=[],
        summary="Get a token",
        description="Attempts are throttled and counted by the sign-in lockout.",
    )
    def post(self, request):
        data = _valid(TokenRequest, request)
        # django-axes counts this attempt and refuses a locked-out username and address.
        user = authenticate(request=request, username=data["username"], password=data["password"])
        if getattr(request, "axes_locked_out", False):
            raise LockedOut()
        if user is None:
            raise exceptions.AuthenticationFailed("Wrong username or password.")
        _check_second_factor(user, data.get("otp", ""))
        token_row, token = AuthToken.objects.create(user=user)
        return Response(
            {"token": token, "expiry": token_row.expiry}, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=None, responses={204: None}, summary="Revoke this token")
    def delete(self, request):
        if not isinstance(request.auth, AuthToken):
            raise exceptions.ParseError("Send the token to revoke in the Authorization header.")
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


def _check_second_factor(user, code: str) -> None:
    """Roles that must use two factors get a token only with a current code."""
    if not two_factor_required(user):
        return
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise exceptions.PermissionDenied(
            "Your role must use two-factor authentication: set up an authenticator app "
            "by signing in to the web application first."
        )
    if not code.strip():
        raise exceptions.AuthenticationFailed(
            "Your role must use two-factor authentication: send 'otp' with a code from "
            "your authenticator app.",
            code="otp_required",
        )
    if match_token(user, code.strip()) is None:
        raise exceptions.AuthenticationFailed(
            "That authenticator code is not valid.", "otp_invalid"
        )


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    email = serializers.CharField()
    agency = AgencyRefSerializer(allow_null=True)
    role = serializers.CharField(allow_null=True)
    cleared_sensitivities = serializers.ListField(child=serializers.CharField())
    two_factor_required = serializers.BooleanField()


class MeView(APIView):
    @extend_schema(responses=MeSerializer, summary="Who am I")
    def get(self, request):
        user = request.user
        membership = membership_of(user)
        return Response(
            MeSerializer(
                {
                    "id": user.pk,
                    "username": user.username,
                    "name": user.get_full_name() or user.username,
                    "email": user.email,
                    "agency": membership.agency if membership else None,
                    "role": membership.role if membership else None,
                    "cleared_sensitivities": sorted(cleared_sensitivities(user)),
                    "two_factor_required": two_factor_required(user),
                }
            ).data
        )


__all__ = ["MeView", "TokenView"]
