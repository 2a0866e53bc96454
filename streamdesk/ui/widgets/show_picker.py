"""Which show goes live: a combo box with the show on air first, then today's and the next scheduled ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from streamdesk.core.show_types import ShowStatus, ShowSummary
from streamdesk.labels import status_name

_CLOSED = (ShowStatus.DONE, ShowStatus.CANCELLED)


def day_text(moment: datetime | None, today: date) -> str:
    """ "Today 20:00", "Tomorrow 19:30", "2026-01-08 20:00" in local time; "No date" for an undated show."""
    if moment is None:
        return QCoreApplication.translate("LivePage", "No date")
    local = moment.astimezone()
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return QCoreApplication.translate("LivePage", "Today {time}").format(time=clock)
    if days == 1:
        return QCoreApplication.translate("LivePage", "Tomorrow {time}").format(time=clock)
    if days == -1:
        return QCoreApplication.translate("LivePage", "Yesterday {time}").format(time=clock)
    return local.strftime("%Y-%m-%d %H:%M")


def remembered_show(state: QSettings, key: str) -> int | None:
    """The show id a page stored under ``key`` (QSettings gives back text, or junk from a hand-edited file)."""
    value = state.value(key)
    return int(value) if isinstance(value, (int, str)) and str(value).isdigit() else None


def picker_order(shows: Sequence[ShowSummary], now: datetime) -> list[ShowSummary]:
    """On air first; then today's and later shows still to run, soonest first; then past or finished shows,
    latest first; undated drafts; cancelled shows last. Templates never go live and are left out."""
    today = now.astimezone().date()

    def group(show: ShowSummary) -> int:
        if show.status is ShowStatus.LIVE:
            return 0
        if show.status is ShowStatus.CANCELLED:
            return 4
        if show.planned_start is None:
            return 3
        if show.status not in _CLOSED and show.planned_start.astimezone().date() >= today:
            return 1
        return 2

    def key(show: ShowSummary) -> tuple[int, float, int]:
        which = group(show)
        stamp = show.planned_start.timestamp() if show.planned_start is not None else 0.0
        return which, -stamp if which in (2, 4) else stamp, show.id

    return sorted((show for show in shows if not show.is_template), key=key)


class ShowPicker(QComboBox):
    """Items carry the show id; ``show_chosen`` fires when the user (or ``select_show``) picks another show.

    Given ``state`` and ``key``, the picker remembers the show a page last showed there (``remember``), and
    ``offer`` selects it again when the page starts with none.
    """

    show_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, state: QSettings | None = None, key: str = "") -> None:
        super().__init__(parent)
        self._state, self._key = state, key
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(36)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._shows: dict[int, ShowSummary] = {}
        self.currentIndexChanged.connect(self._on_index_changed)

    def set_shows(self, shows: Sequence[ShowSummary], now: datetime, keep: int | None = None) -> None:
        """Refill in picker order; ``keep`` (a show id) stays selected if it is still there, else the first one.
        Emits nothing: the caller loads the show it finds selected."""
        ordered = picker_order(shows, now)
        self._shows = {show.id: show for show in ordered}
        self.blockSignals(True)
        self.clear()
        today = now.astimezone().date()
        for show in ordered:
            self.addItem(self.item_text(show, today), show.id)
        wanted = keep if keep in self._shows else None
        self.setCurrentIndex(self.findData(wanted) if wanted is not None else (0 if ordered else -1))
        self.blockSignals(False)

    def offer(self, shows: Sequence[ShowSummary], now: datetime, shown: int | None) -> int | None:
        """Refill as ``set_shows`` does, keeping the page's ``shown`` show, else the remembered one; returns the id of
        the show now selected (None: no shows)."""
        keep = shown
        if keep is None and self._state is not None:
            keep = remembered_show(self._state, self._key)
        self.set_shows(shows, now, keep)
        return self.current_show_id()

    def moves_to(self, show_id: int, shown: int | None) -> bool:
        """Select ``show_id`` for a page showing ``shown``; False when the picker does not list it or it is shown."""
        if self.current_show_id() != show_id and not self.select_show(show_id):
            return False
        return show_id != shown

    def remember(self, show_id: int) -> None:
        """Store ``show_id`` as the page's last show, for ``offer`` next time."""
        if self._state is not None:
            self._state.setValue(self._key, show_id)

    def item_text(self, show: ShowSummary, today: date) -> str:
        return self.tr("{when} · {title} ({status})").format(
            when=day_text(show.planned_start, today), title=show.title, status=status_name(show.status)
        )

    def current_show_id(self) -> int | None:
        data = self.currentData()
        return data if isinstance(data, int) else None

    def current_show(self) -> ShowSummary | None:
        show_id = self.current_show_id()
        return None if show_id is None else self._shows.get(show_id)

    def summary(self, show_id: int) -> ShowSummary | None:
        return self._shows.get(show_id)

    def select_show(self, show_id: int) -> bool:
        index = self.findData(show_id)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        return True

    def _on_index_changed(self, _index: int) -> None:
        show_id = self.current_show_id()
        if show_id is not None:
            self.show_chosen.emit(show_id)
