"""Connect a view to a model event for exactly as long as the view lives."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from lpdesk.model.events import Event


def listen(owner: QObject, event: Event, handler: Callable[..., Any]) -> None:
    """Call `handler` on `event` until `owner` is destroyed (then disconnect it), so a
    closed view is never called by the model."""
    event.connect(handler)
    owner.destroyed.connect(lambda *_: event.disconnect(handler))


def listen_instead(owner: QObject, old: Event | None, new: Event,
                   handler: Callable[..., Any]) -> None:
    """Move `handler` from `old` (the previous document's event, if any) to `new`: for
    views that outlive the documents they show (docks, panels)."""
    if old is not None:
        old.disconnect(handler)
    listen(owner, new, handler)
