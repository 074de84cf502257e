"""The one notification mechanism of the model: plain callbacks.

The model must stay free of Qt, so change announcements are small Python events.
Views connect a callable and refresh what they show; they never edit the model.

Two promises, after napari's event emitter:
- **No handler starves the others.** Each handler runs in its own try/except; an error is
  reported to one hook (`set_error_hook`: the GUI feeds its error guard, the default logs)
  and the next handler still runs. By the time a handler runs, the command that changed the
  model is already on the undo stack: one broken view must not leave the others stale.
- **A dead view is never called.** A bound method of a Qt object (a widget's slot) is held
  weakly, so connecting it does not keep a closed view alive, and it is dropped once its
  object is gone or Qt says its C++ side was deleted. Plain functions and lambdas are held
  as given (their owner disconnects them: see `ui/style/binding.listen`).
"""
from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

Handler = Callable[..., Any]
ErrorHook = Callable[["Event", Handler, BaseException], None]

_log = logging.getLogger("lpdesk.events")


def _log_error(event: Event, handler: Handler, error: BaseException) -> None:
    _log.error("a handler of a model event failed: %r", handler,
               exc_info=(type(error), error, error.__traceback__))


_error_hook: ErrorHook = _log_error


def set_error_hook(hook: ErrorHook | None) -> ErrorHook:
    """Send handlers' errors to `hook(event, handler, error)` (None: back to logging);
    returns the previous hook so a caller can put it back."""
    global _error_hook
    previous = _error_hook
    _error_hook = hook or _log_error
    return previous


def _is_qt_object(obj: object) -> bool:
    """A Qt object, told without importing Qt (the model must not): every QObject
    subclass carries `staticMetaObject`."""
    return hasattr(type(obj), "staticMetaObject")


def _qt_alive(obj: Any) -> bool:
    """False once the C++ side of a Qt object was deleted while its Python wrapper lives
    on (PySide then raises RuntimeError on any call into it)."""
    try:
        obj.metaObject()
    except RuntimeError:
        return False
    return True


class _WeakSlot:
    """A bound method of a Qt object, held without keeping the object alive."""

    __slots__ = ("_ref", "__weakref__")

    def __init__(self, method: Any) -> None:
        self._ref = weakref.WeakMethod(method)

    def resolve(self) -> Handler | None:
        return self._ref()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _WeakSlot):
            return self._ref == other._ref
        return self._ref() is not None and self._ref() == other

    def __hash__(self) -> int:
        return id(self)


def _entry(handler: Handler) -> Handler | _WeakSlot:
    owner = getattr(handler, "__self__", None)
    if owner is not None and hasattr(handler, "__func__") and _is_qt_object(owner):
        return _WeakSlot(handler)
    return handler


class Event:
    """A list of callbacks called in order with the arguments given to `emit`."""

    __slots__ = ("_handlers",)

    def __init__(self) -> None:
        self._handlers: list[Handler | _WeakSlot] = []

    def connect(self, handler: Handler) -> None:
        entry = _entry(handler)
        if entry not in self._handlers:
            self._handlers.append(entry)

    def disconnect(self, handler: Handler) -> None:
        for i, entry in enumerate(self._handlers):
            if entry == handler:
                del self._handlers[i]
                return

    def emit(self, *args: Any) -> None:
        # Copy: a handler may connect or disconnect (itself or others) while being called.
        for entry in list(self._handlers):
            if isinstance(entry, _WeakSlot):
                handler = entry.resolve()
                if handler is None or not _qt_alive(handler.__self__):  # its view is gone
                    self._drop(entry)
                    continue
            else:
                handler = entry
            try:
                handler(*args)
            except Exception as error:  # noqa: BLE001 - one view must not starve the rest
                _report(self, handler, error)

    def _drop(self, entry: Handler | _WeakSlot) -> None:
        for i, held in enumerate(self._handlers):
            if held is entry:
                del self._handlers[i]
                return

    def __len__(self) -> int:
        return len(self._handlers)


def _report(event: Event, handler: Handler, error: BaseException) -> None:
    try:
        _error_hook(event, handler, error)
    except Exception:  # noqa: BLE001 - a broken hook must not hide the error
        _log_error(event, handler, error)
