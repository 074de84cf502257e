"""Reopening a saved session restores everything exactly (property-based)."""
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lpdesk.demo import demo_session
from lpdesk.model.agenda import ACTIVITY_KINDS, AgendaItem
from lpdesk.model.continuum import Area, Placement
from lpdesk.model.matrix import Axis, Board, Card
from lpdesk.model.quiz import QuizRun
from lpdesk.model.room import RoomNote
from lpdesk.model.session import Group, Participant, Session
from lpdesk.storage import dumps_session, load_session, parse_session, save_session

names = st.one_of(
    st.just(""),
    st.text(max_size=40),
    st.sampled_from(["Zoë Ångström", "李小龙", "محمد", "🙂 Emoji 🎉", "O'Neil \"Q\"", "x" * 500]),
)
positions = st.one_of(st.none(), st.floats(0, 100, allow_nan=False), st.integers(0, 100))
placements = st.builds(Placement, positions, positions)


@st.composite
def sessions(draw, max_people=30):
    s = Session(draw(names), draw(names), draw(st.sampled_from(["", "2026-11-23"])),
                draw(names), draw(st.text(max_size=300)))
    s.id = draw(st.sampled_from(["", "session-1a2b3c", "x" * 64]))
    n_groups = draw(st.integers(0, 4))
    s.groups = [Group(f"g-{i}", draw(names), "#123ABC") for i in range(n_groups)]
    n_people = draw(st.integers(0, max_people))
    s.participants = [
        Participant(f"p-{i}", draw(names),
                    draw(st.sampled_from([None] + [g.id for g in s.groups])), "#A0B1C2")
        for i in range(n_people)
    ]
    for a in range(draw(st.integers(0, 3))):
        area = Area(f"area-{a}", draw(names))
        for p in s.participants:
            if draw(st.booleans()):
                area.placements[p.id] = draw(placements)
        for g in s.groups:
            if draw(st.booleans()):
                area.group_placements[g.id] = draw(placements)
        area.consensus = draw(placements)
        s.continuum.areas.append(area)
    s.continuum.hidden = draw(st.booleans())
    s.continuum.by_groups = draw(st.booleans())
    if s.continuum.areas and draw(st.booleans()):
        s.continuum.current_area_id = s.continuum.areas[-1].id
    for r in range(draw(st.integers(0, 3))):
        subject = draw(st.sampled_from(
            [("room", None)] + [("participant", p.id) for p in s.participants[:3]]
            + [("group", g.id) for g in s.groups]))
        s.quiz.runs.append(QuizRun(f"run-{r}", subject[0], subject[1],
                                   draw(st.sampled_from(["now", "target"])),
                                   draw(st.dictionaries(st.text(min_size=1, max_size=8),
                                                        st.text(max_size=8), max_size=5)),
                                   draw(st.integers(0, 20))))
    for b in range(draw(st.integers(0, 2))):
        rows = [Axis(f"r{i}", draw(names)) for i in range(draw(st.integers(1, 3)))]
        cols = [Axis(f"c{i}", draw(names)) for i in range(draw(st.integers(1, 3)))]
        cells = [(r.id, c.id) for r in rows for c in cols]
        board = Board(f"board-{b}", draw(names), draw(st.sampled_from([None, "tvn"])),
                      draw(st.sampled_from([None] + [g.id for g in s.groups])), rows, cols,
                      revealed=draw(st.booleans()))
        for c in range(draw(st.integers(0, 6))):
            reference = draw(st.sampled_from([None, *cells]))
            card = Card(f"card-{c}", draw(names), reference, draw(st.booleans()))
            if reference is None and draw(st.booleans()):  # judged on its column alone
                card.reference_column = draw(st.sampled_from(cols)).id
            board.cards.append(card)
            cell = draw(st.sampled_from([None, *cells]))
            if cell is not None:
                board.positions[card.id] = cell
        s.matrix.boards.append(board)
    s.agenda.items = [AgendaItem(f"a-{i}", kind, draw(names), draw(st.integers(0, 600)),
                                 draw(st.booleans()), draw(st.text(max_size=50)))
                      for i, kind in enumerate(draw(st.lists(st.sampled_from(ACTIVITY_KINDS),
                                                             max_size=6)))]
    if s.agenda.items:
        s.agenda.current_id = s.agenda.items[0].id
    s.room.notes = [RoomNote(f"n-{i}", draw(st.sampled_from(["comment", "action"])),
                             draw(names), None, "2026-11-23T10:00:00")
                    for i in range(draw(st.integers(0, 3)))]
    return s


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_any_session_survives_save_and_open_unchanged(session):
    assert parse_session(dumps_session(session)) == session


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.data_too_large])
@given(st.data())
def test_500_participants_round_trip_through_a_real_file(tmp_path_factory, data):
    session = data.draw(sessions(max_people=0))
    session.participants = [Participant(f"p-{i}", f"Participant {i} Ünïcødé 🙂", None,
                                        "#0072B2") for i in range(500)]
    path = tmp_path_factory.mktemp("rt") / "big.lpdesk"
    save_session(session, path)
    assert load_session(path) == session


def test_demo_round_trips(tmp_path):
    path = tmp_path / "demo.lpdesk"
    save_session(demo_session(), path)
    assert load_session(path) == demo_session()
    assert path.read_text(encoding="utf-8").count("Chloé") == 1  # readable UTF-8, not \\u
