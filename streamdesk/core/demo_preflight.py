"""The demo shop's pre-flight checks: the seller took up the checklist three shows ago and checked each of those
about two and a half hours before it started (the older streams have none). The first went GO with a microphone a
little quiet, the second was NO-GO (the clip-on mic's battery was flat) and went live on the backup mic with the
reason logged, the third went GO on a 720p upload. The next show has a run in progress: the phone charged, the
lights and stand ticked, the microphone and the network measured, the rest still to do.

Probe results are judged by the probes' own verdict functions from numbers a real rig gives, and keep the verdict's
code and fields beside the numbers the way the pre-flight page does, so the page can say the sentence again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from streamdesk.config import PreflightSettings
from streamdesk.core.preflight import Preflight
from streamdesk.core.preflight_rules import outcome_result
from streamdesk.core.preflight_types import (
    AudioLevels,
    CheckResultRow,
    MachineResult,
    NetworkResult,
    ProbeOutcome,
    ResultInput,
)
from streamdesk.core.show_types import ShowStatus, ShowSummary
from streamdesk.models.base import CheckKind, CheckStatus, ProbeKind

if TYPE_CHECKING:
    from streamdesk.core.shows import Shows
    from streamdesk.db import SessionFactory

LEAD = timedelta(minutes=150)  # the seller starts the checklist when it is due
OVERRIDE_REASON = "领夹麦没电了，换用备用有线麦克风，试音正常"
MIC = "RØDE Wireless GO II"
BACKUP_MIC = "USB 有线麦克风"
SOUND_CARD = "森然 播吧 声卡"
GB = 1024**3

Recorder = Callable[[CheckResultRow], ResultInput | None]  # None: not checked yet
Checked = Callable[[CheckResultRow], ResultInput]


def add_demo_preflight(shows: Shows, sessions: SessionFactory, rng: random.Random, today: datetime) -> int:
    """Give the demo's last three streamed shows their finished runs and the next show a run in progress; returns
    the runs."""
    when = [today]
    preflight = Preflight(sessions, clock=lambda: when[0], language="zh_CN")
    settings = PreflightSettings()
    done = [s for s in shows.list_shows(status=ShowStatus.DONE) if s.planned_start is not None]
    upcoming = [s for s in shows.list_shows(status=ShowStatus.SCHEDULED) if s.planned_start and s.planned_start > today]
    stories: tuple[Recorder, ...] = (_quiet_mic(settings), _flat_mic(settings), _slow_upload(settings))
    written = 0
    for show, story in zip(done[-len(stories) :], stories, strict=False):
        assert show.planned_start is not None
        run_id = _checklist(preflight, show, when, show.planned_start - LEAD, rng, story)
        when[0] += timedelta(minutes=rng.randint(2, 6))
        preflight.finish_run(run_id)
        if preflight.run(run_id).failed_critical:
            when[0] = show.planned_start - timedelta(minutes=rng.randint(3, 10))
            preflight.override(run_id, OVERRIDE_REASON)
        written += 1
    if upcoming:
        _checklist(preflight, upcoming[0], when, today - timedelta(minutes=25), rng, _in_progress(settings))
        written += 1
    return written


def _checklist(
    preflight: Preflight,
    show: ShowSummary,
    when: list[datetime],
    start: datetime,
    rng: random.Random,
    story: Recorder,
) -> int:
    """Start a run at ``start`` and go down the list a minute or three per item, recording what ``story`` says."""
    when[0] = start
    run_id = preflight.start_run(show.id)
    for result in preflight.run(run_id).results:
        record = story(result)
        if record is None:
            continue
        when[0] += timedelta(seconds=rng.randint(40, 200))
        if result.kind is CheckKind.VALUE:
            preflight.record_value(result.id, record.value)
        else:
            preflight.record(result.id, record)
    return run_id


def _streamed(
    settings: PreflightSettings,
    *,
    peak: float,
    device: str,
    upload: float,
    battery: str,
    disk_gb: float,
) -> Checked:
    """A run of a show that went ahead: every item checked, the probes measured as given."""
    outcomes = {
        ProbeKind.AUDIO_INPUT: _audio(settings, peak, device),
        ProbeKind.NETWORK: _network(settings, upload),
        ProbeKind.MACHINE: _machine(settings, disk_gb),
    }

    def record(result: CheckResultRow) -> ResultInput:
        if result.kind is CheckKind.VALUE:
            return ResultInput(CheckStatus.PASSED, battery)
        if result.probe in outcomes:
            return outcomes[result.probe]
        if result.probe is ProbeKind.VIDEO:
            return _no_webcam()
        if result.probe is ProbeKind.AUDIO_OUTPUT:
            return _tone_heard()
        if result.probe is ProbeKind.TEST_CHECKOUT:
            return _test_order(result, paid=True)
        return ResultInput(CheckStatus.PASSED)

    return record


def _quiet_mic(settings: PreflightSettings) -> Recorder:
    return _streamed(settings, peak=-24.6, device=MIC, upload=9.4, battery="92%", disk_gb=212.4)


def _flat_mic(settings: PreflightSettings) -> Recorder:
    base = _streamed(settings, peak=-71.3, device=MIC, upload=12.8, battery="100%", disk_gb=198.0)

    def record(result: CheckResultRow) -> ResultInput:
        outcome = base(result)
        if result.probe is ProbeKind.AUDIO_INPUT:
            return replace(outcome, note="领夹麦指示灯不亮")
        return outcome

    return record


def _slow_upload(settings: PreflightSettings) -> Recorder:
    return _streamed(settings, peak=-13.8, device=BACKUP_MIC, upload=3.1, battery="88%", disk_gb=187.5)


def _in_progress(settings: PreflightSettings) -> Recorder:
    """Today's run so far: the hand-ticked rig items, the phone, the microphone and the network; the rest pending."""
    done = _streamed(settings, peak=-15.2, device=MIC, upload=8.7, battery="86%", disk_gb=176.3)
    first_items = {ProbeKind.AUDIO_INPUT, ProbeKind.NETWORK}

    def record(result: CheckResultRow) -> ResultInput | None:
        if result.kind is CheckKind.VALUE or result.probe in first_items:
            return done(result)
        if result.kind is CheckKind.MANUAL and result.position <= 3:  # stand, lights, lens
            return ResultInput(CheckStatus.PASSED)
        return None

    return record


# --- probe results ---------------------------------------------------------------------------------------------
def _audio(settings: PreflightSettings, peak: float, device: str) -> ResultInput:
    from streamdesk.core.probes.levels import audio_verdict

    levels = AudioLevels(rms_dbfs=peak - 14.0, peak_dbfs=peak, clipped_samples=0, samples=240_000, seconds=5.0)
    return outcome_result(audio_verdict(levels, settings), (("device", device),))


def _network(settings: PreflightSettings, upload: float) -> ResultInput:
    from streamdesk.core.probes.network import network_verdict

    result = NetworkResult(dns_ms=18.0, latency_ms=34.0, jitter_ms=4.2, upload_mbps=upload, failures=())
    tested = settings.model_copy(update={"upload_url": "https://upload.example.com/speedtest"})
    return outcome_result(network_verdict(result, tested))


def _machine(settings: PreflightSettings, disk_gb: float) -> ResultInput:
    from streamdesk.core.probes.system import machine_verdict

    result = MachineResult(
        disk_free_bytes=int(disk_gb * GB),
        disk_path="D:\\直播录像",
        on_mains=True,
        battery_percent=100.0,
        clock_offset_s=0.4,
    )
    return outcome_result(machine_verdict(result, settings))


def _no_webcam() -> ResultInput:
    outcome = ProbeOutcome(CheckStatus.SKIPPED, "—", (("cameras", 0.0),), "preflight.video.none", (("count", 0),))
    return outcome_result(outcome, note="手机直播，不用电脑摄像头")


def _tone_heard() -> ResultInput:
    return ResultInput(CheckStatus.PASSED, "听到测试音", (("device", SOUND_CARD), ("heard", "yes")))


def _test_order(result: CheckResultRow, *, paid: bool) -> ResultInput:
    order_no = f"69{result.run_id:04d}{result.id:06d}{result.position:02d}"
    outcome = ProbeOutcome(
        CheckStatus.PASSED if paid else CheckStatus.FAILED,
        f"订单 {order_no} 已支付" if paid else f"订单 {order_no} 未支付",
        (("order_no", order_no), ("paid", "yes" if paid else "no")),
        "preflight.test_checkout.paid" if paid else "preflight.test_checkout.not_paid",
        (("order_no", order_no),),
    )
    return outcome_result(outcome)
