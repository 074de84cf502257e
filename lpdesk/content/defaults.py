"""A new, empty session as a facilitator expects it: the default plan and one area."""
from __future__ import annotations

from lpdesk.content.agenda import default_agenda_items
from lpdesk.content.stages import continuum_content
from lpdesk.model.continuum import Area
from lpdesk.model.ids import new_id
from lpdesk.model.session import Session


def new_session() -> Session:
    session = Session()
    session.agenda.items = default_agenda_items()
    session.continuum.areas.append(Area(new_id("area"), continuum_content().default_area))
    return session
