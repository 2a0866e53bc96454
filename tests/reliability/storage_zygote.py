"""One process that pays StreamDesk's imports once, then forks a fresh child per command (test_storage_failures.py).

Each child is a real process running the real entry point, ``streamdesk.cli.main(argv)`` (or a GUI check of
storage_gui_child.py), with its own environment, its own stdout/stderr and, when asked, RLIMIT_FSIZE with SIGXFSZ
ignored: what ``python -m streamdesk …`` does, without a second of interpreter and import start-up per command,
which the suite's time budget cannot pay 30 times. This process itself makes no Qt application, opens no database
and starts no thread, so a fork copies nothing that a child could trip on.

Protocol: one JSON object per line on stdin, {"mode": "cli"|"gui", "argv": [...], "env": {...}, "fsize": int|null,
"out": folder for the captured output}; one JSON line back, {"code": exit code, "stdout": ..., "stderr": ...}.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # storage_support sits beside this script
import storage_support

CHILD_TIMEOUT = 120.0  # seconds


def _preload() -> None:
    """What the commands import when they run, imported once here (no module does work at import time)."""
    import openpyxl  # noqa: F401
    import sqlmodel  # noqa: F401
    import xlsxwriter  # noqa: F401
    from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401

    import streamdesk.app
    import streamdesk.cli
    import streamdesk.commands.common
    import streamdesk.core.backup
    import streamdesk.core.orders_io
    import streamdesk.core.products_io
    import streamdesk.core.shipping_io
    import streamdesk.messages
    import streamdesk.models  # noqa: F401


def _child(request: dict[str, object]) -> int:
    out = Path(str(request["out"]))
    os.environ.update({str(k): str(v) for k, v in dict(request["env"]).items()})  # type: ignore[call-overload]
    limit = request.get("fsize")
    for fd, name in ((1, "stdout"), (2, "stderr")):
        target = os.open(out / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    # as root, give up ignoring file modes (a folder without write bits is then read-only here too); the limit
    # covers the output files as well: a test's limit leaves room for their few lines
    storage_support.child_preexec(limit if isinstance(limit, int) else None)
    argv = [str(part) for part in request["argv"]]  # type: ignore[attr-defined]
    try:
        if request["mode"] == "gui":
            import storage_gui_child

            return storage_gui_child.run(argv)
        from streamdesk.cli import main

        return main(argv)
    except SystemExit as leaving:  # argparse
        return leaving.code if isinstance(leaving.code, int) else 2
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _wait(pid: int) -> int | None:
    """The child's wait status, or None after CHILD_TIMEOUT seconds (then it is killed): a hung command fails its test
    instead of hanging the suite."""
    deadline = time.monotonic() + CHILD_TIMEOUT
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    return None


def main() -> int:
    _preload()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                code = _child(request)
            finally:
                os._exit(code)
        status = _wait(pid)
        out = Path(request["out"])
        reply = {
            "code": os.waitstatus_to_exitcode(status) if status is not None else "timeout",
            "stdout": (out / "stdout").read_text(encoding="utf-8", errors="replace"),
            "stderr": (out / "stderr").read_text(encoding="utf-8", errors="replace"),
        }
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
