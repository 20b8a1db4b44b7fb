"""Benchmark: build and render a daily briefing of 300 cases (target: under 2 s).

    .venv/bin/python bench/briefing.py            # a throwaway SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/icst_bench_briefing \\
        .venv/bin/python bench/briefing.py --keep

Seeds the demo agencies and N cases through the services, moves them into the
sheet's window, then times the build (selection and snapshot) and the PDF for
a safeguarding lead (the widest view) separately. Not a timed test: it prints.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(keep: bool) -> None:
    if "DATABASE_URL" not in os.environ:
        folder = tempfile.mkdtemp(prefix="icst-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    elif "bench" not in os.environ["DATABASE_URL"].rsplit("/", 1)[-1]:
        # It empties the database and rewrites cases' dates: never a real casebook.
        raise SystemExit("DATABASE_URL must name a database with 'bench' in its name.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.development")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    if not keep:
        call_command("flush", interactive=False, verbosity=0) if _has_tables() else None
    call_command("migrate", verbosity=0)


def _has_tables() -> bool:
    from django.db import connection

    return "casework_case" in connection.introspection.table_names()


def _seed(count: int):
    from django.utils import timezone

    from casework.models import Case
    from demo.seed import seed_cases, seed_organisation

    org = seed_organisation()
    if Case.objects.count() < count:
        seed_cases(count - Case.objects.count(), org)
    # Every case logged since the previous briefing, so each is on the sheet.
    today = timezone.localdate()
    window_moment = timezone.now() - timedelta(hours=2)
    Case.objects.update(created_at=window_moment)
    return org, today


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--keep", action="store_true", help="reuse an already seeded database")
    args = parser.parse_args()
    _setup(args.keep)

    from django.utils import timezone

    from briefings.documents import BriefingPdf
    from briefings.models import Briefing
    from briefings.selectors import sheet_for_reader
    from briefings.services import briefing_build

    org, _ = _seed(args.cases)
    Briefing.objects.all().delete()
    day = timezone.localdate() + timedelta(days=1)
    reader = org["users"]["police.safeguarding_lead"]
    # A running worker has the bank-holiday tables loaded; load them before timing.
    from common.working_days import is_working_day

    is_working_day(day)

    started = time.perf_counter()
    briefing = briefing_build(day=day)
    built = time.perf_counter()
    sheet = sheet_for_reader(reader, briefing)
    content = BriefingPdf(sheets=[sheet], recipient=reader).render()
    rendered = time.perf_counter()

    rows = sum(len(section.rows) for section in sheet.sections)
    print(f"cases on the sheet: {len(sheet.case_references)}; rows: {rows}")
    print(f"build (select + snapshot): {built - started:.2f} s")
    print(f"cut + render PDF ({len(content) // 1024} KiB): {rendered - built:.2f} s")
    print(f"total: {rendered - started:.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
