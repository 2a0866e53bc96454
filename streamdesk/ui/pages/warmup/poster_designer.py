"""The Poster tab of the warm-up page: design a booking poster for a show and export, print or batch it.

A seller should have a good poster within a minute, so everything starts filled in: the A4 template, the first
theme, the poster in the interface's language, the show's first booking link for the QR, the rundown's first six
products and texts made from the show (``poster.default_texts``). Every change re-renders the preview in the
background (poster_preview.py); exports, printing and the one-poster-per-channel PDF live in poster_export.py.

The choices are remembered per show as JSON through ``Warmup.save_poster_settings``: template, theme, language,
link, ticked products (``null`` = the rundown's first six, so new rundown products still appear) and only the texts
the seller edited (the rest keep following the show: a countdown written once would lie a day later).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolBar, QVBoxLayout, QWidget

from streamdesk.config import Settings
from streamdesk.core.errors import UserError
from streamdesk.messages import describe
from streamdesk.ui.pages.warmup.poster_export import PosterExport
from streamdesk.ui.pages.warmup.poster_form import MAX_PRODUCTS, TEXT_FIELDS, PosterForm, ShowPosterData, load_show
from streamdesk.ui.pages.warmup.poster_preview import PosterPreview, PreviewRenderer, PreviewResult, warning_sentences
from streamdesk.ui.widgets.message_bar import MessageBar
from streamdesk.ui.widgets.task_progress import TaskProgress

if TYPE_CHECKING:
    from streamdesk.core.jobs import CancelToken
    from streamdesk.core.poster import PosterSpec, PosterTemplate, PosterTheme
    from streamdesk.core.shows import Shows
    from streamdesk.core.warmup import Warmup
    from streamdesk.core.warmup_types import BookingLinkRow, PosterContent, PosterProduct
    from streamdesk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

SAVE_DELAY_MS = 600  # choices are written once the seller pauses, not on every key
DEFAULT_TEMPLATE = "a4"


class PosterDesigner(QWidget):
    loaded = Signal(int)  # show id whose data arrived and fills the form
    preview_updated = Signal()  # a newer page is on screen
    choices_saved = Signal(int)  # show id whose choices were written

    def __init__(
        self,
        warmup: Warmup,
        runner: TaskRunner,
        *,
        settings: Settings,
        shows: Shows | None = None,  # lets the seller tick any product of the rundown, not only the first six
        clock: Callable[[], datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._warmup, self._runner, self._settings, self._shows = warmup, runner, settings, shows
        self._clock = clock or (lambda: datetime.now(UTC))
        self._show_id: int | None = None
        self._data: ShowPosterData | None = None
        self._content: PosterContent | None = None
        self._edited: dict[str, str] = {}  # field → the seller's text, only where it differs from the default
        self._defaults: dict[str, str] = {}
        self._templates: tuple[PosterTemplate, ...] = ()
        self._themes: tuple[PosterTheme, ...] = ()
        self._carried: dict[str, Any] | None = None  # choices kept across reload() (the save may still be running)
        self._render_error = ""

        self.messages = MessageBar(self)
        self.form = PosterForm(self)
        self.preview = PosterPreview(self)
        self.renderer = PreviewRenderer(runner, self)
        self.progress = TaskProgress(self)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("posterWarnings")
        self.warnings.setStyleSheet(
            "QLabel#posterWarnings { background: #fff8e1; border: 1px solid #ffe082; border-radius: 4px; padding: 6px; }"
        )
        self.warnings.hide()
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.export = PosterExport(self, runner)
        self.export.add_to(self.toolbar)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_choices)
        self._build()
        self.form.changed.connect(self._on_form_changed)
        self.form.texts_reset.connect(self.reset_texts)
        self.form.logo_refused.connect(
            lambda name: self.messages.show_error(
                self.tr("{file} could not be read as a picture; choose a PNG or JPEG logo.").format(file=name)
            )
        )
        self.form.product_refused.connect(self._on_product_refused)
        self.renderer.rendered.connect(self._on_rendered)
        self.renderer.failed.connect(self._on_render_failed)
        self.renderer.busy_changed.connect(self.preview.set_updating)
        self._set_ready(False)
        self.preview.show_message(self.tr("Choose a show to design its booking poster."))

    def _build(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(340)
        scroll.setMaximumWidth(440)
        right = QVBoxLayout()
        right.addWidget(self.toolbar)
        right.addWidget(self.preview, 1)
        right.addWidget(self.warnings)
        right.addWidget(self.progress)
        row = QHBoxLayout()
        row.addWidget(scroll, 2)
        row.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.messages)
        layout.addLayout(row, 1)

    # --- public ------------------------------------------------------------------------------------------------
    def show_id(self) -> int | None:
        return self._show_id

    def show_title(self) -> str:
        return self._data.show_title if self._data is not None else ""

    def links(self) -> tuple[BookingLinkRow, ...]:
        return self._data.links if self._data is not None else ()

    def set_show(self, show_id: int | None) -> None:
        """Design the poster of ``show_id`` (None: no show); the previous show's choices are saved first."""
        self._open(show_id, carry=False)

    def reload(self) -> None:
        """Read the show again (links or the rundown changed meanwhile); the choices made are kept, and the page
        stays on screen until the new one is drawn."""
        if self._show_id is not None and self._data is not None:
            self._open(self._show_id, carry=True)

    def showEvent(self, event: QShowEvent) -> None:
        """Back on the Poster tab: links edited on the Booking links tab (or a changed rundown) show up."""
        super().showEvent(event)
        self.reload()

    def _open(self, show_id: int | None, *, carry: bool) -> None:
        carried = self.choices() if carry else None
        if self._save_timer.isActive() or carry:
            self.save_choices()
        self._show_id, self._data, self._content = show_id, None, None
        self._edited, self._carried = {}, carried
        self.renderer.clear()
        self._set_ready(False)
        if not carry:
            self.messages.dismiss()
            self.warnings.hide()
            waiting = self.tr("Reading the show…") if show_id is not None else ""
            self.preview.show_message(waiting or self.tr("Choose a show to design its booking poster."))
        if show_id is None:
            return
        warmup, shows = self._warmup, self._shows

        def job(_cancel: CancelToken) -> ShowPosterData:
            return load_show(warmup, show_id, shows)

        self._runner.start(job, on_success=self._on_loaded, on_error=self._on_load_failed)

    def _on_settings_changed(self, settings: Settings) -> None:
        self._settings = settings
        if self._content is not None:
            self._refresh_texts()
            self._request_preview()

    def current_spec(self) -> PosterSpec | None:
        """The poster as the form describes it now; None before a show is loaded. Raises UserError."""
        from streamdesk.core import poster

        if self._content is None:
            return None
        texts = poster.PosterTexts(**self.text_values())
        return poster.spec_for(
            self._content,
            self.template_key(),
            self.theme_key(),
            self.language(),
            self._clock(),
            texts=texts,
            logo=self.form.logo(),
            business_name=self._settings.business_name,
        )

    def template_key(self) -> str:
        return str(self.form.template.currentData() or DEFAULT_TEMPLATE)

    def theme_key(self) -> str:
        return str(self.form.theme.currentData() or "")

    def language(self) -> str:
        return str(self.form.language.currentData() or self._settings.language)

    def text_values(self) -> dict[str, str]:
        return {field: self._edited.get(field, self._defaults.get(field, "")) for field in TEXT_FIELDS}

    def chosen_products(self) -> tuple[PosterProduct, ...]:
        chosen = set(self.form.chosen_variants())
        pool = self._data.pool if self._data is not None else ()
        return tuple(product for product in pool if product.variant_id in chosen)

    def reset_texts(self) -> None:
        """Forget the seller's text edits: every text follows the show again."""
        self._edited = {}
        self._refresh_texts()
        self._changed()

    def report_error(self, text: str) -> None:
        self.messages.show_error(text)

    def choices(self) -> dict[str, Any]:
        """What is remembered for the show (the JSON written by save_choices)."""
        variants = list(self.form.chosen_variants())
        data = self._data
        default = [product.variant_id for product in data.pool[:MAX_PRODUCTS]] if data is not None else []
        return {
            "template": self.template_key(),
            "theme": self.theme_key(),
            "language": self.language(),
            "link_id": self.form.channel.currentData(),
            "variant_ids": None if variants == default else variants,
            "texts": dict(self._edited),
            "logo": self.form.logo_path(),
            "folder": str(self.export.folder),
        }

    def save_choices(self) -> None:
        self._save_timer.stop()
        show_id, data = self._show_id, self._data
        if show_id is None or data is None or data.show_id != show_id:
            return
        text = json.dumps(self.choices(), ensure_ascii=False, sort_keys=True)
        warmup = self._warmup

        def job(_cancel: CancelToken) -> int:
            warmup.save_poster_settings(show_id, text)
            return show_id

        self._runner.start(job, on_success=self._on_choices_saved, on_error=self.report_error)

    def _on_choices_saved(self, show_id: int) -> None:
        self.choices_saved.emit(show_id)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the tab or closing the window keeps what was just chosen."""
        if self._save_timer.isActive():
            self.save_choices()
        super().hideEvent(event)

    # --- loading -----------------------------------------------------------------------------------------------
    def _on_loaded(self, data: ShowPosterData) -> None:
        if data.show_id != self._show_id:
            return  # another show was chosen while this one was read
        from streamdesk.core import poster

        try:
            self._templates = self._templates or poster.templates()
            self._themes = self._themes or tuple(poster.THEMES)
        except UserError as error:
            self._on_load_failed(describe(error))
            return
        self._data, self._content = data, data.content
        saved = data.saved if self._carried is None else self._carried
        self._carried = None
        form = self.form
        form.set_templates(self._templates)
        form.set_themes(self._themes)
        form.set_links(data.links)
        ticked = saved.get("variant_ids")
        chosen = [product.variant_id for product in data.content.products]
        if isinstance(ticked, list):
            chosen = [product.variant_id for product in data.pool if product.variant_id in ticked][:MAX_PRODUCTS]
        form.set_products(data.pool, chosen)
        if not form.select(form.template, saved.get("template")):
            form.select(form.template, DEFAULT_TEMPLATE)
        if not form.select(form.theme, saved.get("theme")):
            form.theme.setCurrentIndex(0)
        if not form.select(form.language, saved.get("language")):
            form.select(form.language, self._settings.language)
        if not form.select(form.channel, saved.get("link_id")):
            form.select(form.channel, data.content.link_id)
        self._content = replace(data.content, products=self.chosen_products(), **self._link_fields())
        texts = saved.get("texts")
        self._edited = {k: v for k, v in texts.items() if k in TEXT_FIELDS} if isinstance(texts, dict) else {}
        self.export.remember_folder(saved.get("folder"))
        if "logo" in saved:  # a show never designed keeps the logo of the last one
            self.form.set_logo_path(saved.get("logo"))
        self._refresh_texts()
        self._set_ready(True)
        if self.preview.image() is None:
            self.preview.show_message(self.tr("Drawing the poster…"))
        self._request_preview()
        self.loaded.emit(data.show_id)

    def _on_load_failed(self, message: str) -> None:
        self.preview.show_message(message)
        self.messages.show_error(message)

    def _set_ready(self, ready: bool) -> None:
        self.form.setEnabled(ready)
        self.export.set_enabled(ready)

    # --- edits -------------------------------------------------------------------------------------------------
    def _on_form_changed(self) -> None:
        if self._data is None or self._content is None:
            return
        values = self.form.text_values()
        for field in TEXT_FIELDS:
            if values[field] != self._defaults.get(field, ""):
                self._edited[field] = values[field]
            else:
                self._edited.pop(field, None)
        self._content = replace(self._content, products=self.chosen_products(), **self._link_fields())
        self._refresh_texts()
        self._changed()

    def _link_fields(self) -> dict[str, Any]:
        link_id = self.form.channel.currentData()
        link = next((link for link in self.links() if link.id == link_id), None)
        if link is None:
            return {"link_id": None, "channel_label": "", "channel_kind": None, "platform": None, "url": ""}
        from streamdesk.ui.pages.warmup.poster_form import channel_name

        return {
            "link_id": link.id,
            "channel_label": channel_name(link),
            "channel_kind": link.kind,
            "platform": link.platform,
            "url": link.tagged_url,
        }

    def _refresh_texts(self) -> None:
        """The defaults for the current content and language; edited fields keep the seller's text."""
        from streamdesk.core import poster

        if self._content is None:
            return
        defaults = poster.default_texts(
            self._content, self.language(), self._clock(), business_name=self._settings.business_name
        )
        self._defaults = {field: str(getattr(defaults, field)) for field in TEXT_FIELDS}
        self.form.set_texts(self.text_values())

    def _changed(self) -> None:
        self._save_timer.start()
        self._request_preview()

    def _request_preview(self) -> None:
        try:
            spec = self.current_spec()
        except UserError as error:
            self.messages.show_error(describe(error))
            return
        if spec is not None:
            self.renderer.request(spec)

    def _on_product_refused(self) -> None:
        self.messages.show_error(
            self.tr("A poster shows at most {limit} products. Untick one before adding another.").format(
                limit=MAX_PRODUCTS
            )
        )

    # --- preview -----------------------------------------------------------------------------------------------
    def _on_rendered(self, result: PreviewResult) -> None:
        self.preview.set_image(result.image)
        sentences = warning_sentences(result.spec, result.report)
        self.warnings.setText("\n".join(f"• {sentence}" for sentence in sentences))
        self.warnings.setVisible(bool(sentences))
        if self._render_error and self.messages.text() == self._render_error:
            self.messages.dismiss()  # the poster draws again: the last failure is over
        self._render_error = ""
        self.preview_updated.emit()

    def _on_render_failed(self, message: str) -> None:
        """No page rather than a wrong one (e.g. Chinese text without a Chinese font); the reason shows twice:
        in the message bar and where the page would be."""
        self._render_error = message
        self.preview.show_message(message)
        self.warnings.hide()
        self.messages.show_error(message)

    def warning_texts(self) -> tuple[str, ...]:
        text = self.warnings.text() if not self.warnings.isHidden() else ""
        return tuple(line.removeprefix("• ") for line in text.splitlines() if line)
