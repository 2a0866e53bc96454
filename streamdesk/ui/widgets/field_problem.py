"""Validation shown next to the field it is about: a red frame on the field and the sentence right below it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from streamdesk.core.catalogue_types import FieldProblem
from streamdesk.messages import render
from streamdesk.ui.widgets.money_delegate import PROBLEM_COLOR


def problem_text(problem: FieldProblem) -> str:
    """The sentence for one FieldProblem; an editor's own parse problems (code "ui.message") carry it ready-made."""
    fields = dict(problem.fields)
    if problem.code == "ui.message":
        return str(fields.get("message", ""))
    return render(problem.code, fields)


def _invalid_style(field: QWidget) -> str:
    """A rule for the field itself only (a bare declaration would also frame a combo box's popup list)."""
    meta = field.metaObject()
    while meta is not None and not meta.className().startswith("Q"):
        meta = meta.superClass()
    selector = meta.className() if meta is not None else "QWidget"
    return f"{selector} {{ border: 2px solid {PROBLEM_COLOR.name()}; border-radius: 3px; padding: 1px; }}"


class ProblemLabel(QLabel):
    """Red, word-wrapped, hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {PROBLEM_COLOR.name()};")
        self.setVisible(False)

    def show_problem(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class FieldWithProblem(QWidget):
    """Wraps one input widget; ``set_problem(text)`` frames it red and writes the text under it."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.problem_label = ProblemLabel(self)
        self._normal_style = field.styleSheet()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.problem_label)

    def set_problem(self, message: str | None) -> None:
        self.field.setStyleSheet(_invalid_style(self.field) if message else self._normal_style)
        self.field.setProperty("invalid", bool(message))
        self.problem_label.show_problem(message)

    def problem(self) -> str:
        return self.problem_label.text() if self.problem_label.isVisibleTo(self) else ""
