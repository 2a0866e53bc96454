"""The probes as TaskRunner jobs, and how a probe's verdict is kept on its result.

Each job takes a CancelToken and returns a generator (or, for the quick machine check, a value) whose result is a
``ProbeOutcome``. A probe that cannot run at all (no microphone, a device that fails) is still a verdict: the
UserError it raises becomes a FAILED outcome with the error's code, so the seller sees the same sentence in the
checklist as in a dialog. The audio job calls ``on_level`` from the worker thread: ``LevelRelay`` turns that into a
queued signal, so the meter is driven on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from streamdesk.config import PreflightSettings
from streamdesk.core.errors import UserError
from streamdesk.core.jobs import CancelToken, Progress
from streamdesk.core.preflight_rules import outcome_result
from streamdesk.core.preflight_types import Measured, ProbeOutcome, ResultInput
from streamdesk.models.base import CheckStatus

if TYPE_CHECKING:
    from streamdesk.core.catalogue import Catalogue
    from streamdesk.core.shows import Shows

ProbeJob = Callable[[CancelToken], Generator[Progress, None, ProbeOutcome]]
NO_DEVICE = "preflight.audio.no_device"


class LevelRelay(QObject):
    """Created on the GUI thread; ``report`` is called on the worker thread and its signal is delivered queued."""

    level = Signal(float, float)  # rms dBFS, peak dBFS

    def report(self, rms_dbfs: float, peak_dbfs: float) -> None:
        self.level.emit(rms_dbfs, peak_dbfs)


def failed_outcome(error: UserError) -> ProbeOutcome:
    fields = tuple((key, value) for key, value in error.fields.items() if isinstance(value, (str, int, float)))
    return ProbeOutcome(status=CheckStatus.FAILED, value="", measured=(), code=error.code, fields=fields)


def result_of(outcome: ProbeOutcome, extra: Measured = (), note: str = "") -> ResultInput:
    """What is recorded: the probe's numbers, anything the page adds (the device used), and the verdict's code and
    fields, so the sentence can be shown again later (``texts.verdict_sentence``)."""
    return outcome_result(outcome, extra, note)


def audio_input_job(
    device_id: str | None, settings: PreflightSettings, on_level: Callable[[float, float], None]
) -> ProbeJob:
    # Imported here, on the GUI thread: a first import of QtMultimedia on a pool thread while Qt logs can deadlock
    # (seen with the CLI), so the worker only ever runs code that is already loaded.
    from PySide6 import QtMultimedia  # noqa: F401

    from streamdesk.core.probes import audio, levels

    def job(cancel: CancelToken) -> Generator[Progress, None, ProbeOutcome]:
        try:
            measured = yield from audio.record(device_id, settings.record_seconds, cancel, on_level=on_level)
        except UserError as error:
            if error.code == NO_DEVICE:
                return levels.audio_verdict(None, settings)
            return failed_outcome(error)
        return levels.audio_verdict(measured, settings)

    return job


def tone_job(device_id: str | None, seconds: float = 2.0) -> Callable[[CancelToken], Generator[Progress, None, bool]]:
    """Plays the test tone; True once it has played (the seller then says whether it was heard)."""

    from PySide6 import QtMultimedia  # noqa: F401 - on the GUI thread (see audio_input_job)

    from streamdesk.core.probes import audio

    def job(cancel: CancelToken) -> Generator[Progress, None, bool]:
        yield from audio.play_tone(device_id, seconds, cancel=cancel)
        return True

    return job


def network_job(settings: PreflightSettings) -> ProbeJob:
    from streamdesk.core.probes import network  # on the GUI thread (see audio_input_job)

    def job(cancel: CancelToken) -> Generator[Progress, None, ProbeOutcome]:
        try:
            result = yield from network.network_probe(settings, cancel)
        except UserError as error:
            return failed_outcome(error)
        return network.network_verdict(result, settings)

    return job


def machine_job(settings: PreflightSettings, data_dir: Path) -> ProbeJob:
    from streamdesk.core.probes import system  # on the GUI thread (see audio_input_job)

    def job(cancel: CancelToken) -> Generator[Progress, None, ProbeOutcome]:
        yield Progress(0, 0)
        cancel.raise_if_set()
        clock_url = settings.upload_url or None  # the upload endpoint's Date header, when one is configured
        try:
            result = system.machine_probe(data_dir, clock_url, settings.probe_timeout_seconds)
        except UserError as error:
            return failed_outcome(error)
        return system.machine_verdict(result, settings)

    return job


def script_job(shows: Shows, catalogue: Catalogue, show_id: int, data_dir: Path) -> ProbeJob:
    """The "Script checked" item: the compliance checker over the show's scripts and its products' texts, with the
    seller's compliance.tsv from the data folder. Whatever goes wrong it says WARNING, never FAILED: a script check
    must not turn a show's pre-flight NO-GO."""
    from streamdesk.core.probes import script
    from streamdesk.ui.widgets.compliance_texts import user_words

    words = user_words(data_dir)  # on the GUI thread; the word list itself is read on the worker

    def job(cancel: CancelToken) -> Generator[Progress, None, ProbeOutcome]:
        yield Progress(0, 0)
        cancel.raise_if_set()
        try:
            return script.check_script(shows, catalogue, show_id, words())
        except UserError as error:
            return replace(failed_outcome(error), status=CheckStatus.WARNING)

    return job


def video_outcome() -> ProbeOutcome:
    """The cameras this computer has (QtMultimedia: asked on the GUI thread, where its device list lives; quick)."""
    from streamdesk.core.probes import devices

    try:
        return devices.video_verdict(devices.cameras())
    except UserError as error:
        return failed_outcome(error)


def snapshot_job(camera_id: str | None, timeout: float) -> Callable[[CancelToken], bytes | None]:
    from streamdesk.core.probes import devices  # on the GUI thread (see audio_input_job)

    def job(_cancel: CancelToken) -> bytes | None:
        return devices.snapshot(camera_id, timeout)

    return job
