"""A new, empty session as a facilitator expects it: the default plan and one area."""
from __future__ import annotations

from lpdesk.content import ContentError
from lpdesk.content.agenda import default_agenda_items
from lpdesk.content.stages import continuum_content
from lpdesk.model.agenda import ACTIVITY_KINDS, AgendaItem
from lpdesk.model.continuum import Area
from lpdesk.model.ids import new_id
from lpdesk.model.session import Session

FALLBACK_AREA = "All learning"


def new_session() -> Session:
    """A new session. Broken content files never stop the app: without the plan file the
    agenda lists each activity by its kind, without the continuum file the first area gets
    a plain name (`content.check.content_problems` tells the facilitator what is broken)."""
    session = Session(id=new_id("session"))
    try:
        session.agenda.items = default_agenda_items()
    except ContentError:
        session.agenda.items = [AgendaItem(kind, kind, kind.capitalize(), 10)
                                for kind in ACTIVITY_KINDS]
    try:
        area_name = continuum_content().default_area
    except ContentError:
        area_name = FALLBACK_AREA
    session.continuum.areas.append(Area(new_id("area"), area_name))
    return session
