"""Every pre-flight verdict the probes can give, and every refusal of the service, reads as a whole sentence: its code
has a text in messages.py and the fields the probe passes fill every placeholder."""

from __future__ import annotations

import math
import re

import pytest

from streamdesk.config import PreflightSettings
from streamdesk.core.errors import UserError
from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_rules import CODE_KEY, FIELD_PREFIX, outcome_result
from streamdesk.core.preflight_types import (
    AudioLevels,
    CameraInfo,
    ChecklistItemInput,
    MachineResult,
    NetworkResult,
    ProbeOutcome,
    ResultInput,
)
from streamdesk.core.probes.devices import video_verdict
from streamdesk.core.probes.levels import audio_verdict
from streamdesk.core.probes.network import network_verdict
from streamdesk.core.probes.system import machine_verdict
from streamdesk.db import Database
from streamdesk.messages import _all_texts, render
from streamdesk.models.base import CheckKind, CheckStatus

SETTINGS = PreflightSettings()
UPLOADING = SETTINGS.model_copy(update={"upload_url": "http://127.0.0.1:9/upload"})
GB = 1024**3


def _levels(peak: float, clipped: int = 0) -> AudioLevels:
    return AudioLevels(rms_dbfs=peak - 12, peak_dbfs=peak, clipped_samples=clipped, samples=48_000, seconds=5.0)


def _net(
    latency: float | None, jitter: float | None, upload: float | None, failures: tuple[str, ...] = ()
) -> NetworkResult:
    return NetworkResult(dns_ms=20.0, latency_ms=latency, jitter_ms=jitter, upload_mbps=upload, failures=failures)


def _machine(free_gb: float, on_mains: bool | None, offset: float | None) -> MachineResult:
    return MachineResult(int(free_gb * GB), "/home/seller", on_mains, 55.0 if on_mains is False else None, offset)


OUTCOMES: dict[str, ProbeOutcome] = {
    "preflight.audio.no_device": audio_verdict(None, SETTINGS),
    "preflight.audio.silent": audio_verdict(_levels(-math.inf), SETTINGS),
    "preflight.audio.too_quiet": audio_verdict(_levels(-40.0), SETTINGS),
    "preflight.audio.clipping": audio_verdict(_levels(-0.5, clipped=12), SETTINGS),
    "preflight.audio.good": audio_verdict(_levels(-12.0), SETTINGS),
    "preflight.audio.acceptable": audio_verdict(_levels(-25.0), SETTINGS),
    "preflight.network.offline": network_verdict(_net(None, None, None, ("tcp:a:443", "upload")), UPLOADING),
    "preflight.network.slow_upload": network_verdict(_net(30.0, 3.0, 1.2), UPLOADING),
    "preflight.network.upload_failed": network_verdict(_net(30.0, 3.0, None, ("upload",)), UPLOADING),
    "preflight.network.upload_720p": network_verdict(_net(30.0, 3.0, 3.0), UPLOADING),
    "preflight.network.hosts_unreachable": network_verdict(_net(None, None, 9.0, ("tcp:a:443",)), UPLOADING),
    "preflight.network.latency": network_verdict(_net(400.0, 3.0, 9.0), UPLOADING),
    "preflight.network.jitter": network_verdict(_net(40.0, 80.0, 9.0), UPLOADING),
    "preflight.network.no_upload_test": network_verdict(_net(40.0, 3.0, None), SETTINGS),
    "preflight.network.good": network_verdict(_net(40.0, 3.0, 9.0), UPLOADING),
    "preflight.machine.low_disk": machine_verdict(_machine(1.5, True, 0.0), SETTINGS),
    "preflight.machine.on_battery": machine_verdict(_machine(100.0, False, 0.0), SETTINGS),
    "preflight.machine.clock_off": machine_verdict(_machine(100.0, None, 300.0), SETTINGS),
    "preflight.machine.good": machine_verdict(_machine(100.0, True, 1.0), SETTINGS),
    "preflight.video.none": video_verdict(()),
    "preflight.video.found": video_verdict((CameraInfo("0", "USB Camera", True), CameraInfo("1", "OBS", False))),
}


@pytest.mark.parametrize("code", sorted(OUTCOMES))
def test_each_probe_verdict_is_a_whole_sentence(code: str) -> None:
    outcome = OUTCOMES[code]
    assert outcome.code == code
    assert code in _all_texts()
    sentence = render(code, dict(outcome.fields))
    assert not re.search(r"\{\w+\}", sentence), sentence
    assert "-inf" not in sentence  # digital silence is said as the floor, not as infinity


@pytest.mark.parametrize("code", sorted(OUTCOMES))
def test_a_verdict_kept_on_its_result_reads_the_same_again(code: str) -> None:
    """The page stores the fields as numbers among the measured values (floats) and says the sentence later."""
    numbers = dict(outcome_result(OUTCOMES[code]).measured)
    assert numbers[CODE_KEY] == code
    fields = {k.removeprefix(FIELD_PREFIX): v for k, v in numbers.items() if k.startswith(FIELD_PREFIX)}
    assert not re.search(r"\{\w+\}", render(code, fields))


def test_every_probe_code_in_the_messages_is_one_a_probe_gives_or_a_stage() -> None:
    stages = {"preflight.audio.recording", "preflight.audio.tone", "preflight.network.dns", "preflight.network.upload"}
    checkout = {"preflight.test_checkout.paid", "preflight.test_checkout.not_paid", "preflight.test_checkout.no_order"}
    probe_codes = {
        code
        for code in _all_texts()
        if code.startswith(("preflight.audio.", "preflight.network.", "preflight.machine.", "preflight.video."))
    }
    assert probe_codes - stages - {"preflight.audio.device_failed"} == set(OUTCOMES)
    for code in checkout:
        assert "{" not in render(code, {"order_no": "6912345678"})
    assert "{" not in render("preflight.audio.device_failed", {"device": "USB mic", "reason": "timeout"})


def test_the_service_refusals_name_what_to_fix(database: Database, utc_clock) -> None:
    preflight = Preflight(database.sessions, clock=utc_clock, language="en")
    (default,) = preflight.templates()
    calls = [
        lambda: preflight.create_template("", ()),
        lambda: preflight.create_template("x" * 200, ()),
        lambda: preflight.create_template(default.name, (ChecklistItemInput("a", CheckKind.MANUAL),)),
        lambda: preflight.create_template("New", ()),
        lambda: preflight.create_template("New", (ChecklistItemInput("", CheckKind.MANUAL),)),
        lambda: preflight.create_template("New", (ChecklistItemInput("Mic", CheckKind.PROBE),)),
        lambda: preflight.create_template("New", (ChecklistItemInput("B", CheckKind.VALUE, min_value=2, max_value=1),)),
        lambda: preflight.delete_template(default.id),
        lambda: preflight.template(42),
        lambda: preflight.run(42),
        lambda: preflight.record(42, ResultInput(CheckStatus.PASSED)),
        lambda: preflight.override(42, " "),
        lambda: preflight.override(42, "x" * 5000),
    ]
    codes = set()
    for call in calls:
        with pytest.raises(UserError) as raised:
            call()
        error = raised.value
        codes.add(error.code)
        assert error.code in _all_texts(), error.code
        sentence = render(error.code, error.fields)
        assert not re.search(r"\{\w+\}", sentence), sentence
    assert len(codes) == len(calls)
