"""Pre-flight aggregate: checklist templates and their items, and the runs of a checklist before a show.

A run copies its template's items into its results, so editing a template never rewrites the history of past
shows. The verdict is computed from the results (critical items) and stored when the run is finished; going live
with a failed critical item stores the seller's override reason on the run.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from streamdesk.models import shows as _shows  # noqa: F401 - runs point at shows
from streamdesk.models.base import (
    CheckKind,
    CheckStatus,
    PreflightVerdict,
    ProbeKind,
    UTCDateTime,
    enum_column,
    utc_now,
)


def _created() -> datetime:
    return utc_now()


class ChecklistTemplate(SQLModel, table=True):
    __tablename__ = "checklist_templates"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    is_default: bool = False  # the template a new run uses unless another is chosen
    created_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))


class ChecklistItem(SQLModel, table=True):
    __tablename__ = "checklist_items"

    id: int | None = Field(default=None, primary_key=True)
    template_id: int = Field(foreign_key="checklist_templates.id", index=True)
    position: int
    title: str
    hint: str = ""  # how to check it, shown under the title
    kind: CheckKind = Field(sa_column=enum_column(CheckKind))
    probe: ProbeKind | None = Field(default=None, sa_column=enum_column(ProbeKind, nullable=True))
    critical: bool = False
    unit: str = ""  # for VALUE items, e.g. "%"
    min_value: float | None = None  # VALUE items below this fail (battery 80 %)
    max_value: float | None = None


class PreflightRun(SQLModel, table=True):
    __tablename__ = "preflight_runs"

    id: int | None = Field(default=None, primary_key=True)
    show_id: int = Field(foreign_key="shows.id", index=True)
    template_name: str  # as it was when the run started
    started_at: datetime = Field(default_factory=_created, sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    verdict: PreflightVerdict = Field(sa_column=enum_column(PreflightVerdict))
    override_reason: str = ""  # why the show went live despite a failed critical item
    overridden_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class CheckResult(SQLModel, table=True):
    __tablename__ = "check_results"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="preflight_runs.id", index=True)
    position: int
    title: str
    hint: str = ""
    kind: CheckKind = Field(sa_column=enum_column(CheckKind))
    probe: ProbeKind | None = Field(default=None, sa_column=enum_column(ProbeKind, nullable=True))
    critical: bool = False
    unit: str = ""
    min_value: float | None = None
    max_value: float | None = None
    status: CheckStatus = Field(sa_column=enum_column(CheckStatus))
    value: str = ""  # what the seller typed, or the probe's headline figure ("-12.3 dBFS peak")
    measured_json: str = "{}"  # the probe's numbers: {"peak_dbfs": -12.3, "rms_dbfs": -24.0, ...}
    note: str = ""
    checked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
