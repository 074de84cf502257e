"""The format-neutral summary: figures equal the model's, anonymising reaches free text."""
import pytest
from export_sessions import empty, with_boards

from lpdesk.content.stages import continuum_content
from lpdesk.demo import demo_session
from lpdesk.export.anonymise import Names
from lpdesk.export.summary import build_report
from lpdesk.export.wording import fmt_gap, fmt_position
from lpdesk.model.matrix_stats import board_agreement
from lpdesk.model.statistics import summarise_area


def test_area_statistics_and_stages_come_from_the_model():
    session = demo_session()
    report = build_report(session)
    stages = continuum_content()
    assert [a.name for a in report.areas] == [a.name for a in session.continuum.areas]
    for area, model in zip(report.areas, session.continuum.areas, strict=True):
        expected = summarise_area(model)
        assert area.stats == expected
        assert area.now_stage == stages.stage_at(expected.now.median).name
        assert area.target_stage == stages.stage_at(expected.target.median).name
        assert len(area.placements) == len(model.placements)
        said = " ".join(area.words)
        assert f"now {fmt_position(expected.now.median)} ({area.now_stage})" in said
        assert f"a move of {fmt_position(abs(expected.gap.median))} points" in said
        assert fmt_gap(expected.gap.median) in " ".join(report.highlights)
    first = report.areas[0]
    assert first.consensus is not None and first.consensus.now == 35.0
    assert {g.subject for g in first.groups} == {g.name for g in session.groups}


def test_anonymising_replaces_names_everywhere_in_participant_order():
    session = demo_session()
    report = build_report(session, anonymise=True)
    assert [p.label for p in report.people] == [f"P{i}" for i in range(1, 13)]
    texts = [*report.actions, *report.comments, report.notes]
    texts += [p.subject for a in report.areas for p in a.placements]
    joined = " ".join(texts)
    for p in session.participants:
        assert p.name not in joined
    # the owner "Eva" of an action names Eva Lindqvist, the 5th participant
    assert any(a.endswith("\u2014 P5, by 2027-01-15") for a in report.actions)
    assert report.facilitator == session.facilitator  # the author is not anonymised


def test_scrubbing_keeps_words_that_only_contain_a_name():
    session = demo_session()
    names = Names(session, anonymise=True)
    assert names.text("Benefits for Ben and Evan") == "Benefits for P2 and Evan"
    assert names.text("Ask Amira Haddad") == "Ask P1"


def test_boards_agreement_and_consensus():
    session = with_boards()
    report = build_report(session)
    assert len(report.boards) == len(session.matrix.boards)
    for board, model in zip(report.boards, session.matrix.boards, strict=True):
        assert board.agreement == board_agreement(model)
        assert board.card_count == len(model.cards)
        assert len(board.mismatches) == board.agreement.placed - board.agreement.matching
    assert len(report.consensus) == 1
    view = report.consensus[0]
    assert len(view.boards) == len(session.matrix.boards)
    shares = [d.disagreement for d in view.most_disputed]
    assert shares == sorted(shares, reverse=True) and all(s > 0 for s in shares)


def test_quiz_runs_are_scored():
    from lpdesk.content.quiz import quiz_content
    from lpdesk.model.quiz_scoring import score

    session = with_boards()
    report = build_report(session)
    assert len(report.quiz.runs) == len(session.quiz.runs)
    for run, model in zip(report.quiz.runs, session.quiz.runs, strict=True):
        expected = score(quiz_content().questions, model.answers)
        assert run.position == pytest.approx(expected.position)
        assert run.answered == expected.answered == len(run.answers)
    assert report.quiz.chart is not None


def test_empty_session_has_a_report_with_nothing_placed():
    report = build_report(empty())
    assert len(report.areas) == 1
    assert report.areas[0].stats.now.count == 0
    assert report.areas[0].words == ("No placements were made for this area.",)
    assert report.highlights == ()
    assert report.people == () and report.boards == () and report.quiz.runs == ()
    assert report.display_title == "Workshop summary"
