"""One number, one wording, everywhere (issue 26): the same figure of the same session reads
the same on the facilitator's screen, the room's screen, the phones and every export (it
read 69.8 and 70, the quiz's 31 on screen and 30.8 in the PDF, agreed 32 and 32.1). The rule
is lpdesk.model.continuum_words.format_position; this test collects each place's text."""
import itertools
import json
import shutil
import subprocess

import pytest
from repo_paths import ROOT

from lpdesk.content.quiz import quiz_content
from lpdesk.content.stages import continuum_content
from lpdesk.demo import demo_session
from lpdesk.export.markdown import export_markdown
from lpdesk.export.summary import build_report
from lpdesk.model.continuum import Placement
from lpdesk.model.continuum_words import format_position
from lpdesk.model.quiz import QuizRun
from lpdesk.model.quiz_scoring import score
from lpdesk.model.statistics import summarise_area

PHONE_JS = ROOT / "resources" / "phone" / "core.js"


def awkward_run(session):
    """A quiz run whose position has a decimal that whole-number rounding would lose."""
    questions = quiz_content().questions
    for picks in itertools.product(*(range(len(q.answers)) for q in questions[:4])):
        answers = {q.id: q.answers[i].id for q, i in zip(questions, picks, strict=False)}
        position = score(questions, answers).position
        if position is not None and format_position(position) != format_position(
                round(position)):
            run = QuizRun("run-x", "participant", session.participants[0].id, "now",
                          answers, len(questions))
            session.quiz.runs.append(run)
            return run, position
    pytest.skip("no quiz answers give a fractional position")


@pytest.fixture
def session():
    s = demo_session()
    area = s.continuum.areas[0]
    area.consensus = Placement(32.1, 61.75)  # agreed: 32.1 and 61.8, never 32 and 62
    return s


def test_the_quiz_result_reads_the_same_on_screen_phones_and_exports(session, qtbot):
    from lpdesk.live.activities import my_quiz_section
    from lpdesk.ui.quiz.result_view import QuizResultView

    run, position = awkward_run(session)
    expected = format_position(position)
    result = score(quiz_content().questions, run.answers)
    seen = {}
    for audience in (False, True):  # the facilitator's page, the room's screen
        view = QuizResultView(audience=audience)
        qtbot.addWidget(view)
        view.show_result("Ann", result, "now", None, None)
        seen["room" if audience else "screen"] = view.position_label.text()
    section = my_quiz_section(run, quiz_content(), continuum_content(), True, "now",
                              session.continuum.areas[0])
    seen["phone"] = section["result"]["position_text"]
    report = build_report(session)
    seen["export"] = next(fmt for fmt in (format_position(r.position)
                                          for r in report.quiz.runs) if fmt == expected)
    markdown = export_markdown(report).decode("utf-8")
    assert f"| {expected} |" in markdown or f" {expected} " in markdown
    assert set(seen.values()) == {expected}, seen


def test_medians_and_agreed_read_the_same_on_screen_room_and_exports(session, qtbot):
    from lpdesk.ui.summary.recap import area_lines

    area = session.continuum.areas[0]
    stats = summarise_area(area, by_groups=area.by_groups)
    median, agreed = format_position(stats.now.median), format_position(area.consensus.now)
    assert agreed == "32.1"
    line = next(x for x in area_lines(session, continuum_content()) if x.name == area.name)
    assert line.now.startswith(median + " ")  # the closing recap (screen and room)
    assert "32.1" in line.agreed and "61.8" in line.agreed
    report = build_report(session)
    said = " ".join(next(a for a in report.areas if a.name == area.name).words)
    assert f"now {median} (" in said
    markdown = export_markdown(report).decode("utf-8")
    assert "32.1" in markdown and "61.8" in markdown


def test_the_continuum_strip_median_uses_the_rule(session, qtbot):
    from lpdesk.document import SessionDocument
    from lpdesk.ui.continuum.page import ContinuumPage

    area = session.continuum.areas[1]
    session.continuum.current_area_id = area.id
    stats = summarise_area(area, by_groups=area.by_groups)
    for audience in (False, True):
        page = ContinuumPage(SessionDocument(session), audience=audience)
        qtbot.addWidget(page)
        page.show()
        strip = page.plot.strip
        assert strip.median_label["now"] == format_position(stats.now.median)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_phone_writes_positions_by_the_same_rule():
    values = [None, 0.0, 100.0, 30.8, 31.0, 69.8, 70.0, 32.1, 0.1, 99.9, 50.5, -0.0]
    values += [k / 10 for k in range(0, 1001, 7)]
    # exact binary halves (x.25, x.75): Python rounds them to even, JS's toFixed away from 0
    values += [0.25, 0.75, 32.25, 61.75, 99.75, 0.15, 2.675, -0.25, -61.75]
    # core.js is an ES module that reads the page at load: give it an empty one, then import
    # its text as a data: URL (always a module, whatever node's default for .js files)
    script = (
        "globalThis.location = {host: '', hash: ''};"
        "globalThis.document = {getElementById: () => null};"
        "Object.defineProperty(globalThis, 'localStorage',"
        " {value: {getItem: () => null, setItem: () => {}}, configurable: true});"
        "const fs = await import('fs');"
        f"const src = fs.readFileSync({json.dumps(str(PHONE_JS))}, 'utf8');"
        "const core = await import('data:text/javascript,' + encodeURIComponent(src));"
        f"const vs = {json.dumps(values)};"
        "process.stdout.write(JSON.stringify(vs.map(v => core.formatPosition(v))));")
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True,
                         text=True, timeout=30, check=True).stdout
    assert json.loads(out) == [format_position(v) for v in values]
