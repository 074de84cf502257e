"""The test settings that stop lifetime bugs slipping through (issue 23): a Qt message
about a deleted object fails the test, a misspelt marker is an error, a hung test fails.
Each runs a tiny suite in a child pytest with this project's conftest and settings."""
from __future__ import annotations

import shutil

import pytest
from repo_paths import ROOT

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.slow


@pytest.fixture
def suite(pytester):
    shutil.copy(ROOT / "tests" / "conftest.py", pytester.path / "conftest.py")
    shutil.copy(ROOT / "pyproject.toml", pytester.path / "pyproject.toml")
    (pytester.path / "tests").mkdir()
    return pytester


def run(suite, body: str, *args: str):
    (suite.path / "tests" / "test_it.py").write_text(body)
    return suite.runpytest_subprocess("-p", "no:cacheprovider", "tests", *args)


QT_TESTS = '''
import pytest
from PySide6.QtCore import qWarning

def test_deleted(qtbot):
    qWarning("QObject::connect: Cannot connect (nullptr)::destroyed() to QWidget::close()")

def test_harmless(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")
'''


def test_a_qt_message_about_a_deleted_object_fails_the_test(suite):
    result = run(suite, QT_TESTS)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*test_deleted*", "*used after it was deleted*"])


def test_a_misspelt_marker_is_an_error(suite):
    result = run(suite, "import pytest\n\n@pytest.mark.guii\ndef test_x():\n    pass\n")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*'guii' not found in `markers`*"])


def test_a_hung_test_fails_with_its_stack(suite):
    body = ("import time\nimport pytest\n\n@pytest.mark.timeout(2)\n"
            "def test_hangs():\n    while True:\n        time.sleep(0.05)\n")
    result = run(suite, body)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Timeout*"])
