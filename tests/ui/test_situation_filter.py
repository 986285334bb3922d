"""The point de situation's filter: a letter typed at the end of the search only looks at
the rows the search kept before it, and whatever the way the filter got there (typing,
erasing, changing a criterion), the rows shown are those a filter applied afresh shows."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt

from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.situation import Alert, AlertKind, Stage
from spie_desktop.services.situation import SituationRow
from spie_desktop.ui.situation_rows import (
    WAITING,
    RowKeys,
    SituationFilter,
    name_key,
    search_text,
)
from spie_desktop.ui.situation_table import SituationTable

FIRST = ("Léa", "Hugo", "Inès", "Noah", "Chloé", "Adam", "Zoé", "Louis")
LAST = ("Boulanger", "Martin", "Bernard", "Leroy", "Moreau", "Lefèvre", "Roux", "Blanc")
STRUCTURES = ("Conseil départemental", "Mission locale", "France Travail")


def _rows(count: int) -> list[SituationRow]:
    rng = random.Random(19)
    rows = []
    for _ in range(count):
        alerts = tuple(
            Alert(kind, rng.randrange(200), say("Aucun contact depuis {n} jours.", n=1), say("."))
            for kind in rng.sample(list(AlertKind), rng.randrange(3))
        )
        rows.append(
            SituationRow(
                person_id=uuid.UUID(int=rng.getrandbits(128)),
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                structures=tuple(sorted(rng.sample(STRUCTURES, rng.randrange(3)))),
                counsellors=("Nadia B.",) if rng.random() < 0.5 else (),
                stage=rng.choice(list(Stage)),
                last_contact=date(2026, 1 + rng.randrange(12), 1) if rng.random() < 0.8 else None,
                next_step=None,
                days_waiting=rng.randrange(400) if rng.random() < 0.9 else None,
                alerts=alerts,
                days_without_contact=rng.randrange(400),
            )
        )
    return rows


class CountedTexts(Sequence[str]):
    """The rows' search strings, counting how many times the filter looks at one."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.looked = 0

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        self.looked += 1
        return self.texts[index]


def test_a_letter_typed_at_the_end_looks_only_at_what_the_search_kept() -> None:
    rows = _rows(2000)
    texts = CountedTexts([search_text(row) for row in rows])
    table = SituationTable()
    table.set_rows(rows, RowKeys(texts, [name_key(row) for row in rows]))  # type: ignore[arg-type]
    table.set_filter(SituationFilter(text="bo"))
    kept = len(table.shown)
    assert 0 < kept < len(rows) // 4
    texts.looked = 0
    table.set_filter(SituationFilter(text="bou"))
    assert 0 < texts.looked <= kept
    assert {r.last_name for r in table.shown} == {"Boulanger"}


def _fresh(rows: list[SituationRow], chosen: SituationFilter) -> list[SituationRow]:
    table = SituationTable()
    table.sort(WAITING, Qt.SortOrder.DescendingOrder)
    table.set_rows(rows)
    table.set_filter(chosen)
    return table.shown


def test_the_rows_shown_are_those_of_the_filter_applied_afresh() -> None:
    rows = _rows(600)
    table = SituationTable()
    table.sort(WAITING, Qt.SortOrder.DescendingOrder)
    table.set_rows(rows)
    steps: list[SituationFilter] = []
    chosen = SituationFilter()
    for text in ("l", "le", "lef", "lefe", "lef", "le", "le b", "le be", "be le", "e", ""):
        chosen = replace(chosen, text=text)
        steps.append(chosen)
    for text in ("n", "na", "nad"):
        chosen = replace(chosen, stage=Stage.IN_ACTION, text=text)
        steps.append(chosen)
    steps += [
        replace(chosen, stage=None),
        replace(chosen, alert=AlertKind.NO_CONTACT, text="nadi"),
        replace(chosen, alerts_only=True, waiting_over=100, text="nadia"),
        replace(chosen, structure="Mission locale", text="nadia "),
        SituationFilter(counsellor="Nadia B.", text="ch"),
        SituationFilter(counsellor="Nadia B.", text="chl"),
        SituationFilter(text="chlo"),
    ]
    for step in steps:
        table.set_filter(step)
        assert table.shown == _fresh(rows, step), step
