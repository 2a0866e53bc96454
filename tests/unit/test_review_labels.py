"""review_labels names and explains every KPI, funnel step, sample series, show total and basis the core uses."""

from __future__ import annotations

import pytest

from streamdesk import review_labels
from streamdesk.core.review_kpis import BASES, FUNNEL_KEYS, KPI_KEYS
from streamdesk.core.review_types import SERIES, TOTAL_FIELDS


@pytest.mark.parametrize("key", KPI_KEYS)
def test_every_kpi_has_a_name_and_a_formula(key: str) -> None:
    name, formula = review_labels.kpi_name(key), review_labels.kpi_formula(key)
    assert name != key and formula != key
    assert "=" in formula  # a formula, not a description


@pytest.mark.parametrize("key", FUNNEL_KEYS)
def test_every_funnel_step_has_a_name_and_a_formula(key: str) -> None:
    assert review_labels.funnel_step_name(key) != key
    assert review_labels.funnel_step_formula(key) != key


@pytest.mark.parametrize("basis", BASES)
def test_every_basis_has_a_name_and_a_sentence(basis: str) -> None:
    assert review_labels.basis_name(basis) and review_labels.basis_text(basis).endswith(".")


def test_series_and_totals_are_named() -> None:
    assert all(review_labels.series_name(name) != name for name in SERIES)
    assert all(review_labels.total_name(name) != name for name in TOTAL_FIELDS)
    assert review_labels.series_formula("online") != review_labels.series_formula("likes")


def test_unknown_keys_come_back_as_they_are() -> None:
    assert review_labels.kpi_name("future_kpi") == "future_kpi"
    assert review_labels.basis_text("") == ""
