"""``streamdesk preflight --show ID [--template ID] [--json]``: the automatic pre-flight probes, headless.

Starts a new pre-flight run of the show (the default checklist, or ``--template``) and fills in the items a machine
can check: the microphone on the default audio input (recorded for ``record_seconds``, judged by its peak), the
network (DNS, TCP latency and jitter to ``latency_hosts``, upload to ``upload_url``), this computer (free disk,
mains power, clock) and the cameras. Each probe is bounded by its timeout. One line per probed item with the
verdict's sentence; the items only a person can check stay pending for the Pre-flight page.

Exit 0: no critical probe failed; 1: a critical probe failed (NO-GO); 2: bad input (unknown show or template, a
show template), with one line on stderr and nothing written. QtMultimedia needs a Qt application that can open
devices: the command runs with a QGuiApplication (``needs_gui``), offscreen when there is no display.
"""

from __future__ import annotations

import argparse
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from streamdesk.commands.common import EXIT_OK, EXIT_PROBLEM, CommandContext
from streamdesk.core.errors import UserError

if TYPE_CHECKING:
    from streamdesk.config import PreflightSettings
    from streamdesk.core.jobs import CancelToken
    from streamdesk.core.preflight_types import CheckResultRow, PreflightRunRow, ProbeOutcome
    from streamdesk.models.base import ProbeKind


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    parser = subparsers.add_parser(
        "preflight",
        help="run a show's automatic pre-flight probes (mic, network, machine, cameras); exit 1 when a critical one fails",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--show", metavar="ID", type=int, required=True, dest="show_id", help="the show's id")
    parser.add_argument(
        "--template", metavar="ID", type=int, dest="template_id", help="checklist template id (default: the default)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object with the run and every item")
    parser.set_defaults(func=_preflight, needs_gui=True)


def _failed(code: str, fields: dict[str, Any]) -> ProbeOutcome:
    from streamdesk.core.preflight_types import ProbeOutcome
    from streamdesk.models.base import CheckStatus

    return ProbeOutcome(CheckStatus.FAILED, "", (), code, tuple(sorted(fields.items())))


def _audio(has_inputs: bool, settings: PreflightSettings, cancel: CancelToken) -> ProbeOutcome:
    """The default input recorded for ``record_seconds``; no input at all or a device that fails is a FAILED item."""
    from streamdesk.core.jobs import run_to_end
    from streamdesk.core.probes import audio
    from streamdesk.core.probes.levels import audio_verdict

    if not has_inputs:
        return audio_verdict(None, settings)
    try:
        levels = run_to_end(audio.record(None, settings.record_seconds, cancel))  # None: the default input
    except UserError as error:
        if error.code == "preflight.audio.no_device":
            return audio_verdict(None, settings)
        return _failed(error.code, error.fields)
    return audio_verdict(levels, settings)


def _network(settings: PreflightSettings, cancel: CancelToken) -> ProbeOutcome:
    from streamdesk.core.jobs import run_to_end
    from streamdesk.core.probes.network import network_probe, network_verdict

    return network_verdict(run_to_end(network_probe(settings, cancel)), settings)


def _machine(settings: PreflightSettings, data_dir: Path) -> ProbeOutcome:
    from streamdesk.core.probes.system import machine_probe, machine_verdict

    clock_url = settings.upload_url or None  # any HTTP server's Date header tells the time; the upload one answers
    return machine_verdict(machine_probe(data_dir, clock_url, settings.probe_timeout_seconds), settings)


def run_probes(
    wanted: set[ProbeKind], settings: PreflightSettings, data_dir: Path, cancel: CancelToken
) -> dict[ProbeKind, ProbeOutcome]:
    """Run the automatic probes asked for. Network and machine (sockets and files, no Qt) run on a worker thread
    while the microphone records here: QtMultimedia wants the thread of the Qt application.

    Everything is imported, and the devices listed (which loads QtMultimedia), before the worker starts: a module
    imported on two threads at once while Qt reports through its message handler deadlocked on the import lock.
    """
    from streamdesk.core.probes import audio, devices, levels, network, system  # noqa: F401 - see above
    from streamdesk.models.base import ProbeKind

    outcomes: dict[ProbeKind, ProbeOutcome] = {}
    has_inputs = bool(audio.input_devices()) if ProbeKind.AUDIO_INPUT in wanted else False
    if ProbeKind.VIDEO in wanted:
        outcomes[ProbeKind.VIDEO] = devices.video_verdict(devices.cameras())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="preflight-probe") as pool:
        network_job = pool.submit(_network, settings, cancel) if ProbeKind.NETWORK in wanted else None
        machine_job = pool.submit(_machine, settings, data_dir) if ProbeKind.MACHINE in wanted else None
        try:
            if ProbeKind.AUDIO_INPUT in wanted:
                outcomes[ProbeKind.AUDIO_INPUT] = _audio(has_inputs, settings, cancel)
            if network_job is not None:
                outcomes[ProbeKind.NETWORK] = network_job.result()
            if machine_job is not None:
                outcomes[ProbeKind.MACHINE] = machine_job.result()
        except BaseException:
            cancel.set()  # Ctrl-C: the worker's probe stops at its next check instead of running on
            raise
    return outcomes


AUTOMATIC_ORDER = ("audio_input", "network", "machine", "video")  # ProbeKind values the command fills in


def _data_dir(ctx: CommandContext, database: Any) -> Path:
    """Where recordings and the database live: the database's folder, or the user data folder for a server."""
    path = getattr(database, "path", None)
    return Path(path).parent if path is not None else ctx.paths.data_dir


def _log_qt_message(kind: Any, _context: object, message: str) -> None:
    """QtMultimedia talks on loading (backends, FFmpeg version): the log file hears it, stderr stays for errors."""
    logging.getLogger("qt").info("%s (%s)", message, getattr(kind, "name", kind))


def _preflight(ctx: CommandContext) -> int:
    from PySide6.QtCore import qInstallMessageHandler

    previous = qInstallMessageHandler(_log_qt_message)
    try:
        return _run(ctx)
    finally:
        qInstallMessageHandler(previous)


def _run(ctx: CommandContext) -> int:
    from streamdesk.app import build_services
    from streamdesk.core.jobs import CancelToken
    from streamdesk.models.base import CheckKind, CheckStatus

    args = ctx.args
    database = ctx.open_database()
    services = build_services(database, ctx.settings, ctx.paths)
    preflight = services.preflight
    run_id = preflight.start_run(args.show_id, args.template_id)  # unknown show or template: exit 2, nothing written
    run = preflight.run(run_id)
    probed = [r for r in run.results if r.kind is CheckKind.PROBE and r.probe is not None]
    wanted = {r.probe for r in probed if r.probe is not None and r.probe.value in AUTOMATIC_ORDER}
    outcomes = run_probes(wanted, ctx.settings.preflight, _data_dir(ctx, database), CancelToken())
    for result in probed:
        if result.probe in outcomes:
            preflight.record(result.id, outcomes[result.probe].as_result())
    run = preflight.run(run_id)
    items = [(r, outcomes[r.probe]) for r in run.results if r.probe is not None and r.probe in outcomes]
    critical_failed = [r.title for r, outcome in items if r.critical and r.status is CheckStatus.FAILED]
    if args.json:
        ctx.print_json(_json(run, items, critical_failed))
    else:
        _print(run, items, critical_failed)
    return EXIT_PROBLEM if critical_failed else EXIT_OK


def _sentence(outcome: ProbeOutcome) -> str:
    from streamdesk.messages import render

    return " ".join(render(outcome.code, dict(outcome.fields)).split())


def _json(
    run: PreflightRunRow,
    items: list[tuple[CheckResultRow, ProbeOutcome]],
    critical_failed: list[str],
) -> dict[str, Any]:
    from streamdesk.models.base import CheckStatus

    pending = [r for r in run.results if r.status is CheckStatus.PENDING]
    return {
        "show_id": run.show_id,
        "show_title": run.show_title,
        "run_id": run.id,
        "template": run.template_name,
        "verdict": run.verdict.value,
        "go": not critical_failed,
        "critical_failed": critical_failed,
        "pending": [r.title for r in pending],
        "items": [
            {
                "result_id": r.id,
                "title": r.title,
                "probe": r.probe.value if r.probe is not None else None,
                "critical": r.critical,
                "status": r.status.value,
                "value": r.value,
                "measured": dict(r.measured),
                "code": outcome.code,
                "message": _sentence(outcome),
            }
            for r, outcome in items
        ],
    }


def _print(run: PreflightRunRow, items: list[tuple[CheckResultRow, ProbeOutcome]], critical_failed: list[str]) -> None:
    from PySide6.QtCore import QCoreApplication

    from streamdesk import labels
    from streamdesk.models.base import CheckStatus

    out = sys.stdout
    out.write(
        QCoreApplication.translate("cli", "Pre-flight run {run} of “{show}” ({template}):").format(
            run=run.id, show=run.show_title, template=run.template_name
        )
        + "\n"
    )
    for result, outcome in items:
        status = labels.check_status_name(result.status)
        if result.critical:
            line = QCoreApplication.translate("cli", "[{status}] {item} (critical): {sentence}")
        else:
            line = QCoreApplication.translate("cli", "[{status}] {item}: {sentence}")
        out.write(line.format(status=status, item=result.title, sentence=_sentence(outcome)) + "\n")
    pending = sum(1 for r in run.results if r.status is CheckStatus.PENDING)
    if critical_failed:
        out.write(
            QCoreApplication.translate("cli", "NO-GO: a critical check failed: {items}.").format(
                items=QCoreApplication.translate("cli", ", ").join(critical_failed)
            )
            + "\n"
        )
    if pending:
        out.write(
            QCoreApplication.translate(
                "cli", "%n item(s) left to check by hand: open the run on the Pre-flight page.", None, pending
            )
            + "\n"
        )
