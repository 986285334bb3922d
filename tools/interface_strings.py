"""Every ``tr("…")`` literal of the desktop UI, found by reading the source (AST).

``python tools/interface_strings.py`` lists, for each file of ``spie_desktop/ui``, the
literals the English interface catalogue lacks (``--all``: every literal). The coverage
test (tests/ui/test_interface_catalogue.py) uses :func:`literals` the same way.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "spie_desktop" / "ui"


def file_literals(path: Path) -> list[tuple[str, int]]:
    """The ``tr`` literals of one file with their line, in source order."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "tr"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.args[0].value, node.lineno))
    return sorted(found, key=lambda item: item[1])


def literals(ui: Path = UI) -> dict[str, list[str]]:
    """Relative file name (``plan/plan_page.py``) → its distinct ``tr`` literals."""
    result: dict[str, list[str]] = {}
    for path in sorted(ui.rglob("*.py")):
        seen: list[str] = []
        for text, _line in file_literals(path):
            if text not in seen:
                seen.append(text)
        if seen:
            result[path.relative_to(ui).as_posix()] = seen
    return result


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from spie_desktop.domain.interface_texts import english_catalogue

    known = {} if "--all" in argv else english_catalogue()
    missing = 0
    for name, texts in literals().items():
        lacking = [text for text in texts if text not in known]
        for text in lacking:
            print(f"{name}: {text!r}")
        missing += len(lacking)
    print(f"{missing} literal(s) without an English entry", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
