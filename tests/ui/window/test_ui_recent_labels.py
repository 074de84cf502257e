"""Recent sessions are told apart when two files share a name."""
from lpdesk.ui.window.recent import recent_labels


def test_a_unique_name_is_shown_alone():
    assert recent_labels(["/w/acme/check-in.lpdesk", "/w/demo.lpdesk"]) == [
        "check-in.lpdesk", "demo.lpdesk"]


def test_files_of_one_name_get_their_folder():
    assert recent_labels(["/w/acme/session.lpdesk", "/w/globex/session.lpdesk",
                          "/w/demo.lpdesk"]) == [
        "session.lpdesk \u2014 acme", "session.lpdesk \u2014 globex", "demo.lpdesk"]


def test_folders_of_one_name_get_the_whole_path():
    assert recent_labels(["/a/2026/s.lpdesk", "/b/2026/s.lpdesk"]) == [
        "s.lpdesk \u2014 /a/2026", "s.lpdesk \u2014 /b/2026"]


def test_the_open_recent_menu_uses_them(demo_window, monkeypatch):
    files = ["/w/acme/session.lpdesk", "/w/globex/session.lpdesk"]
    monkeypatch.setattr(demo_window, "recent_files", lambda: files)
    demo_window._fill_recent_menu()
    texts = [a.text() for a in demo_window.recent_menu.actions()]
    assert texts == ["&1 session.lpdesk \u2014 acme", "&2 session.lpdesk \u2014 globex"]
