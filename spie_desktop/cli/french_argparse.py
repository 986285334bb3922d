"""argparse's own words of ``--help`` in French: usage line, section titles, ``-h``.

argparse looks these up through the module's ``_`` name when it formats help (``gettext``
without a catalogue), so that name is pointed at this table once, when the parser is built.
Parsing errors stay as argparse writes them: like every command-line error line
(``spie-desktop: error: ...``), they are in English, for logs and scripts.
"""

from __future__ import annotations

import argparse

FRENCH = {
    "usage: ": "utilisation : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
}


def french(message: str) -> str:
    return FRENCH.get(message, message)


def speak_french() -> None:
    """Make argparse's help headings French (idempotent)."""
    argparse._ = french  # type: ignore[attr-defined]
