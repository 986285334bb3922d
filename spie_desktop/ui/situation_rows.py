"""The point de situation's rows in plain Python: display texts, sort keys and filters.

Kept free of Qt so the filter rules read on their own; the table model
(:mod:`.situation_table`) holds the rows and the visible ones. A keystroke in the search
walks 10,000 precomputed lowercase strings, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spie_desktop.domain.people import fold_name
from spie_desktop.domain.situation import AlertKind, Stage

from .i18n import format_date, tr, tr_said

if TYPE_CHECKING:
    from spie_desktop.services.situation import SituationRow

#: The column titles, in French (shown through ``tr`` when the table is built).
COLUMNS = (
    "Nom",
    "Structure",
    "Conseillers",
    "Étape",
    "Dernier contact",
    "Prochaine étape",
    "Prévue le",
    "Attente (j)",
    "Alertes",
)
NAME, STRUCTURE, COUNSELLORS, STAGE, LAST_CONTACT, NEXT_STEP, NEXT_DAY, WAITING, ALERTS = range(
    len(COLUMNS)
)
STAGE_ORDER = {stage: index for index, stage in enumerate(Stage)}


def display(row: SituationRow, column: int) -> str:
    if column == NAME:
        return row.name
    if column == STRUCTURE:
        return ", ".join(row.structures)
    if column == COUNSELLORS:
        return ", ".join(row.counsellors)
    if column == STAGE:
        return tr(row.stage.label)
    if column == LAST_CONTACT:
        return format_date(row.last_contact) or tr("aucun")
    if column == NEXT_STEP:
        return tr_said(row.next_step.said) if row.next_step else ""
    if column == NEXT_DAY:
        return format_date(row.next_step.day) if row.next_step else ""
    if column == WAITING:
        return "" if row.days_waiting is None else str(row.days_waiting)
    return " · ".join(tr(a.kind.label) for a in row.alerts)


def alert_tooltip(row: SituationRow) -> str:
    return "\n".join(f"{tr_said(a.said)} — {tr_said(a.to_do)}" for a in row.alerts)


_MISSING_LAST = (1, "")


def sort_key(column: int) -> Callable[[SituationRow], Any]:
    """Dates and numbers sort as such; an empty cell sorts after the others."""
    if column == NAME:
        return lambda r: (fold_name(r.last_name), fold_name(r.first_name))
    if column == STRUCTURE:
        return lambda r: fold_name(", ".join(r.structures))
    if column == COUNSELLORS:
        return lambda r: fold_name(", ".join(r.counsellors))
    if column == STAGE:
        return lambda r: STAGE_ORDER[r.stage]
    if column == LAST_CONTACT:
        return lambda r: (0, r.last_contact) if r.last_contact else _MISSING_LAST
    if column == NEXT_STEP:
        return lambda r: (0, fold_name(tr_said(r.next_step.said))) if r.next_step else _MISSING_LAST
    if column == NEXT_DAY:
        return lambda r: (0, r.next_step.day) if r.next_step else _MISSING_LAST
    if column == WAITING:
        return lambda r: (0, r.days_waiting) if r.days_waiting is not None else _MISSING_LAST
    return lambda r: (len(r.alerts), max((a.days for a in r.alerts), default=0))


@dataclass(frozen=True)
class SituationFilter:
    structure: str = ""
    counsellor: str = ""
    stage: Stage | None = None
    alert: AlertKind | None = None
    #: Only people with at least one alert (of any kind).
    alerts_only: bool = False
    #: Only people waiting (days since the last step) more than this many days.
    waiting_over: int = 0
    text: str = ""

    @property
    def active(self) -> bool:
        return self != SituationFilter()

    def describe(self) -> str:
        """What is applied, in French (for the PDF header); empty when nothing is."""
        parts = []
        if self.structure:
            parts.append(tr("structure « {v} »", v=self.structure))
        if self.counsellor:
            parts.append(tr("conseiller « {v} »", v=self.counsellor))
        if self.stage is not None:
            parts.append(tr("étape « {v} »", v=tr(self.stage.label)))
        if self.alert is not None:
            parts.append(tr("alerte « {v} »", v=tr(self.alert.label)))
        elif self.alerts_only:
            parts.append(tr("avec une alerte"))
        if self.waiting_over:
            parts.append(tr("en attente depuis plus de {n} jours", n=self.waiting_over))
        if self.text.strip():
            parts.append(tr("recherche « {v} »", v=self.text.strip()))
        return ", ".join(parts)


def search_text(row: SituationRow) -> str:
    """What the text search looks in: name, structures, counsellors (folded)."""
    return fold_name(" ".join((row.first_name, row.last_name, *row.structures, *row.counsellors)))


def matching(
    rows: Sequence[SituationRow], texts: Sequence[str], chosen: SituationFilter
) -> list[int]:
    """Indexes of ``rows`` (``texts`` their :func:`search_text`) the filter keeps."""
    words = fold_name(chosen.text).split()
    keep = []
    for index, row in enumerate(rows):
        if chosen.structure and chosen.structure not in row.structures:
            continue
        if chosen.counsellor and chosen.counsellor not in row.counsellors:
            continue
        if chosen.stage is not None and row.stage is not chosen.stage:
            continue
        if chosen.alert is not None and all(a.kind is not chosen.alert for a in row.alerts):
            continue
        if chosen.alerts_only and not row.alerts:
            continue
        if chosen.waiting_over and (
            row.days_waiting is None or row.days_waiting <= chosen.waiting_over
        ):
            continue
        if words:
            text = texts[index]
            if not all(word in text for word in words):
                continue
        keep.append(index)
    return keep
