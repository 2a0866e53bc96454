"""The side panel of the checklist: the selected check explained (hint, verdict sentence, measured numbers) and the
controls to check it: pass/fail/skip buttons, a value field, or the probe's own controls — the microphone picker
with a live level meter, the test tone and its "Did you hear it?", the camera snapshot, the test checkout's QR code
with its order number and "paid" tick — plus the running probe's progress and Cancel.

The panel records nothing itself: it says what the seller chose through signals, and the run view makes that an
undoable command.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from streamdesk.core.preflight_types import AudioDevice, CheckResultRow
from streamdesk.messages import render
from streamdesk.models.base import CheckKind, CheckStatus, ProbeKind
from streamdesk.ui.pages.preflight.texts import (
    STATUS_BACKGROUNDS,
    STATUS_COLOURS,
    STATUS_MARKS,
    clock_text,
    limits_text,
    number_rows,
    script_hits_html,
    status_name,
    value_shown,
    verdict_sentence,
)
from streamdesk.ui.widgets.tab_order import tab_before
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.config import PreflightSettings
    from streamdesk.ui.tasks import Task
    from streamdesk.ui.widgets.level_meter import LevelMeter
    from streamdesk.ui.widgets.qr_preview import QrPreview

_BOX = "border-radius: 4px; padding: 6px; background: {background}; color: {colour}; border: 1px solid {colour};"


def _label(parent: QWidget, *, wrap: bool = True, selectable: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ProbePanel(QScrollArea):
    status_chosen = Signal(object)  # CheckStatus
    value_typed = Signal(str)
    run_clicked = Signal()
    tone_answered = Signal(bool)  # heard
    checkout_recorded = Signal(str, bool)  # order number, paid
    checkout_link_changed = Signal(str)
    snapshot_clicked = Signal()

    def __init__(self, settings: PreflightSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._settings = settings
        self._result: CheckResultRow | None = None
        self._editable = True
        self._busy = False
        self.meter: LevelMeter | None = None
        self.qr_preview: QrPreview | None = None
        body = QWidget(self)
        self.setWidget(body)
        self.title = _label(body)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = _label(body)
        self.hint.setStyleSheet("color: #555;")
        self.critical = _label(body)
        self.critical.setStyleSheet("color: #b71c1c;")
        self.status = _label(body)
        self.sentence = _label(body)
        self.numbers = _label(body)
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.script_hits = _label(body)  # "Script checked": each risky wording, where it is, what to say instead
        self.script_hits.setTextFormat(Qt.TextFormat.RichText)
        self.progress = TaskProgress(body, show_after_ms=0)
        self.progress.label.setWordWrap(True)  # "Recording from the microphone: speak as you will…" in a narrow panel
        progress_layout = self.progress.layout()
        if isinstance(
            progress_layout, QBoxLayout
        ):  # stacked: the panel is too narrow for text, bar and button in a row
            progress_layout.setDirection(QBoxLayout.Direction.TopToBottom)
        self._build_controls(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 6, 10, 6)
        for widget in (self.title, self.hint, self.critical, self.status, self.sentence, self.numbers):
            layout.addWidget(widget)
        layout.addWidget(self.script_hits)
        layout.addWidget(self.probe_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.value_box)
        layout.addWidget(self.manual_box)
        layout.addStretch(1)
        self.set_result(None)

    # --- building -------------------------------------------------------------------------------------------------
    def _build_controls(self, body: QWidget) -> None:
        self.manual_box = QWidget(body)
        self.pass_button = QPushButton(self.tr("Passed (Space)"), self.manual_box)
        self.fail_button = QPushButton(self.tr("Failed (F)"), self.manual_box)
        self.skip_button = QPushButton(self.tr("Skip (S)"), self.manual_box)
        manual = QHBoxLayout(self.manual_box)
        manual.setContentsMargins(0, 6, 0, 0)
        for button, status in (
            (self.pass_button, CheckStatus.PASSED),
            (self.fail_button, CheckStatus.FAILED),
            (self.skip_button, CheckStatus.SKIPPED),
        ):
            button.clicked.connect(lambda _checked=False, status=status: self.status_chosen.emit(status))
            manual.addWidget(button)

        self.value_box = QWidget(body)
        self.value_edit = QLineEdit(self.value_box)
        self.value_edit.setMaxLength(40)
        self.value_button = QPushButton(self.tr("Record"), self.value_box)
        value = QHBoxLayout(self.value_box)
        value.setContentsMargins(0, 6, 0, 0)
        value.addWidget(self.value_edit, 1)
        value.addWidget(self.value_button)
        self.value_edit.returnPressed.connect(self._on_value_entered)
        self.value_button.clicked.connect(self._on_value_entered)

        self.probe_box = QWidget(body)
        self.device = QComboBox(self.probe_box)
        self.device.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.device.setMinimumContentsLength(16)
        self.device_label = QLabel(self.tr("Device:"), self.probe_box)
        self.device_label.setBuddy(self.device)
        self.meter_slot = QVBoxLayout()
        self.run_button = QPushButton(self.probe_box)
        self.run_button.clicked.connect(self.run_clicked)
        self.question = QFrame(self.probe_box)
        self.question.setStyleSheet("QFrame { background: #e3f2fd; border-radius: 4px; }")
        question_text = _label(self.question)
        question_text.setText(self.tr("Did you hear the tone in your headphones or speakers?"))
        self.heard_button = QPushButton(self.tr("Yes, I heard it"), self.question)
        self.not_heard_button = QPushButton(self.tr("No, nothing"), self.question)
        self.heard_button.clicked.connect(lambda: self._answer(True))
        self.not_heard_button.clicked.connect(lambda: self._answer(False))
        answers = QHBoxLayout()
        answers.addWidget(self.heard_button)
        answers.addWidget(self.not_heard_button)
        question_layout = QVBoxLayout(self.question)
        question_layout.addWidget(question_text)
        question_layout.addLayout(answers)
        self.snapshot_button = QPushButton(self.tr("Take a snapshot"), self.probe_box)
        self.snapshot_button.clicked.connect(self.snapshot_clicked)
        self.snapshot = QLabel(self.probe_box)
        self.snapshot.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.checkout_box = QWidget(self.probe_box)
        self._build_checkout(self.checkout_box)
        device_row = QHBoxLayout()
        device_row.addWidget(self.device_label)
        device_row.addWidget(self.device, 1)
        probe = QVBoxLayout(self.probe_box)
        probe.setContentsMargins(0, 6, 0, 0)
        probe.addLayout(device_row)
        probe.addLayout(self.meter_slot)
        probe.addWidget(self.run_button)
        probe.addWidget(self.question)
        probe.addWidget(self.snapshot_button)
        probe.addWidget(self.snapshot)
        probe.addWidget(self.checkout_box)
        probe_controls = [self.device, self.run_button, self.heard_button, self.not_heard_button, self.snapshot_button]
        checkout = [self.link, self.order_no, self.paid, self.record_order]
        tab_before(self.pass_button, [*probe_controls, *checkout, self.value_edit, self.value_button])  # top down

    def _build_checkout(self, box: QWidget) -> None:
        self.link = QLineEdit(box)
        self.link.setPlaceholderText(self.tr("Paste the test product's or the shop's link"))
        self.link.editingFinished.connect(self._on_link_edited)
        self.qr_slot = QVBoxLayout()
        self.order_no = QLineEdit(box)
        self.order_no.setPlaceholderText(self.tr("e.g. 3721 0045 8812"))
        self.order_no.setMaxLength(64)
        self.paid = QCheckBox(self.tr("Paid: the payment went through on the phone"), box)
        self.record_order = QPushButton(self.tr("Record the test order"), box)
        self.record_order.clicked.connect(self._on_record_order)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Link:"), self.link)
        form.addRow(self.qr_slot)
        form.addRow(self.tr("Test order no.:"), self.order_no)
        form.addRow(self.paid)
        form.addRow(self.record_order)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(form)

    # --- state ----------------------------------------------------------------------------------------------------
    def result(self) -> CheckResultRow | None:
        return self._result

    def set_result(self, result: CheckResultRow | None, *, editable: bool = True) -> None:
        """Explain ``result`` and offer its controls; None: nothing selected."""
        same_item = result is not None and self._result is not None and result.id == self._result.id
        self._result, self._editable = result, editable
        if result is None:
            self.title.setText(self.tr("Select a check"))
            self.hint.setText(self.tr("Pick a line of the checklist to see how to check it and what was measured."))
            for widget in (self.critical, self.status, self.sentence, self.numbers, self.script_hits):
                widget.hide()
            for box in (self.probe_box, self.value_box, self.manual_box):
                box.hide()
            return
        self.title.setText(result.title)
        self.hint.setText(result.hint)
        self.hint.setVisible(bool(result.hint))
        self.critical.setText(self.tr("Critical: a failure here means NO-GO."))
        self.critical.setVisible(result.critical)
        self._show_status(result)
        self.manual_box.setVisible(editable)
        self.value_box.setVisible(editable and result.kind is CheckKind.VALUE)
        if result.kind is CheckKind.VALUE and not same_item:
            self.value_edit.setText(result.value)
            limits = limits_text(result)
            self.value_edit.setPlaceholderText(
                self.tr("Type the value ({limits})").format(limits=limits) if limits else self.tr("Type the value")
            )
            self.value_edit.setAccessibleName(self.value_edit.placeholderText())  # the field has no label
        self.probe_box.setVisible(editable and result.probe is not None)
        if result.probe is not None:
            self._show_probe(result.probe, result, same_item)
        self._update_enabled()

    def _show_status(self, result: CheckResultRow) -> None:
        colour = STATUS_COLOURS[result.status].name()
        background = STATUS_BACKGROUNDS.get(result.status)
        line = f"{STATUS_MARKS[result.status]}  {status_name(result.status)}"
        if result.checked_at is not None:
            line = self.tr("{status} at {time}").format(status=line, time=clock_text(result.checked_at))
        if result.value:
            line = self.tr("{status} · {value}").format(status=line, value=value_shown(result))
        self.status.setText(line)
        self.status.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.status.show()
        sentence = verdict_sentence(result.measured)
        if not sentence and result.note:
            sentence = result.note
        self.sentence.setText(sentence)
        self.sentence.setStyleSheet(
            _BOX.format(background=(background.name() if background else "#f5f5f5"), colour=colour)
        )
        self.sentence.setVisible(bool(sentence))
        rows = number_rows(result.measured)
        cells = "".join(
            f"<tr><td style='color:#555; padding-right:12px'>{html.escape(name)}</td><td><b>{html.escape(value)}</b>"
            "</td></tr>"
            for name, value in rows
        )
        self.numbers.setText(f"<table>{cells}</table>" if rows else "")
        self.numbers.setVisible(bool(rows))
        found = script_hits_html(result.measured) if result.probe is ProbeKind.SCRIPT else ""
        self.script_hits.setText(found)
        self.script_hits.setVisible(bool(found))

    def _show_probe(self, probe: ProbeKind, result: CheckResultRow, same_item: bool) -> None:
        audio = probe in (ProbeKind.AUDIO_INPUT, ProbeKind.AUDIO_OUTPUT)
        self.device_label.setVisible(audio)
        self.device.setVisible(audio)
        if audio and not same_item:
            self._fill_devices(probe)
        if probe is ProbeKind.AUDIO_INPUT:
            self._ensure_meter()
        if self.meter is not None:
            self.meter.setVisible(probe is ProbeKind.AUDIO_INPUT)
        texts = {
            ProbeKind.AUDIO_INPUT: self.tr("Record {seconds} s and measure the mic (Ctrl+R)").format(
                seconds=f"{self._settings.record_seconds:g}"
            ),
            ProbeKind.AUDIO_OUTPUT: self.tr("Play the test tone (Ctrl+R)"),
            ProbeKind.VIDEO: self.tr("Look for cameras (Ctrl+R)"),
            ProbeKind.NETWORK: self.tr("Test the network (Ctrl+R)"),
            ProbeKind.MACHINE: self.tr("Check this computer (Ctrl+R)"),
            ProbeKind.SCRIPT: self.tr("Check the scripts (Ctrl+R)"),
        }
        self.run_button.setText(texts.get(probe, ""))
        self.run_button.setVisible(probe is not ProbeKind.TEST_CHECKOUT)
        if not same_item:
            self.question.hide()
            self.snapshot.clear()
            self.snapshot.hide()
        self.snapshot_button.setVisible(probe is ProbeKind.VIDEO)
        self.checkout_box.setVisible(probe is ProbeKind.TEST_CHECKOUT)
        if probe is ProbeKind.TEST_CHECKOUT and not same_item:
            numbers = dict(result.measured)
            self.order_no.setText(str(numbers.get("order_no", "")))
            self.paid.setChecked(numbers.get("paid") == "yes")
            self._show_qr()

    def _fill_devices(self, probe: ProbeKind) -> None:
        from streamdesk.core.probes import audio

        try:
            devices = audio.input_devices() if probe is ProbeKind.AUDIO_INPUT else audio.output_devices()
        except Exception:
            devices = ()
        self.set_devices(devices)

    def set_devices(self, devices: tuple[AudioDevice, ...], keep: str | None = None) -> None:
        current = keep if keep is not None else self.device_id()
        self.device.clear()
        self.device.addItem(self.tr("System default"), None)
        for device in devices:
            name = self.tr("{name} (default)").format(name=device.name) if device.is_default else device.name
            self.device.addItem(name, device.id)
        index = self.device.findData(current) if current is not None else 0
        self.device.setCurrentIndex(max(0, index))

    def device_id(self) -> str | None:
        data = self.device.currentData()
        return data if isinstance(data, str) else None

    def device_name(self) -> str:
        return self.device.currentText()

    def _ensure_meter(self) -> None:
        if self.meter is not None:
            return
        from streamdesk.ui.widgets.level_meter import LevelMeter

        self.meter = LevelMeter(self._settings, self.probe_box)
        self.meter_slot.addWidget(self.meter)

    def _show_qr(self) -> None:
        url = self.link.text().strip()
        if not url:
            if self.qr_preview is not None:
                self.qr_preview.clear()
                self.qr_preview.hide()
            return
        from streamdesk.core.qr import QrStyle
        from streamdesk.ui.widgets.qr_preview import QrPreview

        if self.qr_preview is None:
            self.qr_preview = QrPreview(self.checkout_box)
            self.qr_slot.addWidget(self.qr_preview)
            tab_before(self.order_no, [self.qr_preview.save_png_button, self.qr_preview.save_svg_button])
            tab_before(self.order_no, [self.qr_preview.copy_button])
        self.qr_preview.show()
        self.qr_preview.set_code(url, QrStyle(), 40.0)

    def set_settings(self, settings: PreflightSettings) -> None:
        """New thresholds: the next probe and the meter's zones use them."""
        self._settings = settings
        if self._result is not None:
            self.set_result(self._result, editable=self._editable)

    # --- busy -----------------------------------------------------------------------------------------------------
    def track(self, task: Task, text: str) -> None:
        self._busy = True
        self.progress.track(task, text, describe_stage=render)
        task.progressed.connect(lambda _progress: self.progress.bar.setFormat("%p%"))  # not "111547 of 220500" frames
        task.finished.connect(self._on_task_finished)
        self._update_enabled()

    def _on_task_finished(self, _outcome: str) -> None:
        self._busy = False
        self._update_enabled()

    def _update_enabled(self) -> None:
        for widget in (self.run_button, self.device, self.snapshot_button, self.record_order, self.value_button):
            widget.setEnabled(not self._busy and self._editable)
        for button in (self.pass_button, self.fail_button, self.skip_button):
            button.setEnabled(self._editable)

    def set_levels(self, rms_dbfs: float, peak_dbfs: float) -> None:
        if self.meter is not None:
            self.meter.set_levels(rms_dbfs, peak_dbfs)

    def ask_heard(self) -> None:
        self.question.show()
        self.heard_button.setFocus()

    def set_snapshot(self, png: bytes | None) -> None:
        if png is None:
            self.snapshot.setText(self.tr("The camera gave no picture."))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            self.snapshot.setPixmap(pixmap.scaledToWidth(320, Qt.TransformationMode.SmoothTransformation))
        self.snapshot.show()

    def set_checkout_link(self, url: str) -> None:
        self.link.setText(url)
        self._show_qr()

    # --- answers --------------------------------------------------------------------------------------------------
    def _answer(self, heard: bool) -> None:
        self.question.hide()
        self.tone_answered.emit(heard)

    def _on_value_entered(self) -> None:
        self.value_typed.emit(self.value_edit.text().strip())

    def _on_link_edited(self) -> None:
        self._show_qr()
        self.checkout_link_changed.emit(self.link.text().strip())

    def _on_record_order(self) -> None:
        self.checkout_recorded.emit(self.order_no.text().strip(), self.paid.isChecked())
