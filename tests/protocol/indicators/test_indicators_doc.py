"""docs/indicators.md lists every indicator as DEFINITIONS defines it, and its schema version."""

from __future__ import annotations

from pathlib import Path

from spie_protocol.indicators.definitions import DEFINITIONS, EVENT_COUNTS
from spie_protocol.indicators.export import CSV_COLUMNS
from spie_protocol.indicators.table import SCHEMA_VERSION

DOC = Path(__file__).resolve().parents[3] / "docs" / "indicators.md"
BEGIN = "<!-- indicators: generated from DEFINITIONS, see tests/protocol/indicators/ -->"
END = "<!-- end of indicators -->"

_CATEGORIES = {
    "": "—",
    "theme": "thème du référentiel",
    "status": "état de l'action",
    "thematique": "thématique data·inclusion",
    "step": "moment de l'évaluation",
    "question": "question",
}


def render_indicators() -> str:
    """The block of the doc between BEGIN and END."""
    lines = [BEGIN, ""]
    for definition in DEFINITIONS.values():
        counted = " (événements)" if definition.key in EVENT_COUNTS else ""
        lines += [
            f"### `{definition.key}` — {definition.label}",
            "",
            f"- kind: `{definition.kind}`{counted}; unit: {definition.unit}; "
            f"categories: {_CATEGORIES[definition.categories]}",
            f"- {definition.how}",
            "",
        ]
    lines.append(END)
    return "\n".join(lines)


def test_the_doc_lists_every_indicator_as_defined() -> None:
    text = DOC.read_text(encoding="utf-8")
    for key in DEFINITIONS:
        assert f"`{key}`" in text, f"docs/indicators.md misses {key}"
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == render_indicators(), (
        "docs/indicators.md is out of date: paste render_indicators() between the markers"
    )


def test_the_doc_names_the_schema_version_and_every_csv_column() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert f'"schema_version": {SCHEMA_VERSION}' in text
    for column in CSV_COLUMNS:
        assert f"`{column}`" in text


def test_the_doc_stands_alone() -> None:
    assert "/work/" not in DOC.read_text(encoding="utf-8")


def _rewrite() -> None:
    """``python -m tests.protocol.indicators.test_indicators_doc`` brings the block up to date."""
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    DOC.write_text(text[:start] + render_indicators() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    _rewrite()
