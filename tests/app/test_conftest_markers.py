"""The gui / browser / slow markers come from a test's file name and fixtures (conftest.py),
so `pytest -m "not browser and not slow"` is a quick run without editing any test file."""
import pytest
from conftest import markers_for


@pytest.mark.parametrize(("file_name", "fixtures", "expected"), [
    ("test_model_session.py", (), []),
    ("test_ui_matrix.py", (), ["gui"]),
    ("test_export_pdf.py", ("qtbot",), ["gui"]),
    ("test_live_browser.py", ("browser", "qtbot"), ["gui", "browser", "slow"]),
    ("test_live_server.py", ("app_settings",), ["gui"]),
    ("test_storage_fuzz.py", (), ["slow"]),
    ("test_bundle_build.py", (), ["slow"]),
    ("test_ui_journeys_long.py", ("qtbot",), ["gui", "slow"]),
])
def test_markers_by_file_and_fixture(file_name, fixtures, expected):
    assert markers_for(file_name, fixtures) == expected


def test_the_markers_are_registered_and_not_on_a_plain_test(request):
    """Registered (so --strict-markers accepts them); this test uses no Qt fixture."""
    declared = {line.split(":")[0] for line in request.config.getini("markers")}
    assert {"gui", "browser", "slow"} <= declared
    assert not any(m.name in ("gui", "browser", "slow") for m in request.node.iter_markers())
