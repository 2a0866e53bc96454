"""What the pre-flight service and the probes hand out and take in: frozen dataclasses, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from streamdesk.models.base import CheckKind, CheckStatus, PreflightVerdict, ProbeKind

Measured = tuple[tuple[str, float | str], ...]  # a probe's numbers by name, in a stable order


@dataclass(frozen=True, slots=True)
class ChecklistItemInput:
    title: str
    kind: CheckKind
    probe: ProbeKind | None = None  # set exactly for PROBE items
    critical: bool = False
    hint: str = ""
    unit: str = ""
    min_value: float | None = None  # VALUE items: below fails
    max_value: float | None = None  # VALUE items: above fails


@dataclass(frozen=True, slots=True)
class ChecklistTemplateRow:
    id: int
    name: str
    is_default: bool
    items: tuple[ChecklistItemInput, ...]


@dataclass(frozen=True, slots=True)
class CheckResultRow:
    id: int
    run_id: int
    position: int
    title: str
    hint: str
    kind: CheckKind
    probe: ProbeKind | None
    critical: bool
    unit: str
    min_value: float | None
    max_value: float | None
    status: CheckStatus
    value: str  # typed by the seller, or the probe's headline ("-12.3 dBFS peak")
    measured: Measured
    note: str
    checked_at: datetime | None


@dataclass(frozen=True, slots=True)
class ResultInput:
    """A result as recorded: what undo writes back, and what a probe or the seller gives."""

    status: CheckStatus
    value: str = ""
    measured: Measured = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class PreflightRunRow:
    id: int
    show_id: int
    show_title: str
    template_name: str
    started_at: datetime
    finished_at: datetime | None
    verdict: PreflightVerdict  # computed from the results now (stored when finished)
    override_reason: str
    overridden_at: datetime | None
    results: tuple[CheckResultRow, ...]

    @property
    def failed_critical(self) -> tuple[CheckResultRow, ...]:
        return tuple(r for r in self.results if r.critical and r.status is CheckStatus.FAILED)

    @property
    def pending_critical(self) -> tuple[CheckResultRow, ...]:
        return tuple(r for r in self.results if r.critical and r.status is CheckStatus.PENDING)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One line of a show's pre-flight history."""

    id: int
    started_at: datetime
    finished_at: datetime | None
    verdict: PreflightVerdict
    passed: int
    warnings: int
    failed: int
    pending: int
    override_reason: str


@dataclass(frozen=True, slots=True)
class GoCheck:
    """What going live has to know: None as run_id when the show has no pre-flight run at all."""

    show_id: int
    run_id: int | None
    verdict: PreflightVerdict | None
    failed_critical: tuple[str, ...]  # titles
    pending_critical: tuple[str, ...]
    already_overridden: bool

    @property
    def needs_override(self) -> bool:
        """A failed critical item stops the timer unless the seller gives a reason (logged on the run)."""
        return bool(self.failed_critical) and not self.already_overridden


@dataclass(frozen=True, slots=True)
class PreflightDue:
    """A show whose pre-flight is due (planned start minus the lead time) and has no finished GO run."""

    show_id: int
    show_title: str
    planned_start: datetime
    due_at: datetime
    overdue: bool
    run_id: int | None  # the latest run, if one was started


# --- probes --------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ProbeOutcome:
    """A probe's verdict on one item: the status, a short headline for the table and the numbers behind it.

    ``code`` names the sentence in messages.py ("preflight.audio.too_quiet") that explains the verdict and what to do.
    """

    status: CheckStatus
    value: str
    measured: Measured
    code: str
    fields: tuple[tuple[str, str | int | float], ...] = ()

    def as_result(self, note: str = "") -> ResultInput:
        return ResultInput(status=self.status, value=self.value, measured=self.measured, note=note)


@dataclass(frozen=True, slots=True)
class AudioDevice:
    id: str  # QAudioDevice.id() decoded; stable across runs on one machine
    name: str
    is_default: bool


@dataclass(frozen=True, slots=True)
class AudioLevels:
    rms_dbfs: float  # -inf for digital silence
    peak_dbfs: float
    clipped_samples: int  # samples at or beyond full scale
    samples: int
    seconds: float


@dataclass(frozen=True, slots=True)
class CameraInfo:
    id: str
    name: str
    is_default: bool


@dataclass(frozen=True, slots=True)
class NetworkResult:
    dns_ms: float | None  # None: the name did not resolve
    latency_ms: float | None  # median TCP connect time over the hosts; None: nothing answered
    jitter_ms: float | None  # mean absolute difference of successive connect times
    upload_mbps: float | None  # None: the upload failed or was not tested
    failures: tuple[str, ...]  # "dns:example.com", "tcp:host:443", "upload": what did not answer in time


@dataclass(frozen=True, slots=True)
class MachineResult:
    disk_free_bytes: int
    disk_path: str
    on_mains: bool | None  # None: no battery information (a desktop)
    battery_percent: float | None
    clock_offset_s: float | None  # this computer's clock minus a server's Date header; None: not checked
