"""The last safety net in the room: an unexpected error in any handler becomes a short
message (the workshop goes on, the autosave keeps the work) instead of a traceback nobody
reads or, worse, a silently broken screen. The details go to stderr for the developers."""
from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

Notify = Callable[[str], None]


def install(notify: Notify) -> Callable[[], None]:
    """Route uncaught exceptions to `notify(message)`; returns a function that undoes it.
    A failing `notify` never hides the original error."""
    previous = sys.excepthook
    busy = False

    def hook(kind: type[BaseException], error: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, error, tb)
            return
        traceback.print_exception(kind, error, tb, file=sys.stderr)
        if busy:  # an error while showing an error: stderr is enough
            return
        busy = True
        try:
            notify(f"{kind.__name__}: {error}")
        except Exception:  # noqa: BLE001 - the net must not tear
            traceback.print_exc(file=sys.stderr)
        finally:
            busy = False

    sys.excepthook = hook

    def uninstall() -> None:
        sys.excepthook = previous

    return uninstall


def message_box_notifier(window) -> Notify:
    """Tell the facilitator in one calm dialog over the main window."""
    def notify(detail: str) -> None:
        window.show_error(
            window.tr("Something went wrong"),
            window.tr("lpdesk hit an unexpected problem and carried on. Your session is "
                      "still open and autosaved; saving it now is a good idea.\n\n"
                      "Details for the developers: %s") % detail)
    return notify
