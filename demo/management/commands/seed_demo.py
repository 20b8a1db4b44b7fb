from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from casework.models import Case
from demo.bulk import seed_cases_bulk
from demo.scale import ScaleSeedRefused, seed_scale
from demo.seed import DEMO_PASSWORD, seed_cases, seed_organisation

# Up to this many cases go through the services one by one (full events and
# history, spread over 90 days); beyond it, bulk inserts over six years.
SERVICE_PATH_LIMIT = 1000
# From this many cases on PostgreSQL, rows are generated inside the database
# (demo.scale): a million cases in minutes rather than hours.
SCALE_PATH_FROM = 20_000


class Command(BaseCommand):
    help = "Load the demo town: agencies, one login per role in each agency, and cases."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=200, help="How many cases (default 200).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when cases already exist."
        )
        parser.add_argument(
            "--seed", type=int, default=42, help="Random seed, for repeatable data."
        )
        parser.add_argument(
            "--scale",
            action="store_true",
            help=f"Use the in-database generator (PostgreSQL only; the default from "
            f"{SCALE_PATH_FROM:,} cases). Refuses a database that already holds cases.",
        )
        parser.add_argument(
            "--wipe",
            action="store_true",
            help="With the in-database generator: first delete every case, person and their "
            "history (the audit log is kept).",
        )
        parser.add_argument(
            "--staff",
            type=int,
            default=1000,
            help="With the in-database generator: logins in total (default 1,000).",
        )

    def handle(self, *args, cases: int, if_empty: bool, seed: int, **options):
        if cases < 0:
            raise CommandError("--cases must be zero or more.")
        if if_empty and Case.objects.exists():
            self.stdout.write("Cases already exist; demo data not loaded again.")
            return
        scale = options["scale"] or (cases >= SCALE_PATH_FROM and connection.vendor == "postgresql")
        if options["wipe"] and not scale:
            raise CommandError("--wipe goes with the in-database generator (--scale).")
        org = seed_organisation()
        if scale:
            made = self._scale(cases, org, seed, options["staff"], options["wipe"])
        elif cases <= SERVICE_PATH_LIMIT:
            made = seed_cases(cases, org, seed=seed)
        else:
            made = seed_cases_bulk(cases, org, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(org['users'])} logins (password '{DEMO_PASSWORD}'), "
                f"{made} cases."
            )
        )

    def _scale(self, cases: int, org: dict, seed: int, staff: int, wipe: bool) -> int:
        self.stdout.write(f"Generating {cases:,} cases inside PostgreSQL...")
        try:
            report = seed_scale(
                cases, org, seed=seed, staff=staff, wipe=wipe, log=self.stdout.write
            )
        except ScaleSeedRefused as refusal:
            raise CommandError(str(refusal)) from None
        rows = ", ".join(f"{table} {count:,}" for table, count in report.rows.items())
        self.stdout.write(f"Loaded in {report.seconds:.0f} s: {rows}")
        return report.cases
