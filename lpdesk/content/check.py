"""Check every bundled content file at once, so a facilitator who edited one and broke it
hears which file and which item, instead of an activity failing later in the workshop."""
from __future__ import annotations

from collections.abc import Callable

from lpdesk.content import ContentError


def _loaders() -> list[Callable[[], object]]:
    from lpdesk.content.agenda import default_agenda_items
    from lpdesk.content.quiz import quiz_content
    from lpdesk.content.stages import continuum_content
    from lpdesk.content.templates import templates

    return [continuum_content, default_agenda_items, quiz_content, templates]


def content_problems() -> list[str]:
    """One line `FILE: ITEM: problem` per broken content file; empty when all is well."""
    problems = []
    for load in _loaders():
        try:
            load()
        except ContentError as exc:
            problems.append(str(exc))
    return problems


def _stamps() -> list[str]:
    """Each content file as `path|size|modified (ns)`, from its directory entry alone."""
    from lpdesk.content import resources_dir

    root = resources_dir()
    stamps = []
    for path in [root / "continuum.json", root / "agenda.json", root / "quiz.json",
                 *sorted((root / "templates").glob("*.json"))]:
        try:
            stat = path.stat()
        except OSError:
            stamps.append(f"{path}|missing")
            continue
        stamps.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}")
    return stamps


def problems_since_last_check() -> list[str]:
    """As content_problems(), at start-up: when every content file is as it was the last
    time all were found whole (path, size and time modified, remembered in the settings),
    none is read; a file edited, added or removed since has them all checked again. Why:
    reading and checking them all (with their modules) cost ~15-30 ms of the GUI thread
    after every start, to find what the previous start had found; an activity still
    reads the file it needs when first shown, and says so if it is broken."""
    from lpdesk import settings

    stamps = _stamps()
    if stamps == settings.get(settings.CONTENT_CHECKED):
        return []
    problems = content_problems()
    if not problems:
        settings.put(settings.CONTENT_CHECKED, stamps)
    return problems


def clear_caches() -> None:
    """Forget loaded content (tests that point lpdesk at other content files use this)."""
    from lpdesk.content import agenda, quiz, resources_dir, stages, templates

    for cached in (resources_dir, stages.continuum_content, agenda._default_items,
                   quiz.quiz_content, templates._bundled):
        cached.cache_clear()
