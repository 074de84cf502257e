"""The one action maker (ui/style/actions.py): keys, tips, owner and when the slot runs."""
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from lpdesk.ui.style.actions import key_list, make_action


def test_keys_tip_owner_and_trigger(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    calls = []
    action = make_action(owner, "&Present", lambda: calls.append("x"), ["F5", "Ctrl+F5"],
                         "Show it to the room")
    assert action.parent() is owner and action in owner.actions()
    assert [k.toString() for k in action.shortcuts()] == ["F5", "Ctrl+F5"]
    assert action.toolTip() == "Show it to the room (F5)"
    assert action.statusTip() == "Show it to the room"
    action.trigger()
    assert calls == ["x"]  # no `checked` argument reaches a slot that takes none


def test_tip_without_keys_and_no_window_keys(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    action = make_action(owner, "Save", lambda: None, "Ctrl+S", "Save the session",
                         keys_in_tip=False, add_to=None)
    assert action.toolTip() == "Save the session" and action not in owner.actions()


def test_checkable_follows_toggles_only_when_asked(qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    states, clicks = [], []
    on_toggle = make_action(owner, "Reveal", states.append, checkable=True, on_toggle=True)
    on_trigger = make_action(owner, "Present", lambda: clicks.append(1), checkable=True)
    on_toggle.setChecked(True)  # programmatic: followed
    on_trigger.setChecked(True)  # programmatic: not a user's trigger
    assert states == [True] and clicks == []
    on_trigger.trigger()
    assert clicks == [1] and not on_trigger.isChecked()


def test_a_standard_key_gets_the_usual_one_where_the_platform_has_none(qapp):
    quit_keys = key_list(QKeySequence.StandardKey.Quit, usual="Ctrl+Q")
    assert QKeySequence("Ctrl+Q") in quit_keys
    assert quit_keys.count(QKeySequence("Ctrl+Q")) == 1
    assert key_list(None) == [] and key_list("Ctrl+R") == [QKeySequence("Ctrl+R")]
