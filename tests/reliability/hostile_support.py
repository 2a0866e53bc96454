"""Runs the hostile corpus through the real CLI and the import services, one real child process per run.

Starting ``python -m streamdesk`` costs about 0.8 s, mostly imports; a few hundred runs would blow the suite's time
budget. So this script, started once by the test, imports the CLI and its heavy modules (SQLAlchemy, sqlmodel,
openpyxl, PySide6.QtCore: no Qt object is made before the fork) and then ``fork()``s a child per job. Each child
sets its own STREAMDESK_HOME, points fd 1 and 2 at files and calls ``streamdesk.cli.main(argv)``, exactly what the
``streamdesk`` command does after its imports, or the import services as the GUI calls them. The parent reaps it
with ``wait4`` for its exit status and peak memory (``ru_maxrss``: it counts the pages inherited from this parent,
about 100 MB, so it is an upper bound of what a fresh process needs) and kills it past its time limit.

Usage: ``python hostile_support.py < jobs.json > results.json``. A job is a dict with ``id``, ``mode`` ("cli" or
"service"), ``home``, ``out`` (a folder for stdout.txt/stderr.txt/result.json), ``timeout`` and either ``argv`` or
``kind``/``file``/``db``/``show``/``encoding``.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

PARALLEL = 2  # the CI machine has two cores
ADDRESS_LIMIT = 6 << 30  # a safety net so a real bomb fails in the child instead of exhausting the machine


PRELOAD = (
    "openpyxl",
    "PySide6.QtCore",
    "sqlalchemy",
    "sqlmodel",
    "charset_normalizer",
    "streamdesk.app",
    "streamdesk.cli",
    "streamdesk.commands.common",
    "streamdesk.commands.metrics",
    "streamdesk.commands.orders",
    "streamdesk.commands.products",
    "streamdesk.config",
    "streamdesk.core.metrics_io.planning",
    "streamdesk.core.metrics_io.store",
    "streamdesk.core.orders_io.applying",
    "streamdesk.core.orders_io.planning",
    "streamdesk.core.products_io.applying",
    "streamdesk.core.products_io.planning",
    "streamdesk.db",
    "streamdesk.logs",
    "streamdesk.messages",
    "streamdesk.models",
    "streamdesk.models.orders",
    "streamdesk.models.metrics",
    "streamdesk.translations",
)


def preload() -> None:
    """Import what every job needs, once, before the first fork."""
    for name in PRELOAD:
        importlib.import_module(name)
    from sqlalchemy.orm import configure_mappers

    configure_mappers()  # what the first query of every child would otherwise do (about 80 ms)


def service_check(job: dict[str, Any]) -> dict[str, Any]:
    """Plan (and for an ACCEPT case apply) the file with the services the GUI uses; a UserError is an answer."""
    from streamdesk.app import build_services
    from streamdesk.config import AppPaths, Settings
    from streamdesk.core.errors import UserError
    from streamdesk.core.jobs import CancelToken, run_to_end
    from streamdesk.db import open_database

    path, kind, encoding = Path(job["file"]), job["kind"], job.get("encoding")
    database = open_database(job["db"])
    try:
        services = build_services(database, Settings(language="en", currency="CNY"), AppPaths.default())
        try:
            if kind == "products":
                io = services.products_io
                source = io.read_source(path, encoding=encoding)
                plan = run_to_end(io.plan(source, io.auto_mapping(source.headers), CancelToken()))
                rows = plan.valid_rows
            elif kind == "orders":
                plan = run_to_end(services.orders_io.plan(path, encoding=encoding))
                rows = len(plan.orders)
            else:
                from datetime import UTC, datetime

                from streamdesk.core.metrics_io import MetricsIO

                metrics = MetricsIO(database.sessions, clock=lambda: datetime.now(UTC))
                plan = metrics.plan(path, int(job["show"]), encoding=encoding)
                rows = len(plan.samples) + (plan.totals is not None)
        except UserError as error:
            return {"outcome": "refused", "code": error.code}
        return {"outcome": "planned", "rows": rows}
    finally:
        database.dispose()


def child(job: dict[str, Any]) -> int:
    out = Path(job["out"])
    os.environ["STREAMDESK_HOME"] = job["home"]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ.pop("STREAMDESK_DB", None)
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
    for fd, name in ((1, "stdout.txt"), (2, "stderr.txt")):
        handle = os.open(out / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, fd)
        os.close(handle)
    if job["mode"] == "cli":
        from streamdesk.cli import main

        try:
            return int(main(job["argv"]))
        except SystemExit as leave:  # argparse refusing an argument
            return int(leave.code) if isinstance(leave.code, int) else 2
    result = service_check(job)
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


def run_child(job: dict[str, Any]) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 70
    try:
        code = child(job)
    except BaseException:  # the child's boundary: whatever escaped is the test's finding, on its stderr
        traceback.print_exc()
        code = 71
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pending = list(reversed(jobs))
    running: dict[int, tuple[dict[str, Any], float]] = {}
    results = []
    while pending or running:
        while pending and len(running) < PARALLEL:
            job = pending.pop()
            Path(job["out"]).mkdir(parents=True, exist_ok=True)
            running[run_child(job)] = (job, time.monotonic())
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for other, (job, started) in running.items():
                if now - started > job["timeout"]:
                    os.kill(other, signal.SIGKILL)
            time.sleep(0.005)
            continue
        job, started = running.pop(pid)
        results.append(
            {
                "id": job["id"],
                "exit": os.waitstatus_to_exitcode(status),
                "seconds": round(time.monotonic() - started, 3),
                "maxrss_mb": round(usage.ru_maxrss / 1024, 1),
                "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
            }
        )
    return results


def main() -> None:
    jobs = json.load(sys.stdin)
    preload()
    json.dump(serve(jobs), sys.stdout)


if __name__ == "__main__":
    main()
