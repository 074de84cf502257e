"""Opening and saving sessions, and the memory a big one needs.

- Open and render: `lpdesk FILE`'s path (`create_main_window(path)`: main window, read and
  validate the file, agenda) then show every activity page once and let it paint. Timed in a
  running app whose page code is already loaded (File > Open during a workshop); the first
  open in a just-started app, which also loads the page code (pyqtgraph among it), is shown
  next to it. Targets: demo under 150 ms, 1,000 participants under 1 s.
- Save: `SessionDocument.save()` to its own file as Ctrl+S does it (changed-by-someone-else
  check, JSON, atomic write with fsync). Targets: under 50 ms and under 300 ms. File sizes.
- Peak memory: a fresh process opens the saved 1,000-participant file and shows every page;
  then its VmHWM (peak resident set) from /proc/self/status. Target: under 300 MB.
The 1,000-participant session is `benchmarks.sessions.large_session(seed=1)` (3 areas,
6 group boards of 150 cards), generated and saved into a temporary folder, never committed.
Run: `python -m benchmarks.open_save`.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.proc import child_env, print_result, run_child

OPEN_TARGET_MS = {"demo": 150.0, "large": 1000.0}
SAVE_TARGET_MS = {"demo": 50.0, "large": 300.0}
RSS_TARGET_MB = 300.0
LABEL = {"demo": "demo session", "large": "1,000 participants"}


def _open_and_render(app, path: Path) -> tuple[float, object]:
    """Seconds to open `path` as the app does and paint every activity page once."""
    from lpdesk.app import create_main_window

    t0 = time.perf_counter()
    window = create_main_window(str(path))
    window.show()
    app.processEvents()
    for item in window.visible_items():
        window.show_activity(item.id)
        app.processEvents()  # the page is laid out and painted
    seconds = time.perf_counter() - t0
    if window.doc.path != path:
        raise RuntimeError(f"the window did not open {path}")
    return seconds, window


def _close(app, window) -> None:
    window.close()
    window.deleteLater()
    app.processEvents()


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{field} is not in /proc/self/status (Linux only)")


def _timing_child(folder: str, quick: bool) -> None:
    from benchmarks.sessions import large_session
    from lpdesk.app import make_application
    from lpdesk.demo import demo_session
    from lpdesk.document import SessionDocument

    app = make_application(["lpdesk"])
    result: dict[str, dict] = {}
    for key, session in (("demo", demo_session()), ("large", large_session(seed=1))):
        path = Path(folder) / f"{key}.lpdesk"
        doc = SessionDocument(session)
        doc.save(path)  # Save As: the first save names the file
        saves = []
        for _ in range(3 if quick else (9 if key == "demo" else 5)):
            t0 = time.perf_counter()
            doc.save()
            saves.append(time.perf_counter() - t0)
        result[key] = dict(save_ms=statistics.median(saves) * 1000, save_best=min(saves) * 1000,
                           size=path.stat().st_size, path=str(path))
    first, window = _open_and_render(app, Path(result["demo"]["path"]))
    result["demo"]["first_open_ms"] = first * 1000
    _close(app, window)
    for key in ("demo", "large"):
        path = Path(result[key]["path"])
        opens = []
        for attempt in range(1 + (2 if quick else (5 if key == "demo" else 3))):
            seconds, window = _open_and_render(app, path)
            _close(app, window)
            if attempt:  # the first open of each file warms its own caches
                opens.append(seconds)
        result[key]["open_ms"] = statistics.median(opens) * 1000
        result[key]["open_best"] = min(opens) * 1000
    print_result(result)


def _memory_child(path: str) -> None:
    from lpdesk.app import create_main_window, make_application

    app = make_application(["lpdesk"])
    empty = create_main_window()
    empty.show()
    app.processEvents()
    empty_kb = _status_kb("VmRSS")
    _close(app, empty)
    seconds, window = _open_and_render(app, Path(path))
    print_result(dict(empty_mb=empty_kb / 1024, peak_mb=_status_kb("VmHWM") / 1024,
                      rss_mb=_status_kb("VmRSS") / 1024, first_open_ms=seconds * 1000))


def _warm_up() -> None:
    """Fill the byte-code cache with the page code, so no figure includes compiling it."""
    import pyqtgraph  # noqa: F401

    from lpdesk.ui.window.pages import PAGES
    for spec in PAGES.values():
        __import__(spec.module)
    print_result("warm")


def _child(kind: str, *args) -> None:
    if kind == "warm":
        _warm_up()
    elif kind == "timing":
        _timing_child(*args)
    else:
        _memory_child(*args)


def _row(name: str, value, unit: str, target: float | None = None, raw: str = "") -> dict:
    return dict(name=name, value=value, unit=unit, raw=raw,
                target=f"< {target:g} {unit}" if target is not None else "",
                ok=target is None or value < target)


def run(quick: bool = False) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="lpdesk-open-save-") as home:
        env = child_env(home)
        run_child("from benchmarks.open_save import _child; _child('warm')", env, 300)
        timing = run_child("from benchmarks.open_save import _child; "
                           f"_child('timing', {home!r}, {quick!r})", env, timeout=600)
        memory = run_child("from benchmarks.open_save import _child; "
                           f"_child('memory', {timing['large']['path']!r})", env,
                           timeout=300)
    rows = []
    for key in ("demo", "large"):
        rows.append(_row(f"open and render every page, {LABEL[key]} (median)",
                         round(timing[key]["open_ms"]), "ms", OPEN_TARGET_MS[key],
                         f"best {timing[key]['open_best']:.0f}"))
    rows.append(_row("  first open in a just-started app, demo (loads page code)",
                     round(timing["demo"]["first_open_ms"]), "ms"))
    rows.append(_row("  first open in a just-started app, 1,000 participants",
                     round(memory["first_open_ms"]), "ms"))
    for key in ("demo", "large"):
        rows.append(_row(f"save, {LABEL[key]} (median)", round(timing[key]["save_ms"], 1),
                         "ms", SAVE_TARGET_MS[key], f"best {timing[key]['save_best']:.1f}"))
    for key in ("demo", "large"):
        rows.append(_row(f"file size, {LABEL[key]}", round(timing[key]["size"] / 1024, 1),
                         "KB"))
    rows.append(_row("peak memory (VmHWM), 1,000 participants open and rendered",
                     round(memory["peak_mb"]), "MB", RSS_TARGET_MB))
    rows.append(_row("  memory (VmRSS) of the app with a new, empty session",
                     round(memory["empty_mb"]), "MB"))
    return rows


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        mark = "ok" if r["ok"] else "MISSED"
        print(f"{r['name']}: {r['value']} {r['unit']} (target {r['target'] or '-'}) {mark}")
