"""Putting free text (a name, a label) at the end of a French sentence.

A name may already end with a full stop ("Julien R."): the sentence then ends with it,
instead of showing two ("Julien R..").
"""

from __future__ import annotations

#: Marks after which a sentence is already closed.
_CLOSING = (".", "…", "!", "?")


def end_sentence(text: str) -> str:
    """``text`` followed by a full stop, unless it already ends with one (or ``…!?``)."""
    stripped = text.rstrip()
    return stripped if stripped.endswith(_CLOSING) else f"{stripped}."
