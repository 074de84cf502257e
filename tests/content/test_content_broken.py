"""A facilitator edits a content file and breaks it: the app still opens, says which file
and item are broken, and only the activity that needs that file is unavailable."""
import json
import shutil

import pytest
from PySide6.QtWidgets import QMessageBox

from lpdesk.content import resources_dir
from lpdesk.content.check import clear_caches, content_problems


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A private copy of the bundled content that a test may break."""
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy)
    clear_caches()
    monkeypatch.setattr("lpdesk.content.resources_dir", lambda: copy)
    yield copy
    monkeypatch.undo()
    clear_caches()


def edit(path, change):
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_bundled_content_has_no_problems():
    assert content_problems() == []


def test_broken_stages_leave_the_app_running_and_name_file_and_item(content, qtbot,
                                                                    app_settings):
    from lpdesk.app import create_main_window
    from lpdesk.ui.window.content_error_page import ContentErrorPage

    edit(content / "continuum.json", lambda d: d["stages"][1].__setitem__("start", 30))
    problems = content_problems()
    assert len(problems) == 1 and "continuum.json: stage Blended" in problems[0]

    window = create_main_window(recover=False)
    shown = []
    window.show_error = lambda title, text: shown.append(text)
    try:
        window.show()
        qtbot.waitUntil(lambda: bool(shown))
        assert "continuum.json: stage Blended: must start where Embedded ends" in shown[0]
        assert window.doc.session.continuum.areas[0].name == "All learning"
        kinds = {i.kind: i.id for i in window.doc.session.agenda.items}
        window.show_activity(kinds["continuum"])
        page = window.stack.currentWidget()
        assert isinstance(page, ContentErrorPage)
        assert "continuum.json" in page.message.text()
        window.show_activity(kinds["quiz"])  # the quiz does not need the stages to open
        assert not isinstance(window.stack.currentWidget(), ContentErrorPage)
    finally:
        window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        window.close()


def test_broken_plan_falls_back_to_one_item_per_activity(content):
    from lpdesk.content.defaults import new_session

    (content / "agenda.json").write_text("{ not json", encoding="utf-8")
    session = new_session()
    assert [i.kind for i in session.agenda.items] == [
        "setup", "continuum", "quiz", "matrix", "summary"]
    assert any("agenda.json" in p for p in content_problems())


def test_broken_template_names_file_and_card(content):
    path = next((content / "templates").glob("traditional-vs-new.json"))
    edit(path, lambda d: d["cards"][0].__setitem__("reference", ["nope", "x"]))
    problems = content_problems()
    assert len(problems) == 1 and "traditional-vs-new.json" in problems[0]


def test_cli_export_with_broken_content_says_which_file(content, tmp_path, capsys):
    from lpdesk.cli import main
    from lpdesk.demo import demo_session
    from lpdesk.storage import save_session

    edit(content / "continuum.json", lambda d: d["stages"][1].__setitem__("start", 30))
    session_file = tmp_path / "demo.lpdesk"
    save_session(demo_session(), session_file)
    assert main(["export", str(session_file), "-o", str(tmp_path / "out.md")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("lpdesk: broken content file: ") and "continuum.json" in err
    assert "\n" not in err


def test_unchanged_content_is_not_read_again_at_the_next_start(content, app_settings,
                                                               monkeypatch):
    # Every start read and checked every content file after the first paint (~15-30 ms of
    # the GUI thread) to find what the previous start had found. Unchanged files are now
    # not read; a file edited since has them all checked, and a broken one is reported at
    # every start until it is mended.
    from lpdesk.content import agenda, check, quiz, stages, templates

    def forget():  # what a new start has not loaded (the folder stays the test's copy)
        for cached in (stages.continuum_content, agenda._default_items, quiz.quiz_content,
                       templates._bundled):
            cached.cache_clear()

    checks = []
    real = check.content_problems
    monkeypatch.setattr(check, "content_problems", lambda: checks.append(1) or real())
    assert check.problems_since_last_check() == [] and len(checks) == 1  # first start
    forget()
    assert check.problems_since_last_check() == [] and len(checks) == 1  # nothing read
    whole = (content / "quiz.json").read_text(encoding="utf-8")
    edit(content / "quiz.json", lambda d: d["questions"][0].__setitem__("answers", []))
    for start in (2, 3):  # broken: said at each start
        forget()
        problems = check.problems_since_last_check()
        assert len(checks) == start and len(problems) == 1 and "quiz.json" in problems[0]
    (content / "quiz.json").write_text(whole, encoding="utf-8")  # mended
    forget()
    assert check.problems_since_last_check() == [] and len(checks) == 4
    (content / "templates" / "today-and-tomorrow.json").unlink()  # a file gone: checked
    forget()
    check.problems_since_last_check()
    assert len(checks) == 5
