"""The exported summary's wording: the same sentences and number format as the app, counts
that are true, and no '(from 44.6 to 44.6)' or '1 quiz runs'."""
import pytest
from PySide6.QtWidgets import QApplication

from lpdesk.cli import main
from lpdesk.content.quiz import quiz_content
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.export.summary import build_report
from lpdesk.export.tables import continuum_intro
from lpdesk.model.continuum import Placement
from lpdesk.model.continuum_words import format_gap, format_position
from lpdesk.model.quiz import QuizRun
from lpdesk.storage import save_session
from lpdesk.ui.continuum.page import ContinuumPage


def area_words(report, name):
    return " ".join(next(a for a in report.areas if a.name == name).words)


def test_counts_say_how_many_of_the_room_placed():
    session = demo_session()
    report = build_report(session)
    total = len(session.participants)
    compliance = next(a for a in session.continuum.areas if a.name == "Compliance")
    placed = sum(1 for p in session.participants if p.id in compliance.placements)
    assert 0 < placed < total
    assert f"{placed} of {total} participants placed a marker for Compliance." in \
        area_words(report, "Compliance")
    assert "participants placed All learning" not in area_words(report, "All learning")
    assert "Every participant placed" not in continuum_intro(report)


def test_whole_numbers_read_the_same_in_the_app_and_the_export(qtbot):
    session = demo_session()
    area = session.continuum.areas[0]
    for i, p in enumerate(session.participants):
        area.placements[p.id] = Placement(37.0, 60.0 + i % 2)  # medians 37 and 60.5
    report = build_report(session)
    text = area_words(report, area.name)
    assert "37 (Blended)" in text and "37.0" not in text and "60.5 (Facilitated)" in text
    assert format_position(37.0) == "37" and format_gap(23.5) == "+23.5"
    page = ContinuumPage(SessionDocument(session))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    QApplication.processEvents()
    assert page.summary.cells["now"][1].text() == "37"
    assert page.summary.cells["target"][1].text() == "60.5"
    # the continuum page's plain-words sentence is the export's, word for word
    assert page.summary.sentence.text() in report.areas[0].words
    assert page.summary.gap.text() in report.areas[0].words


def quiz_session(positions):
    session = demo_session()
    quiz = quiz_content()
    for i, answer in enumerate(positions):
        session.quiz.runs.append(QuizRun(f"run-{i}", "participant", session.participants[i].id,
                                         "now", {q.id: q.answers[answer].id
                                                 for q in quiz.questions}))
    return session


def test_one_quiz_result_has_no_range_and_equal_results_say_so():
    one = build_report(quiz_session([1])).quiz.words
    assert len(one) == 1 and "from" not in one[0] and one[0].startswith("1 quiz result for")
    same = build_report(quiz_session([1, 1])).quiz.words[0]
    assert "from" not in same and "all at" in same
    spread = build_report(quiz_session([0, 3])).quiz.words[0]
    assert "(from " in spread and " to " in spread


@pytest.mark.parametrize(("runs", "text"), [(1, "1 quiz run,"), (2, "2 quiz runs,")])
def test_check_counts_in_good_english(tmp_path, capsys, runs, text):
    path = tmp_path / "s.lpdesk"
    save_session(quiz_session([0] * runs), path)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert text in out and "12 participants, 3 groups, 3 areas" in out
