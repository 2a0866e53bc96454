"""Keys for running a show with a presentation clicker or a foot pedal (they send Space, PageUp/PageDown or arrows).

The shortcuts are ``Qt.ApplicationShortcut``s, so they work whichever StreamDesk window has the focus (the Live page or
the presenter). Install them ONCE per application: the same key installed twice is ambiguous and then neither fires.

A focused text field keeps the keys it types with: QLineEdit, QPlainTextEdit and spin boxes accept Qt's
ShortcutOverride for Space, +, =, − and the arrows, so typing a note never pauses the show. PageUp/PageDown, F1 and F11
are not typing keys and always reach the timer, which is what a clicker needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from streamdesk.core.errors import UserError
from streamdesk.core.live_timer import LiveTimer

ONE_MINUTE = 60


@dataclass(frozen=True, slots=True)
class LiveKeyActions:
    """What each key does; the optional ones are left out when None (no presenter, no help overlay)."""

    toggle: Callable[[], object]  # start, pause or resume
    next_segment: Callable[[], object]
    previous_segment: Callable[[], object]
    add_minute: Callable[[], object]
    remove_minute: Callable[[], object]
    toggle_fullscreen: Callable[[], object] | None = None
    toggle_help: Callable[[], object] | None = None


def _keys() -> dict[str, tuple[QKeySequence, ...]]:
    keypad, shift = Qt.KeyboardModifier.KeypadModifier, Qt.KeyboardModifier.ShiftModifier
    return {
        "toggle": (QKeySequence(Qt.Key.Key_Space),),
        "next_segment": (QKeySequence(Qt.Key.Key_PageDown), QKeySequence(Qt.Key.Key_Right)),
        "previous_segment": (QKeySequence(Qt.Key.Key_PageUp), QKeySequence(Qt.Key.Key_Left)),
        # "+" is Shift+= on most keyboards; some platforms report the Shift, so both spellings are bound
        "add_minute": (
            QKeySequence(Qt.Key.Key_Plus),
            QKeySequence(Qt.Key.Key_Equal),
            QKeySequence(keypad | Qt.Key.Key_Plus),
            QKeySequence(shift | Qt.Key.Key_Plus),
        ),
        "remove_minute": (QKeySequence(Qt.Key.Key_Minus), QKeySequence(keypad | Qt.Key.Key_Minus)),
        "toggle_fullscreen": (QKeySequence(Qt.Key.Key_F11),),
        "toggle_help": (QKeySequence(Qt.Key.Key_F1),),
    }


def _descriptions() -> dict[str, str]:
    # spelled out in full each time: pyside6-lupdate only finds literal translate() calls
    return {
        "toggle": QCoreApplication.translate("LiveKeys", "Start, pause or resume the show timer"),
        "next_segment": QCoreApplication.translate("LiveKeys", "Next segment"),
        "previous_segment": QCoreApplication.translate("LiveKeys", "Previous segment"),
        "add_minute": QCoreApplication.translate("LiveKeys", "Add a minute to this segment"),
        "remove_minute": QCoreApplication.translate("LiveKeys", "Take a minute off this segment"),
        "toggle_fullscreen": QCoreApplication.translate("LiveKeys", "Presenter full screen on or off"),
        "toggle_help": QCoreApplication.translate("LiveKeys", "Show or hide these keys"),
    }


# How many of each action's keys the help lists: the keypad and Shift spellings of + and − are the same keys to a
# reader ("Num++" only confuses).
_SHOWN_KEYS = {"add_minute": 2, "remove_minute": 1}


def install_live_keys(widget: QWidget, actions: LiveKeyActions) -> list[QShortcut]:
    """Bind the clicker keys application-wide (owned by ``widget``); returns the shortcuts, e.g. to disable them."""
    shortcuts: list[QShortcut] = []
    for name, keys in _keys().items():
        action = getattr(actions, name)
        if action is None:
            continue
        shortcut = QShortcut(widget)
        shortcut.setObjectName(f"liveKey_{name}")
        shortcut.setKeys(list(keys))
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.setAutoRepeat(False)  # a clicker button held down must not toggle the timer over and over
        shortcut.activated.connect(action)
        shortcuts.append(shortcut)
    return shortcuts


def live_key_help(*, presenter: bool = True) -> list[tuple[str, str]]:
    """(keys, description) of every live key in the user's language, for the shortcut help overlay.
    ``presenter=False`` leaves out F11 (no presenter window to make full screen)."""
    descriptions = _descriptions()
    entries = []
    for name, keys in _keys().items():
        if name == "toggle_fullscreen" and not presenter:
            continue
        shown = keys[: _SHOWN_KEYS.get(name, len(keys))]
        names = dict.fromkeys(key.toString(QKeySequence.SequenceFormat.NativeText) for key in shown)
        entries.append((" / ".join(names), descriptions[name]))
    return entries


def timer_key_actions(
    timer: LiveTimer,
    *,
    after: Callable[[], object],
    on_error: Callable[[UserError], object],
    toggle_fullscreen: Callable[[], object] | None = None,
    toggle_help: Callable[[], object] | None = None,
) -> LiveKeyActions:
    """Keys that drive ``timer`` directly. ``after`` runs after every successful command (refresh the displays);
    a refused command (no next segment, not started yet …) goes to ``on_error`` and changes nothing."""

    def command(run: Callable[[], object]) -> Callable[[], None]:
        def invoke() -> None:
            try:
                run()
            except UserError as error:
                on_error(error)
                return
            after()

        return invoke

    return LiveKeyActions(
        toggle=command(timer.toggle),
        next_segment=command(timer.next),
        previous_segment=command(timer.previous),
        add_minute=command(lambda: timer.adjust(ONE_MINUTE)),
        remove_minute=command(lambda: timer.adjust(-ONE_MINUTE)),
        toggle_fullscreen=toggle_fullscreen,
        toggle_help=toggle_help,
    )
