"""Machine probe: free disk for recordings, battery and mains, clock sanity; and its verdict (no Qt, no psutil).

Power comes from what each system offers without a dependency: /sys/class/power_supply on Linux,
GetSystemPowerStatus through ctypes on Windows, ``pmset -g batt`` on macOS. What cannot be read is None, never
a guess: a desktop without a battery has no power state to warn about.
"""

from __future__ import annotations

import email.utils
import http.client
import re
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from streamdesk.config import PreflightSettings
from streamdesk.core.preflight_types import MachineResult, ProbeOutcome
from streamdesk.core.probes.sockets import connect_http, wait_readable
from streamdesk.models.base import CheckStatus

POWER_SUPPLY_DIR = Path("/sys/class/power_supply")
_GB = 1_000_000_000  # decimal gigabytes, as disks are sold and as file managers on Windows and macOS count

Power = tuple[bool | None, float | None]  # (on mains, battery percent)


def machine_probe(
    data_dir: Path, clock_url: str | None, timeout: float, *, power_supply_dir: Path = POWER_SUPPLY_DIR
) -> MachineResult:
    """Free space where recordings go, power, and (when ``clock_url`` is given) the clock's offset from that
    server's Date header. Takes at most about two ``timeout``s (name lookup, then the request)."""
    disk = _existing(data_dir)
    usage = shutil.disk_usage(disk)
    on_mains, percent = power_status(power_supply_dir, timeout)
    offset = clock_offset(clock_url, timeout) if clock_url else None
    return MachineResult(
        disk_free_bytes=usage.free,
        disk_path=str(disk),
        on_mains=on_mains,
        battery_percent=percent,
        clock_offset_s=offset,
    )


def machine_verdict(result: MachineResult, settings: PreflightSettings) -> ProbeOutcome:
    """low_disk, then on_battery, then clock_off (each a WARNING), else good (PASSED)."""
    free_gb = result.disk_free_bytes / _GB
    fields: dict[str, str | int | float] = {
        "free_gb": round(free_gb, 1),
        "min_gb": settings.min_free_disk_gb,
        "path": result.disk_path,
        "max_offset_s": round(settings.max_clock_offset_seconds),
    }
    measured: list[tuple[str, float | str]] = [("disk_free_gb", round(free_gb, 1)), ("disk_path", result.disk_path)]
    if result.battery_percent is not None:
        fields["percent"] = round(result.battery_percent)
        measured.append(("battery_percent", round(result.battery_percent)))
    if result.on_mains is not None:
        measured.append(("on_mains", 1.0 if result.on_mains else 0.0))
    if result.clock_offset_s is not None:
        fields["offset_s"] = round(result.clock_offset_s)
        measured.append(("clock_offset_s", round(result.clock_offset_s, 1)))

    def outcome(status: CheckStatus, code: str) -> ProbeOutcome:
        return ProbeOutcome(status, _headline(result), tuple(measured), code, tuple(fields.items()))

    if free_gb < settings.min_free_disk_gb:
        return outcome(CheckStatus.WARNING, "preflight.machine.low_disk")
    if result.on_mains is False:
        return outcome(CheckStatus.WARNING, "preflight.machine.on_battery")
    if result.clock_offset_s is not None and abs(result.clock_offset_s) > settings.max_clock_offset_seconds:
        return outcome(CheckStatus.WARNING, "preflight.machine.clock_off")
    return outcome(CheckStatus.PASSED, "preflight.machine.good")


# --- power ---------------------------------------------------------------------------------------------------------
def power_status(power_supply_dir: Path = POWER_SUPPLY_DIR, timeout: float = 5.0) -> Power:
    """(on mains, battery percent) on this system; (None, None) without a battery or when it cannot be read."""
    if sys.platform == "win32":
        return _windows_power()
    if sys.platform == "darwin":
        try:
            done = subprocess.run(["pmset", "-g", "batt"], capture_output=True, text=True, timeout=timeout, check=True)
        except (OSError, subprocess.SubprocessError):
            return None, None
        return parse_pmset(done.stdout)
    return linux_power(power_supply_dir)


def linux_power(root: Path) -> Power:
    """Read a /sys/class/power_supply tree. Only system batteries count: a wireless mouse's or a phone's battery
    (scope "Device") says nothing about whether this computer is plugged in."""
    try:
        supplies = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return None, None
    percents: list[float] = []
    statuses: list[str] = []
    mains: list[bool] = []
    for supply in supplies:
        kind = _read(supply / "type")
        if kind == "Battery" and _read(supply / "scope") != "Device" and _read(supply / "present") != "0":
            percent = _battery_percent(supply)
            if percent is not None:
                percents.append(percent)
            statuses.append(_read(supply / "status") or "")
        elif kind in ("Mains", "USB", "USB_C", "USB_PD") and _read(supply / "scope") != "Device":
            online = _read(supply / "online")
            if online in ("0", "1"):
                mains.append(online == "1")
    if not statuses:
        return None, None
    percent = sum(percents) / len(percents) if percents else None
    if mains:
        return any(mains), percent
    if "Discharging" in statuses:
        return False, percent
    if any(s in ("Charging", "Full", "Not charging") for s in statuses):
        return True, percent  # "Not charging": plugged in, held below full by a charge limit
    return None, percent


def _battery_percent(supply: Path) -> float | None:
    capacity = _read(supply / "capacity")
    if capacity is not None and capacity.isdigit():
        return float(min(int(capacity), 100))
    for now_name, full_name in (("energy_now", "energy_full"), ("charge_now", "charge_full")):
        now, full = _read(supply / now_name), _read(supply / full_name)
        if now and full and now.isdigit() and full.isdigit() and int(full) > 0:
            return min(100.0, 100.0 * int(now) / int(full))
    return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None


_PMSET_PERCENT = re.compile(r"(\d{1,3})%;")


def parse_pmset(text: str) -> Power:
    """``pmset -g batt``: "Now drawing from 'AC Power'" then " -InternalBattery-0 (id=…)\t85%; charging; …"."""
    match = _PMSET_PERCENT.search(text)
    if match is None:  # a Mac without a battery (or on a UPS) lists no battery line
        return None, None
    source = re.search(r"drawing from '([^']+)'", text)
    on_mains = None if source is None else source.group(1) == "AC Power"
    return on_mains, float(min(int(match.group(1)), 100))


def _windows_power() -> Power:
    if sys.platform != "win32":  # tells mypy (which checks as Linux) that windll exists below
        return None, None
    import ctypes
    from ctypes import wintypes

    class SystemPowerStatus(ctypes.Structure):
        _fields_ = [
            ("ACLineStatus", wintypes.BYTE),
            ("BatteryFlag", wintypes.BYTE),
            ("BatteryLifePercent", wintypes.BYTE),
            ("SystemStatusFlag", wintypes.BYTE),
            ("BatteryLifeTime", wintypes.DWORD),
            ("BatteryFullLifeTime", wintypes.DWORD),
        ]

    status = SystemPowerStatus()
    if not ctypes.windll.kernel32.GetSystemPowerStatus(ctypes.byref(status)):
        return None, None
    flag, line, percent = status.BatteryFlag & 0xFF, status.ACLineStatus & 0xFF, status.BatteryLifePercent & 0xFF
    if flag == 255 or flag & 128:  # 128: no system battery; 255: unknown
        return None, None
    on_mains = None if line == 255 else line == 1
    return on_mains, None if percent == 255 else float(min(percent, 100))


# --- disk and clock ------------------------------------------------------------------------------------------------
def _existing(path: Path) -> Path:
    """The folder itself, or its nearest existing parent (a data folder not made yet lives on that disk)."""
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def clock_offset(url: str, timeout: float) -> float | None:
    """Seconds this computer's clock is ahead of the server's (negative: behind), from the Date header of a HEAD
    request; None when the server cannot be reached in time or sends no readable Date. Accurate to about a second:
    the header has whole seconds, so half a second is added to it."""
    try:
        connection, path = connect_http(url, timeout)
    except (OSError, ValueError):
        return None
    try:
        sent = time.time()
        connection.request("HEAD", path)
        sock = connection.sock
        if sock is None or not wait_readable(sock, timeout):
            return None
        received = time.time()
        date = connection.getresponse().getheader("Date")
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()
    try:
        server = email.utils.parsedate_to_datetime(date) if date else None
    except (TypeError, ValueError):
        return None
    if server is None or server.tzinfo is None:
        return None
    local = datetime.fromtimestamp((sent + received) / 2, tz=UTC)
    return (local - server).total_seconds() - 0.5


def _headline(result: MachineResult) -> str:
    """Numbers and units only: "123.4 GB · 85 % ⚡ · +0.3 s" (⚡: on mains)."""
    parts = [f"{result.disk_free_bytes / _GB:.1f} GB"]
    if result.battery_percent is not None:
        parts.append(f"{result.battery_percent:.0f} %" + (" ⚡" if result.on_mains else ""))
    if result.clock_offset_s is not None:
        parts.append(f"{result.clock_offset_s:+.1f} s")
    return " · ".join(parts)
