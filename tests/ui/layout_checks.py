"""Layout checks for the lengthened-locale and accessibility tests.

``LengthenedTranslator`` (the app's own, from streamdesk.ui.i18n, also behind ``STREAMDESK_LENGTHENED=1``) turns
every source text into an accented version about 40 % longer, keeping ``{fields}``, ``%n``/``%1``, HTML tags and
entities and the ``&`` of a mnemonic. ``clipped_texts`` lists the labels, buttons, group-box titles and tabs of a
window whose text does not fit the room the layout gave them; ``unnamed_controls`` lists focusable controls a screen
reader could not name.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from PySide6 import QtGui
from PySide6.QtCore import QEventLoop, QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAccessible, QFontMetrics, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QTabWidget,
    QToolButton,
    QWidget,
)

from streamdesk.app import build_services
from streamdesk.config import AppPaths, Settings
from streamdesk.db import Database
from streamdesk.ui.app_pages import default_pages
from streamdesk.ui.i18n import LengthenedTranslator, lengthen
from streamdesk.ui.main_window import MainWindow
from streamdesk.ui.tasks import TaskRunner

__all__ = [
    "PAGE_KEYS",
    "LengthenedTranslator",
    "clipped_texts",
    "lengthen",
    "open_main_window",
    "page_views",
    "settle",
    "tab_stops",
    "tab_through",
    "unnamed_controls",
]


def _visible(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def _plain_width(widget: QWidget, text: str) -> int:
    metrics = QFontMetrics(widget.font())
    shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return max((metrics.horizontalAdvance(line) for line in shown.split("\n")), default=0)


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    indent = max(label.indent(), 0)
    available = room.width() - indent
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return f"wraps to {needed} px high in {label.height()} px"
        return None
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        width = round(document.idealWidth())
    else:
        shown = text if label.buddy() is not None else text.replace("&", "&&")  # with a buddy, "&x" is a mnemonic
        width = _plain_width(label, shown)
    if width > available + 1:
        return f"needs {width} px, has {available} px"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text:
        return None
    if isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly and not button.icon().isNull():
            return None
        hint = button.sizeHint()
        if button.width() + 1 < hint.width():
            return f"needs {hint.width()} px, has {button.width()} px"
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = text
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    element = QStyle.SubElement.SE_PushButtonContents
    if isinstance(button, QCheckBox):
        element = QStyle.SubElement.SE_CheckBoxContents
    elif isinstance(button, QRadioButton):
        element = QStyle.SubElement.SE_RadioButtonContents
    room: QRect = button.style().subElementRect(element, option, button)
    width = _plain_width(button, text)
    if not button.icon().isNull():
        width += button.iconSize().width() + 4
    if isinstance(button, QPushButton) and button.menu() is not None:
        width += button.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    if width > room.width() + 1:
        return f"needs {width} px, has {room.width()} px"
    return None


def _group_problem(group: QGroupBox) -> str | None:
    if not group.title():
        return None
    option = QStyleOptionGroupBox()
    option.initFrom(group)
    option.text = group.title()
    option.subControls = QStyle.SubControl.SC_GroupBoxLabel
    if group.isCheckable():
        option.subControls |= QStyle.SubControl.SC_GroupBoxCheckBox
    label = group.style().subControlRect(
        QStyle.ComplexControl.CC_GroupBox, option, QStyle.SubControl.SC_GroupBoxLabel, group
    )
    needed = _plain_width(group, group.title())
    if label.right() > group.width() or needed > label.width() + 1:
        return f"title needs {needed} px, group is {group.width()} px"
    return None


def _tab_problems(bar: QTabBar) -> Iterator[tuple[str, str]]:
    if bar.elideMode() != Qt.TextElideMode.ElideNone:
        return  # an elided tab shows "…" on purpose (and its tooltip)
    for index in range(bar.count()):
        text = bar.tabText(index)
        rect = bar.tabRect(index)
        needed = _plain_width(bar, text) + (bar.iconSize().width() + 4 if not bar.tabIcon(index).isNull() else 0)
        if needed > rect.width():
            yield text, f"tab needs {needed} px, has {rect.width()} px"
        if rect.right() > bar.width() and not bar.usesScrollButtons():
            yield text, "tab runs past the bar"


def _combo_problem(combo: QComboBox) -> str | None:
    """The current text (with its icon) must fit; so must every item of a fixed list (a non-editable box), since
    choosing it shows it there. "Fits" as Qt sizes a combo box to its contents: the text's inked width grown by the
    style's frame, margins and arrow."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = QFontMetrics(combo.font())
    icon = combo.iconSize().width() + 4

    def needed(text: str, with_icon: bool) -> int:
        size = QSize(metrics.boundingRect(text).width() + (icon if with_icon else 0), metrics.height())
        return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size, combo).width()

    widths = [needed(combo.itemText(index), not combo.itemIcon(index).isNull()) for index in range(combo.count())]
    current = needed(
        combo.currentText(), combo.currentIndex() >= 0 and not combo.itemIcon(combo.currentIndex()).isNull()
    )
    if current > combo.width() + 1:
        return f"current text needs {current} px, has {combo.width()} px"
    if not combo.isEditable() and widths and max(widths) > combo.width() + 1:
        widest = widths.index(max(widths))
        return f"item {combo.itemText(widest)[:40]!r} needs {max(widths)} px, has {combo.width()} px"
    return None


def _header_problems(header: QHeaderView) -> Iterator[tuple[str, str]]:
    """Column titles narrower than their text (and the sort arrow beside it); a hidden section is skipped."""
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    style = header.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
    metrics = QFontMetrics(header.font())
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n")) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += arrow + margin
        if needed > header.sectionSize(section) + 1:
            yield text, f"column title needs {needed} px, has {header.sectionSize(section)} px"


def clipped_texts(window: QWidget) -> list[str]:
    """One line per clipped text under ``window`` (visible widgets only): class, object name, text, why. Labels,
    buttons, group-box titles, tabs and combo boxes (the current text, and every item of a fixed list)."""
    found: list[str] = []

    def note(widget: QWidget, text: str, why: str) -> None:
        found.append(f"{type(widget).__name__} {widget.objectName()!r} {text[:60]!r}: {why}")

    for widget in window.findChildren(QWidget):
        if not _visible(widget, window):
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
            text = widget.text()
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            problem = _group_problem(widget)
            text = widget.title()
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
            text = widget.currentText()
        elif isinstance(widget, QTabBar):
            for tab_text, why in _tab_problems(widget):
                note(widget, tab_text, why)
            continue
        elif isinstance(widget, QHeaderView):
            for title, why in _header_problems(widget):
                note(widget, title, why)
            continue
        else:
            continue
        if problem:
            note(widget, text, problem)
    return found


_CONTROLS = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces: Qt's accessibility interface (accessibleName, else the control's own
    text, else its buddy label)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed_controls(window: QWidget) -> list[str]:
    """Visible, focusable buttons, line edits, spin boxes and combo boxes with no accessible name, no text of their
    own and no buddy label; and combo boxes a screen reader would name only by the choice they show ("All
    categories", then "Clothing": never what they choose)."""
    found = []
    buddies = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy() is not None}
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, _CONTROLS) or not _visible(widget, window):
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isEnabled():
            continue
        if isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue  # the line edit inside a spin box or combo box is named through its owner
        if not accessible_name(widget):
            found.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}")
        elif isinstance(widget, QComboBox) and not widget.accessibleName() and id(widget) not in buddies:
            found.append(
                f"{type(widget).__name__} in {type(widget.parentWidget()).__name__} is named only by its value"
            )
    return found


def focus_chain(window: QWidget) -> list[QWidget]:
    """The widgets Tab visits from ``window``, in order, once round the chain."""
    chain = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def tab_stops(window: QWidget) -> list[QWidget]:
    return [
        widget
        for widget in focus_chain(window)
        if _visible(widget, window)
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None  # a tab widget is reached through its tab bar
    ]


def tab_through(window: QWidget, places: list[QPoint] | None = None) -> tuple[list[QWidget], list[QWidget]]:
    """Press Tab from the first tab stop until focus comes back to it: the widgets that had focus in order, and
    those that kept Tab for themselves (a spreadsheet-like table, a text editor) and were left with Ctrl+Tab, as Qt
    does for such widgets. ``places`` gets where each one was on the screen when it had focus (a scroll area may
    have moved it since)."""
    stops = tab_stops(window)
    stops[0].setFocus(Qt.FocusReason.TabFocusReason)
    visited: list[QWidget] = []
    kept: list[QWidget] = []
    for _ in range(2 * len(stops)):
        focused = QApplication.focusWidget()
        if focused is None or focused in visited:
            break
        visited.append(focused)
        if places is not None:
            places.append(focused.mapToGlobal(QPoint(0, 0)))
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is focused:
            kept.append(focused)
            QTest.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    return visited, kept


def out_of_reading_order(visited: list[QWidget], places: list[QPoint]) -> list[str]:
    """Steps of a Tab walk round ``visited`` (a cycle, read from its top-left control; ``places`` from tab_through)
    that go back up (in the same column or to the left), against reading order; moving on to the next column goes
    up but to the right."""
    if not visited:
        return []
    first = min(range(len(visited)), key=lambda index: (places[index].y(), places[index].x()))
    order = list(range(first, len(visited))) + list(range(first))
    found = []
    for before, after in itertools.pairwise(order):
        if places[after].y() < places[before].y() - 8 and places[after].x() <= places[before].x() + 8:
            found.append(
                f"{type(visited[before]).__name__} {accessible_name(visited[before])!r} → "
                f"{type(visited[after]).__name__} {accessible_name(visited[after])!r}"
            )
    return found


PAGE_KEYS = ("catalogue", "shows", "preflight", "warmup", "live", "orders", "review", "advice")


def settle(runner: TaskRunner, *, at_least_ms: int = 150, at_most_ms: int = 5000) -> None:
    """Let a page finish loading: events run until the runner's tasks are done (and at least ``at_least_ms``), then
    two more turns, so what their callbacks changed is laid out (on a busy machine a task may end just before)."""
    waited = idle = 0
    while waited < at_most_ms and (waited < at_least_ms or idle < 2):
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        waited += 50
        idle = 0 if runner.busy else idle + 1


def page_views(window: MainWindow, runner: TaskRunner) -> Iterator[str]:
    """Show every page and, on it, every tab of its tab widgets in turn; yields "<page>" or "<page>/<tab no.>" once
    each view is shown and loaded."""
    for key in PAGE_KEYS:
        page = window.show_page(key)
        settle(runner)
        yield key
        for tabs in [tabs for tabs in page.findChildren(QTabWidget) if tabs.isVisibleTo(window)]:
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                settle(runner)
                yield f"{key}/{index + 1}"
            tabs.setCurrentIndex(0)


def open_main_window(database: Database, settings: Settings, paths: AppPaths, runner: TaskRunner) -> MainWindow:
    """The real main window with every real page over ``database``, shown at 1366×768 (a common laptop screen)."""
    services = build_services(database, settings, paths)
    window = MainWindow(
        default_pages(services, runner),
        runner,
        settings=settings,
        settings_file=paths.settings_file,
        window_state_file=paths.config_dir / "window.ini",
        database_label=str(database.path),
        log_file=paths.log_dir / "streamdesk.log",
    )
    window.resize(1366, 768)
    window.show()
    return window
