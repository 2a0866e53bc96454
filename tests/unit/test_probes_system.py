"""Machine probe: disk figures against shutil, power read from fake /sys trees and pmset output, the clock offset
against the loopback server's Date header (true and deliberately shifted)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from probe_server import ServerState, closed_port, probe_server

from streamdesk.config import PreflightSettings
from streamdesk.core.preflight_types import MachineResult
from streamdesk.core.probes.system import clock_offset, linux_power, machine_probe, machine_verdict, parse_pmset
from streamdesk.models.base import CheckStatus


def _supply(root: Path, name: str, **files: str) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    for file_name, text in files.items():
        (folder / file_name).write_text(text + "\n", encoding="ascii")


# --- disk ----------------------------------------------------------------------------------------------------------
def test_free_disk_is_what_shutil_reports_for_the_data_folder(tmp_path: Path) -> None:
    result = machine_probe(tmp_path, None, timeout=1.0, power_supply_dir=tmp_path / "no-sys")
    usage = shutil.disk_usage(tmp_path)
    assert result.disk_path == str(tmp_path)
    assert 0 < result.disk_free_bytes <= usage.total
    assert abs(result.disk_free_bytes - usage.free) < 256 * 1024 * 1024  # other tests may write meanwhile
    assert (result.on_mains, result.battery_percent, result.clock_offset_s) == (None, None, None)


def test_a_data_folder_not_made_yet_is_measured_on_its_nearest_parent(tmp_path: Path) -> None:
    result = machine_probe(tmp_path / "later" / "recordings", None, timeout=1.0, power_supply_dir=tmp_path)
    assert result.disk_path == str(tmp_path)


# --- power ---------------------------------------------------------------------------------------------------------
def test_laptop_on_mains_charging(tmp_path: Path) -> None:
    _supply(tmp_path, "AC", type="Mains", online="1")
    _supply(tmp_path, "BAT0", type="Battery", present="1", status="Charging", capacity="63")
    assert linux_power(tmp_path) == (True, 63.0)


def test_laptop_unplugged(tmp_path: Path) -> None:
    _supply(tmp_path, "ADP1", type="Mains", online="0")
    _supply(tmp_path, "BAT0", type="Battery", present="1", status="Discharging", capacity="41")
    assert linux_power(tmp_path) == (False, 41.0)


def test_without_a_mains_entry_the_battery_status_tells(tmp_path: Path) -> None:
    _supply(tmp_path, "BAT1", type="Battery", status="Discharging", energy_now="30000000", energy_full="40000000")
    assert linux_power(tmp_path) == (False, 75.0)
    (tmp_path / "BAT1" / "status").write_text("Not charging\n", encoding="ascii")  # a charge limit holds it
    assert linux_power(tmp_path) == (True, 75.0)


def test_two_batteries_are_averaged(tmp_path: Path) -> None:
    _supply(tmp_path, "AC", type="Mains", online="1")
    _supply(tmp_path, "BAT0", type="Battery", status="Full", capacity="100")
    _supply(tmp_path, "BAT1", type="Battery", status="Charging", charge_now="1000", charge_full="2000")
    assert linux_power(tmp_path) == (True, 75.0)


def test_a_mouse_battery_is_not_the_computers(tmp_path: Path) -> None:
    """A desktop with a wireless mouse: no system battery, so no power state."""
    _supply(tmp_path, "hid-00:11:22-battery", type="Battery", scope="Device", status="Discharging", capacity="20")
    assert linux_power(tmp_path) == (None, None)


def test_no_power_supply_folder_means_unknown(tmp_path: Path) -> None:
    assert linux_power(tmp_path / "missing") == (None, None)
    assert linux_power(tmp_path) == (None, None)


def test_the_probe_reads_power_from_the_tree_it_is_given(tmp_path: Path) -> None:
    _supply(tmp_path / "sys", "BAT0", type="Battery", status="Discharging", capacity="12")
    result = machine_probe(tmp_path, None, timeout=1.0, power_supply_dir=tmp_path / "sys")
    assert (result.on_mains, result.battery_percent) == (False, 12.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Now drawing from 'AC Power'\n -InternalBattery-0 (id=4653155)\t100%; charged; 0:00 remaining present: true\n",
            (True, 100.0),
        ),
        (
            "Now drawing from 'Battery Power'\n -InternalBattery-0 (id=4653155)\t85%; discharging; 3:12 remaining "
            "present: true\n",
            (False, 85.0),
        ),
        ("Now drawing from 'AC Power'\n", (None, None)),  # a Mac mini
        ("", (None, None)),
    ],
)
def test_pmset_output_is_read(text: str, expected: tuple[bool | None, float | None]) -> None:
    assert parse_pmset(text) == expected


# --- clock ---------------------------------------------------------------------------------------------------------
def test_clock_offset_against_a_server_on_the_same_clock_is_within_a_second() -> None:
    with probe_server() as server:
        offset = clock_offset(server.url, timeout=2.0)
    assert offset is not None and abs(offset) <= 1.0


def test_a_server_whose_clock_is_five_minutes_ahead_shows_this_clock_behind() -> None:
    with probe_server(ServerState(clock_shift_s=300.0)) as server:
        offset = clock_offset(server.url, timeout=2.0)
        result = machine_probe(Path.cwd(), server.url, timeout=2.0)
    assert offset is not None and offset == pytest.approx(-300.0, abs=1.0)
    assert result.clock_offset_s == pytest.approx(-300.0, abs=1.0)
    outcome = machine_verdict(result, PreflightSettings(min_free_disk_gb=0))
    assert (outcome.status, outcome.code) == (CheckStatus.WARNING, "preflight.machine.clock_off")
    assert dict(outcome.fields)["offset_s"] == pytest.approx(-300, abs=1)


def test_clock_offset_is_none_when_nothing_answers() -> None:
    assert clock_offset(f"http://127.0.0.1:{closed_port()}/", timeout=1.0) is None
    assert clock_offset("http://clock.streamdesk-probe.invalid/", timeout=1.0) is None


# --- verdict -------------------------------------------------------------------------------------------------------
def _machine(
    free_gb: float = 50.0, on_mains: bool | None = True, percent: float | None = 90.0, offset: float | None = 0.4
) -> MachineResult:
    return MachineResult(
        disk_free_bytes=int(free_gb * 1_000_000_000),
        disk_path="/data",
        on_mains=on_mains,
        battery_percent=percent,
        clock_offset_s=offset,
    )


@pytest.mark.parametrize(
    ("machine", "status", "code"),
    [
        (_machine(), CheckStatus.PASSED, "preflight.machine.good"),
        (_machine(free_gb=5.0), CheckStatus.PASSED, "preflight.machine.good"),  # exactly the minimum is enough
        (_machine(free_gb=4.9), CheckStatus.WARNING, "preflight.machine.low_disk"),
        (_machine(on_mains=False, percent=80.0), CheckStatus.WARNING, "preflight.machine.on_battery"),
        (_machine(on_mains=None, percent=None), CheckStatus.PASSED, "preflight.machine.good"),  # a desktop
        (_machine(offset=60.0), CheckStatus.PASSED, "preflight.machine.good"),
        (_machine(offset=-61.0), CheckStatus.WARNING, "preflight.machine.clock_off"),
        (_machine(offset=None), CheckStatus.PASSED, "preflight.machine.good"),  # not checked
        (_machine(free_gb=1.0, on_mains=False), CheckStatus.WARNING, "preflight.machine.low_disk"),
    ],
)
def test_machine_verdict(machine: MachineResult, status: CheckStatus, code: str) -> None:
    outcome = machine_verdict(machine, PreflightSettings())
    assert (outcome.status, outcome.code) == (status, code)


def test_machine_verdict_fields_and_headline() -> None:
    outcome = machine_verdict(_machine(free_gb=4.26, on_mains=False, percent=37.0, offset=1.26), PreflightSettings())
    fields = dict(outcome.fields)
    assert (fields["free_gb"], fields["min_gb"], fields["path"], fields["percent"]) == (4.3, 5.0, "/data", 37)
    assert outcome.value == "4.3 GB · 37 % · +1.3 s"
    assert dict(outcome.measured)["on_mains"] == 0.0
    assert machine_verdict(_machine(percent=90.0), PreflightSettings()).value == "50.0 GB · 90 % ⚡ · +0.4 s"
