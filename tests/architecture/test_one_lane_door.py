"""One door onto the database lane: the pages submit work only through the window context.

``spie_desktop/ui/window_context.py`` is the door (a query, a change that announces what it
wrote, one way of showing errors, the lost-store banner, late results dropped after a lock).
A page calling ``TaskRunner.run_db`` itself would bypass all of that, so this test reads the
UI's source and lists every direct call. The only other callers run where there is no window
and no session yet, or any more: the set-up wizard, the unlock screen and its passphrase
forms, and the navigator closing the store the locked window gave back.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "spie_desktop" / "ui"
LANE_METHODS = {"run_db"}
DOOR = "window_context.py"
OUTSIDE_A_SESSION = {
    "navigator.py",  # closes the store once the window has let go of it
    "setup_model.py",  # creates the store: no session yet
    "unlock_model.py",  # opens the store: no session yet
    "passphrase_form.py",  # recovery, new counsellor: from the unlock screen
}


def direct_lane_calls(source: str) -> list[int]:
    """The lines of ``….run_db(…)`` calls in a module's source."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in LANE_METHODS
    ]


def bypasses() -> dict[str, list[int]]:
    """Every UI module, but the door and those outside a session, calling the lane itself."""
    found: dict[str, list[int]] = {}
    for path in sorted(UI.rglob("*.py")):
        name = path.relative_to(UI).as_posix()
        if name == DOOR or name in OUTSIDE_A_SESSION:
            continue
        lines = direct_lane_calls(path.read_text(encoding="utf-8"))
        if lines:
            found[name] = lines
    return found


def test_pages_reach_the_database_lane_only_through_the_window_context() -> None:
    assert bypasses() == {}


def test_the_door_is_the_one_that_submits() -> None:
    assert direct_lane_calls((UI / DOOR).read_text(encoding="utf-8"))
    for name in OUTSIDE_A_SESSION:
        assert (UI / name).exists(), f"{name} is gone: take it off the list"


def test_a_page_calling_the_runner_itself_is_caught() -> None:
    planted = """
class SomePage:
    def load(self) -> None:
        self.context.runner.run_db(lambda: 1, self.show, self.fail, owner=self)
"""
    assert direct_lane_calls(planted) == [4]
    through_the_door = """
class SomePage:
    def load(self) -> None:
        self.context.query(lambda s: 1, self.show, self.fail, owner=self)
"""
    assert direct_lane_calls(through_the_door) == []
