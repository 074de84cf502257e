"""Imports after PySide6 at the cost of the import alone (issue 28: cold start).

PySide6 watches every module imported after it, to know which ones may switch its optional
features (`from __feature__ import ...`, which lpdesk does not use). To find out, it asks
whether the module's source contains "PySide6", through `inspect.getsource`: linecache,
the tokenizer's encoding detection and the whole file decoded and split into lines, for
every module lpdesk and the standard library import on the way to the first window (130
modules at start-up: 31-36 ms on a 2-core laptop, 7 % of the cold start). Reading the
file's bytes and looking for the same word gives the same answer in a fraction of that
(8-10 ms for the 130): "PySide6" is ASCII, so the bytes contain it exactly when the text
does, in UTF-8 and in any other encoding Python source may declare. A module that is not a
plain `.py` file, or a file that cannot be read, is asked the way PySide6 asks.

PySide6 keeps that check in a private function (`shibokensupport.feature._mod_uses_pyside`);
if a release no longer has it, nothing is changed and start-up is as slow as before.
"""
from __future__ import annotations

import sys
from types import ModuleType

FEATURE_MODULE = "shibokensupport.feature"


def quicker_imports() -> bool:
    """Replace PySide6's source check of each imported module with the quicker one (once).
    Returns whether it is in place."""
    import PySide6.QtCore  # noqa: F401 - its import sets up the feature module

    feature = sys.modules.get(FEATURE_MODULE)
    pyside_check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(pyside_check):
        return False
    if getattr(pyside_check, "lpdesk_quicker", False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return pyside_check(module)

    uses_pyside.lpdesk_quicker = True  # type: ignore[attr-defined]
    uses_pyside.pyside_check = pyside_check  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside
    return True
