"""Make the first administrator of a new installation (or another one later).

Superuser status grants nothing in the casebook: a person runs it through the
administrator role of a membership, and signs in to the admin with their second factor.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from partners.models import Agency, AgencyKind, Membership, Role


class Command(BaseCommand):
    help = "Create an administrator (a user with the administrator role in an agency)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--agency", required=True, help="The agency's slug, e.g. council.")
        parser.add_argument("--agency-name", help="Create the agency with this name if new.")
        parser.add_argument("--agency-kind", help="Its kind's code (council, police...) if new.")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VARIABLE",
            help="Read the password from this environment variable instead of asking.",
        )

    def handle(self, *args, username: str, agency: str, **options) -> None:
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        password = self._password(options["password_from_env"])
        user = User(username=username, email=options["email"])
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        with transaction.atomic():
            home = self._agency(agency, options["agency_name"], options["agency_kind"])
            user.set_password(password)
            user.save()
            Membership.objects.create(
                user=user, agency=home, role=Role.ADMINISTRATOR, job_title="System administrator"
            )
        self.stdout.write(
            f"{username} is an administrator of {home.name}. At first sign-in they set up "
            "an authenticator app; the admin pages at /admin/ open after it."
        )

    def _password(self, variable: str | None) -> str:
        if variable:
            password = os.environ.get(variable, "")
            if not password:
                raise CommandError(f"The environment variable {variable} is empty or unset.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password

    def _agency(self, slug: str, name: str | None, kind_code: str | None) -> Agency:
        existing = Agency.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        if not (name and kind_code):
            raise CommandError(
                f"No agency {slug!r}. Give --agency-name and --agency-kind to create it."
            )
        kind = AgencyKind.objects.filter(code=kind_code).first()
        if kind is None:
            codes = ", ".join(AgencyKind.objects.values_list("code", flat=True))
            raise CommandError(f"No agency kind {kind_code!r}. Choose one of: {codes}.")
        return Agency.objects.create(slug=slug, name=name, kind=kind)
