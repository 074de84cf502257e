"""Sessions the export tests share: small with boards, hostile text, and empty."""
from benchmarks.sessions import large_session
from lpdesk.content.defaults import new_session
from lpdesk.model.continuum import Placement
from lpdesk.model.room import RoomNote

HOSTILE_NAME = "<script>alert(1)</script>"
BOLD_NAME = "**bold**"
FORMULA_NAME = "=HYPERLINK(\"http://x\")"


def with_boards(participants: int = 18, groups: int = 3, cards: int = 12):
    """A realistic session with quiz runs, group boards and consensus (fixed seed)."""
    return large_session(seed=7, participants=participants, groups=groups, cards=cards)


def hostile():
    """Names, notes and card texts that would run or render as markup if not escaped."""
    s = with_boards(participants=6, groups=2, cards=6)
    s.title = "Q&A <b>session</b> | **launch**"
    s.participants[0].name = HOSTILE_NAME
    s.participants[1].name = BOLD_NAME
    s.participants[2].name = FORMULA_NAME
    s.notes = "# Not a heading\n- not a list\n<img src=x onerror=alert(2)> [link](http://evil)"
    s.room.notes.append(RoomNote("note-x", "comment", "<script>alert(3)</script> *em* `code`"))
    s.matrix.boards[0].cards[0].text = "<iframe src=evil></iframe> | pipe"
    return s


def empty():
    """A new session as the app makes it: one area, nothing placed."""
    return new_session()


def placed(session, area_index: int = 0):
    """(participant id, Placement) of an area, in participant order."""
    area = session.continuum.areas[area_index]
    return [(p.id, area.placements.get(p.id, Placement())) for p in session.participants]
