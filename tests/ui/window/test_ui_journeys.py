"""The facilitator's whole evening, driven by a machine (issue 23): random sequences of
what a facilitator does, through menus, keys, toolbars and the start page of the real main
window, with every invariant checked after every step (tests/journeys.py has the rules, the
invariants and how to add an action). A failure prints the shortest sequence found.

Here: a fixed seed and a budget of about a minute on a loaded 2-core machine. The long,
random run: `python -m benchmarks.journeys --minutes 10`."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import run_state_machine_as_test
from journeys import Journey, prepare

pytestmark = [pytest.mark.gui, pytest.mark.slow,
              pytest.mark.filterwarnings("ignore:connect\\(\\) must be used:DeprecationWarning")]

CI_SETTINGS = settings(
    derandomize=True,  # the same journeys every run: a failure here is a change's fault
    max_examples=6,
    stateful_step_count=25,
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
    print_blob=True,
)


def test_a_facilitators_evening(app_settings, tmp_path, monkeypatch):
    prepare(tmp_path / "files", monkeypatch)
    run_state_machine_as_test(Journey, settings=CI_SETTINGS)


def test_start_page_then_close_twice_with_phones_on(app_settings, tmp_path, monkeypatch):
    """Found by the long run: New, a phone joins (the phones' panel docks), Help > Start
    page (the session's toolbars and panels hide behind it), Close, Close: the start page
    showed again a panel that Close had deleted ('QDockWidget already deleted', an error
    box on the room's screen)."""
    prepare(tmp_path / "files", monkeypatch)
    state = Journey()
    try:
        state.start_page_button("new_button")
        state.phone_joins()
        state.help_start_page()
        state.file_close_from_the_menu()
        state.file_close_from_the_menu()
        state.nothing_went_wrong()
        state.menus_alive()
    finally:
        state.teardown()
