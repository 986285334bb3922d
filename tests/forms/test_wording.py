"""The current method's words: spelled right, and no institution by a name it no longer has.

Every label, title and help text of the definition new interviews use, and every objective
and action of the referential the plan suggests, is checked, word by word, against ``french_words.txt`` (the reviewed vocabulary of the method), and against
``retired_names.txt`` (Pôle emploi, ANPE...). A typo ("Ressourcess") or a retired name fails
here before it reaches a counsellor or a signed plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spie_desktop.domain.referential import themes
from spie_desktop.forms import current_definition
from spie_desktop.forms.generate_socle import duration_in_months
from spie_desktop.forms.registry import BUILTIN_DIR
from spie_desktop.forms.yaml_source import load_yaml_file

HERE = Path(__file__).resolve().parent
TEXT_KEYS = {
    "label",
    "title",
    "help",
    "description",
    "blocked_message",
    "objectives",
    "actions",
    "provenance",
    "placeholder",
}
WORD = re.compile(r"[^\W\d_]+")


def _lines(name: str) -> list[str]:
    lines = (HERE / name).read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _texts(node: Any, key: str | None = None) -> Iterator[str]:
    if isinstance(node, dict):
        for child_key, child in node.items():
            yield from _texts(child, str(child_key))
    elif isinstance(node, list):
        for child in node:
            yield from _texts(child, key)
    elif isinstance(node, str) and key in TEXT_KEYS:
        yield node


def _current_texts() -> list[str]:
    """The current definition's texts, and the referential's objectives and actions (the
    plan's suggestions and the demo's plans take their labels from there)."""
    definition = current_definition()
    raw = load_yaml_file(Path(definition.source_file))
    texts = list(_texts(raw))
    assert len(texts) > 400  # the whole method, not an empty walk
    return texts + _referential_plan_labels()


def _referential_plan_labels() -> list[str]:
    labels = [label for theme in themes().values() for label in (*theme.objectives, *theme.actions)]
    assert len(labels) == 58 + 134  # every objective and action of the referential
    return labels


def test_every_word_of_the_current_method_is_known() -> None:
    known = set(_lines("french_words.txt"))
    unknown = sorted(
        {
            word
            for text in _current_texts()
            for word in WORD.findall(text)
            if word.lower() not in known
        }
    )
    assert unknown == [], (
        f"words not in tests/forms/french_words.txt: {unknown}. Fix the spelling in a new "
        "version of the definition, or add the word to the list once checked."
    )


def test_no_retired_institution_name_in_the_current_method() -> None:
    retired = _lines("retired_names.txt")
    found = sorted(
        {
            name
            for text in _current_texts()
            for name in retired
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
        }
    )
    assert found == [], f"retired names in the current method: {found}"


def test_the_current_definition_is_a_shipped_file() -> None:
    assert Path(current_definition().source_file).parent == BUILTIN_DIR


def test_durations_come_in_increasing_order() -> None:
    """The referential is alphabetical: "Plus de 10 ans" came before "Plus de 2 ans"."""
    definition = current_definition()
    raw = load_yaml_file(Path(definition.source_file))
    checked = 0
    for step in raw["steps"]:
        for pane in step.get("panes", []):
            for theme in pane["themes"]:
                labels = [s["label"] for s in theme.get("situations", [])]
                months = [m for label in labels if (m := duration_in_months(label)) is not None]
                assert months == sorted(months), (theme["id"], labels)
                checked += len(months)
    assert checked >= 6
