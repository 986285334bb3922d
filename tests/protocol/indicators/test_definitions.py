"""The indicators' definitions: the fixed keys, and a French explanation for each."""

from __future__ import annotations

import re

from spie_protocol.indicators.definitions import (
    DEFINITIONS,
    EVENT_COUNTS,
    category_label,
)

#: The keys exports, merges and dashboards refer to (the issue 17 contract), in order.
KEYS = [
    "people_oriented",
    "diagnostics_done",
    "diagnostics_joint",
    "diagnostics_joint_share",
    "delay_first_contact",
    "delay_diagnostic",
    "delay_first_action",
    "days_between_steps",
    "plans_signed",
    "actions_by_theme",
    "actions_by_status",
    "offers_linked",
    "immersions",
    "returns_to_work",
    "check_ins_6m",
    "in_work_6m",
    "in_work_6m_share",
    "evaluations",
    "evaluation_mean",
    "evaluation_satisfied_share",
    "evaluation_wants_groups",
]


def test_the_keys_are_the_contract_s_in_order() -> None:
    assert list(DEFINITIONS) == KEYS
    assert all(definition.key == key for key, definition in DEFINITIONS.items())
    assert set(EVENT_COUNTS) <= set(KEYS)


def test_kinds_units_and_categories() -> None:
    kinds = {key: definition.kind for key, definition in DEFINITIONS.items()}
    assert {key for key, kind in kinds.items() if kind == "median"} == {
        "delay_first_contact",
        "delay_diagnostic",
        "delay_first_action",
        "days_between_steps",
    }
    assert {key for key, kind in kinds.items() if kind == "share"} == {
        "diagnostics_joint_share",
        "in_work_6m_share",
        "evaluation_satisfied_share",
    }
    assert {key for key, kind in kinds.items() if kind == "mean"} == {"evaluation_mean"}
    for definition in DEFINITIONS.values():
        expected_unit = {"median": "jours", "share": "%", "mean": "note sur 4"}.get(definition.kind)
        if expected_unit:
            assert definition.unit == expected_unit, definition.key
    categories = {key: d.categories for key, d in DEFINITIONS.items() if d.categories}
    assert categories == {
        "actions_by_theme": "theme",
        "actions_by_status": "status",
        "offers_linked": "thematique",
        "evaluations": "step",
        "evaluation_mean": "question",
        "evaluation_satisfied_share": "question",
    }


def test_each_how_is_one_or_two_french_sentences() -> None:
    for definition in DEFINITIONS.values():
        assert definition.label and definition.label[0].isupper(), definition.key
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", definition.how.strip()) if s]
        assert 1 <= len(sentences) <= 2, definition.key
        assert definition.how.endswith("."), definition.key
        # Plain French for a territory manager: no code words leaking in.
        assert "_" not in definition.how and "None" not in definition.how, definition.key


def test_category_labels_are_french_and_fall_back_to_the_value() -> None:
    assert category_label("question", "listened") == "Je me suis senti écouté"
    assert category_label("step", "check_in_6m") == "Bilan à 6 mois"
    assert category_label("status", "abandonned") == "Abandonnée par la personne"
    assert category_label("theme", "mobilite") == "Mobilité"
    assert category_label("theme", "not-a-theme") == "not-a-theme"
    assert category_label("theme", "") == "Total"
