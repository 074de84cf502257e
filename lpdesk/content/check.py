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


def clear_caches() -> None:
    """Forget loaded content (tests that point lpdesk at other content files use this)."""
    from lpdesk.content import agenda, quiz, resources_dir, stages, templates

    for cached in (resources_dir, stages.continuum_content, agenda._default_items,
                   quiz.quiz_content, templates._bundled):
        cached.cache_clear()
