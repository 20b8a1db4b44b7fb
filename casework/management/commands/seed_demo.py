from django.core.management.base import BaseCommand, CommandError

from casework.demo import DEMO_PASSWORD, seed_cases, seed_organisation
from casework.demo_bulk import seed_cases_bulk
from casework.models import Case

# Up to this many cases go through the services one by one (full events and
# history, spread over 90 days); beyond it, bulk inserts over six years.
SERVICE_PATH_LIMIT = 1000


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

    def handle(self, *args, cases: int, if_empty: bool, seed: int, **options):
        if cases < 0:
            raise CommandError("--cases must be zero or more.")
        if if_empty and Case.objects.exists():
            self.stdout.write("Cases already exist; demo data not loaded again.")
            return
        org = seed_organisation()
        if cases <= SERVICE_PATH_LIMIT:
            made = seed_cases(cases, org, seed=seed)
        else:
            made = seed_cases_bulk(cases, org, seed=seed)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(org['users'])} logins (password '{DEMO_PASSWORD}'), "
                f"{made} cases."
            )
        )
