"""The set-up page is the first page built after start-up (right after the first paint, or
when a file opens): it loads the paste-list reader (lpdesk/model/roster.py, with csv:
~8 ms) only when a name is first added or renamed, not when it is built."""
import os
import subprocess
import sys

from repo_paths import ROOT

BUILD = """
import sys
from lpdesk.app import make_application
app = make_application(["lpdesk"])
from lpdesk.demo import demo_session
from lpdesk.document import SessionDocument
from lpdesk.ui.setup.page import SetupPage
page = SetupPage(SessionDocument(demo_session()))
page.show()
app.processEvents()
print(" ".join(m for m in ("lpdesk.model.roster", "csv") if m in sys.modules))
{then}
print(" ".join(m for m in ("lpdesk.model.roster", "csv") if m in sys.modules))
print(page.duplicate_warning.isHidden())
"""
ADD_A_TWIN = """
taken = page.session.participants[0].name
page.name_entry.setText(taken.upper())
page.name_entry.returnPressed.emit()
app.processEvents()
"""


def loaded(tmp_path, then: str = "") -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get(
                   "PYTHONPATH")))))
    done = subprocess.run([sys.executable, "-c", BUILD.format(then=then)],
                          capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=120)
    lines = done.stdout.splitlines()
    assert len(lines) == 3, (done.returncode, done.stderr[-2000:])
    return lines


def test_building_the_setup_page_leaves_the_paste_list_reader_unloaded(tmp_path):
    built, after, warning_hidden = loaded(tmp_path)
    assert built == "" and after == "" and warning_hidden == "True"


def test_adding_a_name_already_there_loads_it_and_warns(tmp_path):
    built, after, warning_hidden = loaded(tmp_path, ADD_A_TWIN)
    assert built == "" and after == "lpdesk.model.roster csv" and warning_hidden == "False"
