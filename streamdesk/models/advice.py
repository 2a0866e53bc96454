"""Advice from history (issue 12): which suggestions the seller dismissed, and the per-product history score the
catalogue's selection score reads as its "past sales" part."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from streamdesk.models.base import UTCDateTime, utc_now


def _now() -> datetime:
    return utc_now()


class AdviceDismissal(SQLModel, table=True):
    """A suggestion the seller dismissed. The key names what was suggested (e.g. ``slot:weekday:20``), not its
    figures, so a suggestion stays dismissed while its numbers move and a different one appears when they change
    the answer."""

    __tablename__ = "advice_dismissals"

    advice_key: str = Field(primary_key=True)
    evidence: str = ""  # the figures as they were when dismissed, shown in the list of dismissed suggestions
    dismissed_at: datetime = Field(default_factory=_now, sa_column=Column(UTCDateTime(), nullable=False))


class ProductScore(SQLModel, table=True):
    """A product's 0..1 score from its results across past shows, written whenever the product advice is worked
    out; the selection score's past-sales part reads it (0 for a product without one)."""

    __tablename__ = "product_scores"

    product_id: int = Field(sa_column=Column(Integer, ForeignKey("products.id", ondelete="CASCADE"), primary_key=True))
    score: float
    computed_at: datetime = Field(default_factory=_now, sa_column=Column(UTCDateTime(), nullable=False))
