"""Colours come from the theme: a colour written in a view (``QColor("#9b1c1c")``, a style
sheet's ``color: #a1261b``, ``Qt.GlobalColor.red``) ignores the high-contrast theme and
escapes the contrast test of ``test_contrast.py``. Every module of ``spie_desktop/ui`` but
``theme.py`` is read token by token; a colour literal fails unless listed in ``ALLOWED``
with its reason."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import spie_desktop.ui

UI = Path(spie_desktop.ui.__file__).parent
HEX = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
CSS_NAMED = re.compile(
    r"(?:color|background|border[-a-z]*)\s*:[^;{}]*\b(?:red|green|blue|black|white|gr[ae]y|"
    r"yellow|orange|purple|navy|maroon|silver|darkred|darkgreen|lightgr[ae]y)\b",
    re.IGNORECASE,
)
CSS_FUNCTION = re.compile(r"\b(?:rgba?|hsla?)\(", re.IGNORECASE)
#: ``Qt.GlobalColor.transparent`` is no colour (an empty pixmap before painting).
GLOBAL_COLOUR = re.compile(
    r"\bQt\.(?:GlobalColor\.)?(?!transparent\b)(?:white|black|red|darkRed|green|darkGreen|"
    r"blue|darkBlue|cyan|darkCyan|magenta|darkMagenta|yellow|darkYellow|gray|darkGray|"
    r"lightGray|color0|color1)\b"
)
#: (module, the literal) → why it may stay. Empty: the signature's ink, the large-print
#: view's own contrasts are named in theme.py too.
ALLOWED: dict[tuple[str, str], str] = {}


def colour_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every colour written in ``source``."""
    found: list[tuple[int, str]] = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING or token.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            text = token.string
            for pattern in (HEX, CSS_NAMED, CSS_FUNCTION):
                found += [(token.start[0], m.group(0)) for m in pattern.finditer(text)]
        if token.type == tokenize.NAME and token.string == "QColor":
            following = tokens[index + 1 : index + 3]
            if (
                len(following) == 2
                and following[0].string == "("
                and following[1].type in (tokenize.STRING, tokenize.NUMBER)
            ):
                found.append((token.start[0], f"QColor({following[1].string}"))
    for number, line in enumerate(source.splitlines(), start=1):
        found += [(number, m.group(0)) for m in GLOBAL_COLOUR.finditer(line)]
    return found


def test_the_scan_sees_each_way_of_writing_a_colour() -> None:
    written = (
        'A = QColor("#9b1c1c")\n'
        "B = QColor(155, 28, 28)\n"
        'C = "QLabel { color: #a1261b; }"\n'
        'D = f"QLabel {{ background: {x}; border: 1px solid grey; }}"\n'
        'E = "color: rgb(1, 2, 3)"\n'
        "F = Qt.GlobalColor.red\n"
        "G = Qt.white\n"
        'H = QColor("black")\n'
        "pixmap.fill(Qt.GlobalColor.transparent)\n"
        'I = "#readOnlyBanner { padding: 2px; }"\n'
    )
    lines = sorted({line for line, _ in colour_literals(written)})
    assert lines == [1, 2, 3, 4, 5, 6, 7, 8]


def test_no_colour_is_written_outside_the_theme() -> None:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path == UI / "theme.py":
            continue
        module = path.relative_to(UI).as_posix()
        for line, literal in colour_literals(path.read_text(encoding="utf-8")):
            if (module, literal) not in ALLOWED:
                found.append(f"{module}:{line}: {literal}")
    assert found == [], "name these colours in spie_desktop/ui/theme.py:\n" + "\n".join(found)


def test_every_allowance_is_still_needed() -> None:
    for (module, literal), reason in ALLOWED.items():
        assert reason
        source = (UI / module).read_text(encoding="utf-8")
        assert literal in [found for _, found in colour_literals(source)], (module, literal)
