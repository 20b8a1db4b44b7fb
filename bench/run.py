"""Load benchmark: gunicorn with production settings on 127.0.0.1, driven from this process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/icst_bench \\
        .venv/bin/python bench/run.py --seed --cases 1000000

``--seed`` migrates and loads ``--cases`` cases with ``seed_demo --scale --wipe`` (at low
CPU priority) and times it. Then: starts gunicorn on loopback with the production
settings, times each scenario with a bounded number of requests (and a time limit),
runs a mixed read workload with ``--clients`` concurrent clients for a bounded time,
counts queries per request in-process, reads each worker's resident memory, and
writes the table between the markers in bench/RESULTS.md. Every loop is bounded in
count and in time; the only target is 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
CSRF = secrets.token_hex(16)  # 32 characters: a valid unmasked CSRF secret


@dataclass
class Scenario:
    name: str
    username: str
    requests: list[tuple[str, str, dict | None]]  # (method, path, form data)
    target: str = ""  # e.g. "p50<=25,p95<=60"
    expect: int = 200


@dataclass
class Result:
    name: str
    target: str = ""
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    queries: int | None = None
    cpu_ms: float | None = None
    sql_ms: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0

    def verdict(self) -> str:
        if not self.target:
            return ""
        values = {
            "p50": self.pct(50),
            "p95": self.pct(95),
            "p99": self.pct(99),
            "rps": self.throughput,
            "queries": self.queries if self.queries is not None else float("nan"),
            "errors": self.errors,
        }
        met = True
        for clause in self.target.split(","):
            metric, op, bound = re.match(r"(\w+)(<=|>=)(\d+)", clause).groups()
            value = values[metric]
            met &= value <= int(bound) if op == "<=" else value >= int(bound)
        return "met" if met else "**missed**"


# --- Server ---------------------------------------------------------------------------------


def server_environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS=HOST,
        DATABASE_CONN_MAX_AGE=env.get("DATABASE_CONN_MAX_AGE", "60"),
        LOG_LEVEL="WARNING",
        BENCH_PORT=str(port),
    )
    return env


def start_gunicorn(port: int, workers: int, env: dict[str, str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "--bind", f"{HOST}:{port}",
         "--workers", str(workers), "--log-level", "warning", "--max-requests", "0"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = request(port, "GET", "/accounts/login/", {})
            if status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    stop(process)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def worker_memory_mb(process: subprocess.Popen) -> list[float]:
    path = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    sizes = []
    for pid in path.read_text().split():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


# --- Client ---------------------------------------------------------------------------------


def proxy_headers(port: int) -> dict[str, str]:
    # As behind the TLS-terminating load balancer of docs/deploy.md.
    origin = f"https://{HOST}:{port}"
    return {"X-Forwarded-Proto": "https", "Referer": f"{origin}/", "Origin": origin}


def request(port: int, method: str, path: str, headers: dict, data: dict | None = None):
    """One request on a fresh connection (gunicorn's sync workers close each one)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        body = None
        headers = {**proxy_headers(port), **headers}
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": CSRF})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def signed_in_headers(username: str) -> dict[str, str]:
    """A real database session for ``username``; a verified TOTP device where the role needs it."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.services import two_factor_required

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    if two_factor_required(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
        session["otp_device_id"] = device.persistent_id
    session.create()
    return {"Cookie": f"sessionid={session.session_key}; csrftoken={CSRF}"}


def timed(port: int, scenario: Scenario, headers: dict, *, limit: int, seconds: float) -> Result:
    result = Result(scenario.name, scenario.target)
    started = time.monotonic()
    for method, path, data in scenario.requests[:limit]:
        if time.monotonic() - started > seconds:
            break
        begin = time.perf_counter()
        status, _ = request(port, method, path, headers, data)
        result.latencies_ms.append((time.perf_counter() - begin) * 1000)
        result.errors += status != scenario.expect
    result.seconds = time.monotonic() - started
    return result


def mixed(port: int, workload: list, *, clients: int, seconds: float, cap: int) -> Result:
    """``clients`` threads sending ``workload`` round-robin until ``seconds`` or ``cap``."""
    result = Result(f"mixed read workload, {clients} clients", "rps>=200,errors<=0")
    deadline = time.monotonic() + seconds
    numbers = iter(range(cap))
    numbers_lock = threading.Lock()

    def client(offset: int) -> None:
        while time.monotonic() < deadline:
            with numbers_lock:
                number = next(numbers, None)
            if number is None:
                return
            path, headers = workload[(number * 7 + offset) % len(workload)]
            begin = time.perf_counter()
            try:
                status, _ = request(port, "GET", path, headers)
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - begin) * 1000
            with result.lock:
                result.latencies_ms.append(elapsed)
                result.errors += status != 200

    started = time.monotonic()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    result.seconds = time.monotonic() - started
    return result


def in_process(scenario: Scenario, port: int, repeat: int = 5) -> tuple[int, float, float]:
    """Queries per request, and median Python CPU ms and SQL ms per request, measured by
    running ``scenario``'s requests in this process on the same settings: figures that
    depend less than wall-clock latency on what else the machine is doing."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=scenario.username)
    client = Client(
        HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=HOST, HTTP_REFERER=f"https://{HOST}:{port}/"
    )
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, name="bench").first()
    if device:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    client.get("/cases/")  # warm: first-use caches, session refresh
    queries, cpu, sql = [], [], []
    for method, path, data in scenario.requests[-repeat:]:
        started = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            if method == "GET":
                client.get(path)
            else:
                client.post(path, data)
        cpu.append((time.process_time() - started) * 1000)
        queries.append(len(captured.captured_queries))
        sql.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
    middle = len(cpu) // 2
    return max(queries), sorted(cpu)[middle], sorted(sql)[middle]


# --- Scenarios ------------------------------------------------------------------------------


def scenarios(count: int) -> list[Scenario]:
    """Each scenario's bounded list of requests, drawn from the loaded data."""
    from casework.models import Case, CaseParticipant

    recent = Case.objects.filter(lead_agency__slug="police", is_restricted=False).order_by(
        "-reported_at", "-id"
    )
    references = list(recent.values_list("reference", flat=True)[: count * 20 : 20])
    parts = list(
        CaseParticipant.objects.filter(case__reference__in=references)
        .order_by("case_id")
        .values_list("person_id", "person__family_name", "person__given_name")
    )
    addresses = list(
        Case.objects.filter(reference__in=references).values_list("address", flat=True)
    )
    get = lambda paths: [("GET", path, None) for path in paths]  # noqa: E731
    list_target = "p50<=25,p95<=60,queries<=6"

    def pages(username: str, number: int = 40, **filters: str) -> list[str]:
        walked = walked_pages(username, number, **filters)
        return [walked[n % len(walked)] for n in range(count)]

    found = [
        Scenario("case list (officer)", "police.officer", get(pages("police.officer")),
                 list_target),
        Scenario("case list (partner)", "council.partner", get(pages("council.partner")),
                 list_target),
        Scenario("case list (manager)", "police.manager", get(pages("police.manager")),
                 list_target),
        Scenario("filtered list (open ASB, police officer)", "police.officer",
                 get(pages("police.officer", 5, status="open", case_type="asb")),
                 list_target),
        Scenario("search by reference", "police.officer",
                 get(f"/cases/?q={ref}" for ref in references), "p95<=150"),
        Scenario("search by person name (family name)", "police.officer",
                 get(f"/cases/?q={family}" for _pk, family, _given in parts[:count]), "p95<=150"),
        Scenario("search by person name (full name)", "police.officer",
                 get(f"/cases/?q={given}+{family}" for _pk, family, given in parts[:count]),
                 "p95<=150"),
        Scenario("search by address", "police.officer",
                 get(f"/cases/?q={a.split(',')[0].replace(' ', '+')}" for a in addresses),
                 "p95<=150"),
        Scenario("case detail", "police.officer",
                 get(f"/cases/{ref}/" for ref in references), "p50<=25"),
        Scenario("person page", "police.officer",
                 get(f"/people/{pk}/" for pk, _f, _g in parts[:count])),
        Scenario("create case", "police.officer",
                 [("POST", "/cases/new/", {
                     "case_type": "other", "summary": f"Benchmark concern {n}.",
                     "address": f"{n} High Street, Eastbridge", "ward": "Castle",
                     "risk_level": "standard", "status": "new"}) for n in range(count)],
                 "p50<=50", expect=302),
        Scenario("add note", "police.officer",
                 [("POST", f"/cases/{ref}/entries/new/", {
                     "kind": "note", "body": "Spoke to the reporter again.",
                     "sensitivity": "standard"}) for ref in references],
                 expect=302),
        Scenario("home page (officer)", "police.officer", get(["/"] * count)),
    ]  # fmt: skip
    return found + optional_scenarios(references, count)


def walked_pages(username: str, pages: int, **filters: str) -> list[str]:
    """The addresses of the first ``pages`` pages of a user's case list (with ``filters``)
    as "Next" links them: each after the last case of the page before."""
    from urllib.parse import urlencode

    from django.contrib.auth import get_user_model

    from casework.selectors import CaseFilters, case_list_page

    user = get_user_model().objects.get(username=username)
    walked, after = [f"/cases/?{urlencode(filters)}"], None
    for number in range(1, pages):
        page = case_list_page(user, CaseFilters(**filters), page=number, after=after)
        if not page.has_next:
            break
        after = page.next_after
        walked.append(f"/cases/?{urlencode({**filters, 'page': number + 1, 'after': after})}")
    return walked


def optional_scenarios(references: list[str], count: int) -> list[Scenario]:
    """Scenarios for parts of the casebook that may not exist yet (API, briefings)."""
    from django.urls import Resolver404, resolve

    candidates = [
        Scenario("API case list", "police.officer", [("GET", "/api/v1/cases/", None)] * count),
        Scenario("API case detail", "police.officer",
                 [("GET", f"/api/v1/cases/{ref}/", None) for ref in references]),
    ]  # fmt: skip
    present = []
    for scenario in candidates:
        try:
            resolve(scenario.requests[0][1].split("?")[0])
        except Resolver404:
            print(f"skipped (route not present): {scenario.name}")
            continue
        present.append(scenario)
    return present


def background_work(repeat: int = 3) -> list[Result]:
    """The daily briefing (build, and its PDF for a safeguarding lead) and one follow-up
    scanner pass, timed in-process: they run in Celery workers, not behind gunicorn.

    A built briefing is kept, so each build is of an earlier day not yet built; the
    benchmark's briefings are deleted again afterwards.
    """
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Q
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    try:
        from briefings.models import Briefing, BriefingDocument
        from briefings.services import briefing_build, document_render
        from followups import obligations
        from followups.models import Obligation
    except ImportError:
        print("skipped (not present): briefings and follow-ups")
        return []
    lead = get_user_model().objects.get(username="police.safeguarding_lead")
    build = Result("daily briefing build (in-process)", "p50<=2000")
    pdf = Result("daily briefing PDF for a safeguarding lead (in-process)", "p50<=2000")
    scan = Result("follow-up scanner pass", "p50<=200")
    made = []
    today = timezone.localdate()
    for offset in range(repeat):
        day = today - timedelta(days=offset + 1)
        if Briefing.objects.filter(day=day).exists():
            continue
        with CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            briefing = briefing_build(day=day)
            build.latencies_ms.append((time.perf_counter() - begin) * 1000)
        build.queries = len(captured.captured_queries)
        made.append(briefing.pk)
        document = BriefingDocument.objects.create(requested_by=lead, first_day=day, last_day=day)
        begin = time.perf_counter()
        document_render(document_id=document.pk)
        pdf.latencies_ms.append((time.perf_counter() - begin) * 1000)
        items = sum(section.items.count() for section in briefing.sections.all())
        print(f"briefing for {day}: {items} items", flush=True)
    due = obligations.open_obligations().filter(
        Q(due_at__lte=timezone.now()) | Q(remind_at__lte=timezone.now(), reminded_at=None)
    )
    scan.name += f" ({Obligation.objects.count():,} obligations, {due.count():,} due)"
    for _ in range(repeat):
        # Each pass is rolled back, so every pass finds the same obligations due.
        with transaction.atomic(), CaptureQueriesContext(connection) as captured:
            begin = time.perf_counter()
            handled = obligations.scan()
            scan.latencies_ms.append((time.perf_counter() - begin) * 1000)
            transaction.set_rollback(True)
        scan.queries = len(captured.captured_queries)
        print(f"scanner pass: {handled}", flush=True)
    # The usual minute: the burst above handled, the next pass finds nothing to do.
    quiet = Result("follow-up scanner pass, the minute after (nothing due)", "p50<=200")
    with transaction.atomic():
        obligations.scan()
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                obligations.scan()
                quiet.latencies_ms.append((time.perf_counter() - begin) * 1000)
            quiet.queries = len(captured.captured_queries)
        transaction.set_rollback(True)
    BriefingDocument.objects.filter(requested_by=lead).delete()
    Briefing.objects.filter(pk__in=made).delete()
    for result in (build, pdf, scan, quiet):
        result.seconds = sum(result.latencies_ms) / 1000
    return [build, pdf, scan, quiet]


# --- Results --------------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB RAM, {platform.platform()}"


def table(results: list[Result], memory: list[float], meta: dict) -> str:
    lines = [
        f"Run {meta['finished']}: {meta['cases']:,} cases; gunicorn {meta['workers']} sync "
        f"workers, production settings, 127.0.0.1; {meta['machine']}. Load average before "
        f"{meta['load_before']}, after {meta['load_after']}.",
        "",
        "| Scenario | Requests | p50 ms | p95 ms | p99 ms | req/s | Errors | Queries "
        "| CPU ms | SQL ms | Target | Result |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        queries = "" if r.queries is None else r.queries
        lines.append(
            f"| {r.name} | {len(r.latencies_ms)} | {r.pct(50):.1f} | {r.pct(95):.1f} | "
            f"{r.pct(99):.1f} | {r.throughput:.0f} | {r.errors} | {queries} | "
            f"{'' if r.cpu_ms is None else f'{r.cpu_ms:.0f}'} | "
            f"{'' if r.sql_ms is None else f'{r.sql_ms:.0f}'} | "
            f"{r.target.replace(',', ', ').replace('<=', ' ≤ ').replace('>=', ' ≥ ')} | "
            f"{r.verdict()} |"
        )
    worst = max(memory) if memory else float("nan")
    lines += [
        "",
        f"Worker memory (RSS, MB) after the run: {', '.join(f'{m:.0f}' for m in memory)} "
        f"(target ≤ 200 each: {'met' if worst <= 200 else '**missed**'}).",
    ]
    if meta.get("seed_seconds"):
        lines.append(f"Data generation: {meta['seed_seconds']:.0f} s.")
    return "\n".join(lines)


def write_results(text: str, path: Path) -> None:
    block = f"{START}\n{text}\n{END}"
    current = path.read_text() if path.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        current = before + block + after
    else:
        current += "\n" + block + "\n"
    path.write_text(current)


def seed(env: dict[str, str], cases: int) -> float:
    manage = ["nice", "-n", "10", str(ROOT / ".venv/bin/python"), "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    subprocess.run([*manage, "seed_demo", "--cases", str(cases), "--scale", "--wipe"],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    return time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="with --seed")
    parser.add_argument("--seed", action="store_true", help="migrate and load --cases first")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8105)))
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200, help="per scenario (bounded)")
    parser.add_argument("--seconds", type=float, default=60, help="per scenario (bounded)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--mixed-seconds", type=float, default=30)
    parser.add_argument(
        "--background", action="store_true", help="also time the briefing and follow-up scan"
    )
    parser.add_argument("--only", default="", help="run scenarios whose name contains this")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    env = server_environment(args.port)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database for the benchmark.")
    if args.seed and "bench" not in env["DATABASE_URL"].rsplit("/", 1)[-1]:
        # --seed wipes every case: never a real casebook.
        raise SystemExit("--seed needs a DATABASE_URL whose database has 'bench' in its name.")
    os.environ.update({k: v for k, v in env.items()})
    meta = {"load_before": " ".join(Path("/proc/loadavg").read_text().split()[:3])}
    if args.seed:
        meta["seed_seconds"] = seed(env, args.cases)
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--no-input",
                    "-v0"], cwd=ROOT, env=env, check=True)  # fmt: skip
    import django

    django.setup()
    from casework.models import Case

    plan = [s for s in scenarios(args.requests) if args.only in s.name]
    headers = {s.username: signed_in_headers(s.username) for s in plan}
    server = start_gunicorn(args.port, args.workers, env)
    results = []
    try:
        for scenario in plan:
            warm = Scenario(scenario.name, scenario.username, scenario.requests[-5:])
            timed(args.port, warm, headers[scenario.username], limit=5, seconds=10)
            result = timed(args.port, scenario, headers[scenario.username],
                           limit=args.requests, seconds=args.seconds)  # fmt: skip
            result.queries, result.cpu_ms, result.sql_ms = in_process(scenario, args.port)
            results.append(result)
            print(f"{result.name}: p50 {result.pct(50):.1f} ms, p95 {result.pct(95):.1f} ms, "
                  f"{result.errors} errors, {result.queries} queries", flush=True)  # fmt: skip
        reads = [s for s in plan if s.requests[0][0] == "GET" and "API" not in s.name]
        # Realistic proportions: lists most, then case pages, then searches and people.
        weights = {"case list": 4, "filtered": 1, "case detail": 4, "search": 1, "person": 1}
        workload = [
            (path, headers[s.username])
            for s in reads
            for key, weight in weights.items()
            if s.name.startswith(key)
            for _method, path, _data in s.requests[: 10 * weight]
        ]
        if workload:
            results.append(mixed(args.port, workload, clients=args.clients,
                                 seconds=args.mixed_seconds, cap=100_000))  # fmt: skip
            print(f"mixed: {results[-1].throughput:.0f} req/s, p50 {results[-1].pct(50):.1f} ms, "
                  f"{results[-1].errors} errors", flush=True)  # fmt: skip
        memory = worker_memory_mb(server)
    finally:
        stop(server)
    if args.background:
        results += background_work()
    meta.update(
        cases=Case.objects.count(),
        workers=args.workers,
        machine=machine(),
        load_after=" ".join(Path("/proc/loadavg").read_text().split()[:3]),
        finished=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    )
    text = table(results, memory, meta)
    write_results(text, Path(args.output))
    raw = Path(args.output).with_suffix(".json")
    raw.write_text(json.dumps({"meta": meta, "memory_mb": memory, "results": [
        {"name": r.name, "requests": len(r.latencies_ms), "p50": r.pct(50), "p95": r.pct(95),
         "p99": r.pct(99), "rps": r.throughput, "errors": r.errors, "queries": r.queries,
         "cpu_ms": r.cpu_ms, "sql_ms": r.sql_ms}
        for r in results]}, indent=1))  # fmt: skip
    print(text)


if __name__ == "__main__":
    main()
