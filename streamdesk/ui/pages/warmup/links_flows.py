"""What the Booking links tab does: dialogs and undo commands for adding, editing, moving and re-making links,
booking counts (in the table or from a file), the tracking parameter, copying the tagged link, and the QR code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit

from streamdesk.core.warmup_types import BookingLinkRow
from streamdesk.models.base import Platform
from streamdesk.ui.pages.warmup.counts_dialog import CountsDialog
from streamdesk.ui.pages.warmup.link_dialog import LinkDialog, url_problem
from streamdesk.ui.pages.warmup.texts import channel_name
from streamdesk.ui.pages.warmup.undo_commands import (
    AddLinkCommand,
    DeleteLinkCommand,
    EditLinkCommand,
    ImportCountsCommand,
    MoveLinkCommand,
    RemakeLinkCommand,
    SetBookingsCommand,
    TrackingParamCommand,
)

if TYPE_CHECKING:
    from streamdesk.ui.pages.warmup.links_view import LinksView
    from streamdesk.ui.pages.warmup.page import WarmupPage
    from streamdesk.ui.widgets.qr_options import QrOptions
    from streamdesk.ui.widgets.qr_preview import QrPreview


class LinkFlows(QObject):
    def __init__(self, page: WarmupPage, view: LinksView) -> None:
        super().__init__(page)
        self._page, self._view = page, view
        self._options: QrOptions | None = None  # made with the preview, on first use
        view.add.triggered.connect(self.add_link)
        view.edit.triggered.connect(lambda: self.edit_link())
        view.delete.triggered.connect(self.delete_link)
        view.move_up.triggered.connect(lambda: self.move_link(-1))
        view.move_down.triggered.connect(lambda: self.move_link(1))
        view.copy.triggered.connect(self.copy_link)
        view.remake.triggered.connect(lambda: self.remake_link())
        view.import_counts.triggered.connect(self.import_counts)
        view.warnings.remake_requested.connect(self.remake_link)
        view.warnings.edit_requested.connect(self.edit_link)
        view.model.bookings_edited.connect(self.set_bookings)
        view.tracking.editingFinished.connect(self.tracking_edited)
        view.selection_changed.connect(self.update_qr)

    def _selected(self) -> BookingLinkRow | None:
        rows = self._view.table.selected_rows()
        return self._view.model.link(rows[0]) if rows else None

    def _find(self, link_id: int) -> BookingLinkRow | None:
        row = self._view.model.row_of(link_id)
        return None if row is None else self._view.model.link(row)

    # --- links --------------------------------------------------------------------------------------------------
    def add_link(self) -> None:
        page = self._page
        plan = page.plan()
        if plan is None:
            return
        platforms = [Platform(p) for p in page.settings.default_platforms if p in Platform._value2member_map_]
        dialog = LinkDialog(
            page,
            tracking_param=plan.tracking_param,
            default_platform=platforms[0] if platforms else Platform.CHANNELS,
            now=page.now(),
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            link = dialog.value()
            page.push(AddLinkCommand(page, plan.show_id, link, channel_name(link.kind, link.label)))

    def edit_link(self, link_id: int | None = None) -> None:
        page = self._page
        plan = page.plan()
        link = self._find(link_id) if link_id is not None else self._selected()
        if plan is None or link is None:
            return
        dialog = LinkDialog(page, tracking_param=plan.tracking_param, link=link.to_input(), now=page.now())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value() != link.to_input():
            value = dialog.value()
            page.push(EditLinkCommand(page, link.id, value, channel_name(value.kind, value.label)))

    def delete_link(self) -> None:
        link = self._selected()
        if link is not None:
            self._page.push(DeleteLinkCommand(self._page, link.id, channel_name(link.kind, link.label)))

    def move_link(self, step: int) -> None:
        plan = self._page.plan()
        rows = self._view.table.selected_rows()
        if plan is None or not rows:
            return
        source = rows[0]
        destination = source + step
        link = self._view.model.link(source)
        if link is None or not 0 <= destination < self._view.model.rowCount():
            return
        self._page.push(MoveLinkCommand(self._page, plan.show_id, link.id, source, destination))

    def copy_link(self) -> None:
        link = self._selected()
        if link is None:
            return
        QApplication.clipboard().setText(link.tagged_url)
        self._page.report_info(
            self.tr("Copied the {channel} link: {url}").format(
                channel=channel_name(link.kind, link.label), url=link.tagged_url
            )
        )

    def remake_link(self, link_id: int | None = None) -> None:
        """Ask for the new booking's URL (kept as it is when the platform gave the same one) and record the remake."""
        page = self._page
        link = self._find(link_id) if link_id is not None else self._selected()
        if link is None:
            return
        channel = channel_name(link.kind, link.label)
        url, ok = QInputDialog.getText(
            page,
            self.tr("Re-made the booking"),
            self.tr(
                "You revoked the {channel} booking and created a new one for the show's current time. Paste the new "
                "booking link (keep it as it is if it did not change):"
            ).format(channel=channel),
            QLineEdit.EchoMode.Normal,
            link.url,
        )
        if not ok:
            return
        url = url.strip()
        if url_problem(url):
            page.report_error(url_problem(url))
            return
        page.push(RemakeLinkCommand(page, link.id, url if url != link.url else None, link.to_input(), channel))

    def set_bookings(self, link_id: int, bookings: int | None) -> None:
        link = self._find(link_id)
        if link is not None:
            page = self._page
            page.push(SetBookingsCommand(page, link_id, bookings, channel_name(link.kind, link.label)))

    def import_counts(self) -> None:
        page = self._page
        plan = page.plan()
        if plan is None:
            return
        dialog = CountsDialog(page, page.warmup, page.runner, plan.show_id)
        if dialog.exec() == QDialog.DialogCode.Accepted and (counts := dialog.plan()) is not None:
            command = ImportCountsCommand(page, counts)
            page.push(command)
            if not command.failed:
                page.report_info(self.tr("Imported %n booking count(s). Ctrl+Z undoes it.", None, command.changed))

    def tracking_edited(self) -> None:
        plan = self._page.plan()
        name = self._view.tracking.text().strip()
        if plan is None or name == plan.tracking_param:
            return
        self._page.push(TrackingParamCommand(self._page, plan.show_id, name))

    # --- QR code --------------------------------------------------------------------------------------------------
    def update_qr(self) -> None:
        view = self._view
        view.update_actions()
        link = self._selected()
        if link is None:
            view.qr_title.setText(self.tr("QR code"))
            view.qr_hint.setText(self.tr("Select a link to see its QR code, ready to save or copy into a poster."))
            view.qr_hint.show()
            if view.qr_preview is not None and self._options is not None:
                view.qr_preview.hide()
                self._options.hide()
            return
        view.qr_title.setText(self.tr("QR code for {channel}").format(channel=channel_name(link.kind, link.label)))
        view.qr_hint.hide()
        preview, options = self._preview()
        preview.dpi = options.png_dpi()
        preview.set_code(link.tagged_url, options.style(), options.printed_mm())
        preview.show()
        options.show()

    def _preview(self) -> tuple[QrPreview, QrOptions]:
        """The QR preview and its options (size, resolution, level, colours, logo), made on first use: they bring
        the QR renderer with them."""
        view = self._view
        if view.qr_preview is None:
            from streamdesk.ui.widgets.qr_options import QrOptions
            from streamdesk.ui.widgets.qr_preview import QrPreview

            options = QrOptions(self._page.state(), view.qr_box)  # made first: Tab reaches it before the preview
            view.qr_preview = QrPreview(view.qr_box)
            options.changed.connect(self.update_qr)
            self._options = options
            layout = view.qr_box.layout()
            layout.insertWidget(1, options)  # type: ignore[attr-defined]
            layout.insertWidget(2, view.qr_preview, 1)  # type: ignore[attr-defined]
        assert self._options is not None
        return view.qr_preview, self._options  # type: ignore[return-value]

    def qr_options(self) -> QrOptions | None:
        """The QR options, once a link has been selected."""
        return self._options
