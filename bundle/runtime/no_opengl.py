"""PyInstaller runtime hook (runs in the bundle before lpdesk): stand-ins for PySide6's
QtOpenGL and QtOpenGLWidgets.

lpdesk draws nothing with OpenGL, but pyqtgraph imports both modules at its own import
(`importlib.import_module("PySide6.QtOpenGL")` in PlotCurveItem and Qt/OpenGLHelpers, for
its optional OpenGL drawing, which lpdesk never switches on). The real ones weigh 9 MB, a
sixteenth of the bundle, so the bundle leaves them out and these stand-ins take their
place: they import, their names resolve (and serve as base classes, as
GraphicsViewGLWidget uses QOpenGLWidget), and making any of their objects raises
NotBundledError saying why, instead of a crash. bundle/smoke.py imports every lpdesk
module and paints every activity with them in place.
"""
from __future__ import annotations

import sys
import types

MODULES = ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets")


class NotBundledError(RuntimeError):
    pass


class _StandInType(type):
    def __getattr__(cls, name: str):  # QOpenGLBuffer.Type.VertexBuffer and the like
        if name.startswith("__"):
            raise AttributeError(name)
        return _stand_in(f"{cls.__qualname__}.{name}")


class _StandIn(metaclass=_StandInType):
    def __init__(self, *args, **kwargs) -> None:
        raise NotBundledError(f"{type(self).__qualname__}: OpenGL drawing is not part of "
                              "the lpdesk app (pyqtgraph's OpenGL mode is never used)")


def _stand_in(name: str) -> type:
    return _StandInType(name, (_StandIn,), {"__qualname__": name})


def _module(name: str) -> types.ModuleType:
    module = types.ModuleType(name, "Stand-in: OpenGL is not part of the lpdesk bundle.")
    module.__stand_in__ = True

    def __getattr__(attr: str):  # noqa: N807 (module attribute hook)
        if attr.startswith("__"):
            raise AttributeError(attr)
        value = _stand_in(attr)
        setattr(module, attr, value)
        return value

    module.__getattr__ = __getattr__
    return module


def install() -> None:
    for name in MODULES:
        sys.modules.setdefault(name, _module(name))


install()
