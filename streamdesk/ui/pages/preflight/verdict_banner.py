"""The verdict of the run on show, in one glance: GO in green, NO-GO in red naming the failed critical checks, or
not finished yet in amber naming the critical checks still to do; with Finish, Reopen and Start a new run."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from streamdesk.core.preflight_types import PreflightRunRow
from streamdesk.models.base import CheckStatus, PreflightVerdict
from streamdesk.ui.pages.preflight.texts import VERDICT_STYLES, clock_text

_MAX_NAMED = 4  # more failed checks than this are counted, not named


def _names(titles: list[str]) -> str:
    separator = QCoreApplication.translate("VerdictBanner", ", ")  # "、" in Chinese
    shown = separator.join(titles[:_MAX_NAMED])
    return shown if len(titles) <= _MAX_NAMED else shown + " …"


class VerdictBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.headline = QLabel(self)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.finish_button = QPushButton(self.tr("Finish run"), self)
        self.finish_button.setToolTip(self.tr("Store this verdict with the show (Ctrl+Enter)"))
        self.reopen_button = QPushButton(self.tr("Reopen"), self)
        self.reopen_button.setToolTip(self.tr("Change results of this finished run"))
        self.new_run_button = QPushButton(self.tr("Start a new run"), self)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.headline)
        texts.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(texts, 1)
        for button in (self.finish_button, self.reopen_button, self.new_run_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.verdict: PreflightVerdict | None = None
        self.hide()

    def set_run(self, run: PreflightRunRow | None) -> None:
        if run is None:
            self.verdict = None
            self.hide()
            return
        verdict = run.verdict
        self.verdict = verdict
        background, border, colour = VERDICT_STYLES[verdict]
        self.setStyleSheet(
            f"QFrame#verdictBanner {{ background: {background}; border: 2px solid {border}; border-radius: 6px; }}"
            f" QLabel {{ color: {colour}; background: transparent; }}"
        )
        finished = run.finished_at is not None
        self.headline.setText(self._headline(run))
        self.detail.setText(self._detail(run))
        self.finish_button.setVisible(not finished)
        self.reopen_button.setVisible(finished)
        self.new_run_button.setVisible(finished)
        self.setAccessibleName(self.headline.text())
        self.show()

    def _headline(self, run: PreflightRunRow) -> str:
        if run.verdict is PreflightVerdict.GO:
            return self.tr("GO — every critical check passed")
        if run.verdict is PreflightVerdict.NO_GO:
            failed = [result.title for result in run.failed_critical]
            return self.tr("NO-GO — failed: {checks}").format(checks=_names(failed))
        pending = len(run.pending_critical)
        return self.tr("Not finished — %n critical check(s) still to do", None, pending)

    def _detail(self, run: PreflightRunRow) -> str:
        parts: list[str] = []
        warnings = sum(1 for result in run.results if result.status is CheckStatus.WARNING)
        other_failed = sum(1 for result in run.results if result.status is CheckStatus.FAILED and not result.critical)
        if run.verdict is PreflightVerdict.NO_GO:
            parts.append(self.tr("Fix them and check again. Going live anyway asks for a reason, kept with the show."))
        elif run.verdict is PreflightVerdict.INCOMPLETE:
            parts.append(
                self.tr("Still to do: {checks}.").format(checks=_names([r.title for r in run.pending_critical]))
            )
        if warnings:
            parts.append(self.tr("%n warning(s) to look at.", None, warnings))
        if other_failed:
            parts.append(self.tr("%n other check(s) failed.", None, other_failed))
        if run.finished_at is not None:
            parts.append(self.tr("Finished {time}.").format(time=clock_text(run.finished_at)))
        else:
            parts.append(self.tr("Started {time}.").format(time=clock_text(run.started_at)))
        if run.override_reason:
            parts.append(self.tr("Went live anyway: {reason}").format(reason=run.override_reason))
        return " ".join(parts)
