"""What the right-of-access PDF holds (RGPD art. 15), as plain data: lines, sections,
chapters and the whole document, already in French.

Apart from :mod:`spie_desktop.plan.access_export`, which renders it with reportlab: the
services that only build a chapter (evaluations, case reviews) are imported with the main
window, and must not bring the PDF stack with them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    """A label and its value: ``Téléphone`` — ``06 12 34 56 78``."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Section:
    """A titled group of lines (a theme of the diagnostic, a consent decision…)."""

    title: str
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    label: str  # "Logement — Trouver un logement stable"
    status: str
    actions: tuple[str, ...]  # "Déposer une demande (CCAS, échéance 01/02/2027) — Prévue"


@dataclass(frozen=True, slots=True)
class PlanBlock:
    title: str  # "Plan d'action, version 2 — signé le 05/12/2026"
    lines: tuple[Line, ...]
    objectives: tuple[ObjectiveLine, ...]


@dataclass(frozen=True, slots=True)
class AuditLine:
    what: str  # "Entretien"
    action: str  # "Modification"
    count: int
    first: str
    last: str
    by: str


@dataclass(frozen=True, slots=True)
class Chapter:
    """One more part of the export, read by a source outside this module (case reviews,
    evaluations): a heading, an empty text when it holds nothing, and its sections. ``key``
    names it in the JSON."""

    key: str
    title: str
    sections: tuple[Section, ...]
    empty: str = "Aucune information."


@dataclass(frozen=True, slots=True)
class AccessDocument:
    person_name: str
    generated: str  # "5 décembre 2026 à 19:04"
    territory: str
    reference: str  # short, neutral: the export's file name stem
    identity: tuple[Line, ...]
    consents: tuple[Section, ...]
    interviews: tuple[tuple[Section, tuple[Section, ...]], ...]  # heading lines, answers
    plans: tuple[PlanBlock, ...]
    events: tuple[Line, ...]
    audit: tuple[AuditLine, ...]
    #: Chapters given by the callers, printed after the timeline, in their order.
    chapters: tuple[Chapter, ...] = ()
