"""Reading a typed date (lpdesk/ui/setup/date_field.py)."""
from lpdesk.ui.setup.date_field import read_date


def test_read_date():
    assert read_date("2026-12-01") == "2026-12-01"
    assert read_date(" 2026-12-1 ") == "2026-12-01"
    assert read_date("20261201") == "2026-12-01"
    assert read_date("2026/12/01") == read_date("2026.12.01") == "2026-12-01"
    assert read_date("") == read_date("   ") == ""
    for bad in ("(no date)20261201", "2026-02-30", "2026-13-01", "01/12/2026", "tomorrow",
                "2026-12"):
        assert read_date(bad) is None, bad
