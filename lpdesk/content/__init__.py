"""Bundled content (stages, quiz, templates, agenda) loaded from resources/ and validated.

Resources sit in `lpdesk/resources` when installed and in the bundle (bundle/build.py), and
in `resources/` beside the package in a source checkout. Broken content raises ContentError
naming the file and the item.
"""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any


class ContentError(ValueError):
    """Bundled or edited content is broken. str() is `FILE: ITEM: problem`."""

    def __init__(self, path: str | Path, item: str, problem: str) -> None:
        self.path, self.item, self.problem = Path(path), item, problem
        super().__init__(f"{self.path}: {item}: {problem}" if item else f"{self.path}: {problem}")


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent.parent
    candidates = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)  # the PyInstaller bundle (bundle/build.py)
    if getattr(sys, "frozen", False) and bundle:
        candidates.insert(0, Path(bundle) / "lpdesk" / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("lpdesk resources folder not found")


def resource_path(name: str) -> Path:
    return resources_dir() / name


def load_json(path: str | Path) -> Any:
    """Read a content JSON file; any problem becomes a ContentError naming the file."""
    import json  # here: the first screen (the start page) reads no content file

    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError(path, "", "the content file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, "", f"cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ContentError(path, "", f"is not valid JSON ({exc.msg} at line {exc.lineno})") \
            from None


def require(path: Path, item: str, condition: bool, problem: str) -> None:
    if not condition:
        raise ContentError(path, item, problem)


def text_field(path: Path, item: str, data: Any, key: str) -> str:
    """A required non-empty text field of a content object."""
    require(path, item, isinstance(data, dict), "expected an object")
    value = data.get(key)
    require(path, item, isinstance(value, str) and bool(value.strip()),
            f"'{key}' must be a non-empty text")
    return value
