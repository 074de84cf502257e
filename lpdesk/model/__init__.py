"""Pure-Python session model: no Qt widgets, no file I/O."""
from lpdesk.model.agenda import Agenda, AgendaItem
from lpdesk.model.continuum import Area, Continuum, Placement
from lpdesk.model.matrix import Axis, Board, Card, Matrix
from lpdesk.model.quiz import Quiz, QuizRun
from lpdesk.model.room import RoomNote, RoomNotes
from lpdesk.model.session import Group, Participant, Session

__all__ = [
    "Agenda", "AgendaItem", "Area", "Axis", "Board", "Card", "Continuum", "Group", "Matrix",
    "Participant", "Placement", "Quiz", "QuizRun", "RoomNote", "RoomNotes", "Session",
]
