"""The point de situation's rows in plain Python: display texts, sort keys and filters.

Kept free of Qt so the filter rules read on their own; the table model
(:mod:`.situation_table`) holds the rows and the visible ones. A keystroke in the search
walks precomputed folded strings: those of the rows the search kept before it when the
keystroke only narrows it (:func:`narrows`), else all 10,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
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
        return name_key
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


def name_key(row: SituationRow) -> tuple[str, str]:
    """How the name column sorts: last name, then first name, folded."""
    return fold_name(row.last_name), fold_name(row.first_name)


@dataclass(frozen=True)
class RowKeys:
    """What the table needs of the rows besides the rows, in their order: the search
    strings and the name column's sort keys. Made on the database lane with the report
    (:func:`row_keys`): folding 30,000 names was some 30 ms of the GUI thread per report."""

    texts: list[str]
    names: list[tuple[str, str]]


def row_keys(rows: Sequence[SituationRow]) -> RowKeys:
    return RowKeys([search_text(row) for row in rows], [name_key(row) for row in rows])


def search_text(row: SituationRow) -> str:
    """What the text search looks in: name, structures, counsellors (folded)."""
    return fold_name(" ".join((row.first_name, row.last_name, *row.structures, *row.counsellors)))


def matching(
    rows: Sequence[SituationRow],
    texts: Sequence[str],
    chosen: SituationFilter,
    among: Iterable[int] | None = None,
) -> list[int]:
    """Indexes of ``rows`` (``texts`` their :func:`search_text`) the filter keeps, in
    increasing order; only those of ``among`` (increasing) when given. Each criterion set
    walks what the previous ones kept: an unset one costs nothing."""
    keep: Iterable[int] = range(len(rows)) if among is None else among
    if chosen.structure:
        keep = [i for i in keep if chosen.structure in rows[i].structures]
    if chosen.counsellor:
        keep = [i for i in keep if chosen.counsellor in rows[i].counsellors]
    if chosen.stage is not None:
        keep = [i for i in keep if rows[i].stage is chosen.stage]
    if chosen.alert is not None:
        kind = chosen.alert
        keep = [i for i in keep if any(a.kind is kind for a in rows[i].alerts)]
    if chosen.alerts_only:
        keep = [i for i in keep if rows[i].alerts]
    if chosen.waiting_over:
        over = chosen.waiting_over
        keep = [i for i in keep if (w := rows[i].days_waiting) is not None and w > over]
    for word in fold_name(chosen.text).split():
        keep = [i for i in keep if word in texts[i]]
    return list(keep)


def narrows(before: SituationFilter, after: SituationFilter) -> bool:
    """Whether every row ``after`` keeps was kept by ``before``: the same criteria but the
    search, and each word searched before within a word searched now (a letter typed at
    the end of the search). The rows kept before are then the only ones to look at."""
    if replace(before, text="") != replace(after, text=""):
        return False
    words = fold_name(after.text).split()
    return all(any(old in new for new in words) for old in fold_name(before.text).split())
