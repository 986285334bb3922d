"""How a step of the parcours reads on the person's file, in French (plain Python).

A step's details are fixed keys (``domain.event_details``); each becomes a short phrase.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from spie_desktop.domain.event_details import (
    CHANNEL,
    CHANNEL_LABELS,
    CONTRACT,
    CONTRACT_LABELS,
    DIFFICULTIES,
    DIFFICULTY_LABELS,
    EMPLOYER,
    HOURS,
    MONTH,
    NEW_ACTION,
    STILL_IN_WORK,
)

from .i18n import tr


def details_text(details: Mapping[str, Any]) -> str:
    """« Téléphone », « CDI · 35 h par semaine · chez Boulangerie Dupont »…"""
    parts: list[str] = []
    if details.get(CHANNEL) in CHANNEL_LABELS:
        parts.append(tr(CHANNEL_LABELS[details[CHANNEL]]))
    if isinstance(details.get(MONTH), int):
        parts.append(tr("à {n} mois", n=details[MONTH]))
    if details.get(STILL_IN_WORK) is True:
        parts.append(tr("toujours en emploi"))
    elif details.get(STILL_IN_WORK) is False:
        parts.append(tr("n'est plus en emploi"))
    if details.get(CONTRACT) in CONTRACT_LABELS:
        parts.append(tr(CONTRACT_LABELS[details[CONTRACT]]))
    if isinstance(details.get(HOURS), int):
        parts.append(tr("{n} h par semaine", n=details[HOURS]))
    if details.get(EMPLOYER):
        parts.append(tr("chez {who}", who=details[EMPLOYER]))
    hard = [DIFFICULTY_LABELS[k] for k in details.get(DIFFICULTIES, []) if k in DIFFICULTY_LABELS]
    if hard:
        parts.append(tr("difficultés : {list}", list=", ".join(tr(h).lower() for h in hard)))
    if details.get(NEW_ACTION):
        parts.append(tr("nouvelle action : {a}", a=details[NEW_ACTION]))
    return " · ".join(parts)


def wait_text(days: int) -> str:
    """« — 34 jours — » between two steps."""
    if days == 0:
        return tr("— le même jour —")
    return tr("— {n} jour{s} —", n=days, s="s" if days > 1 else "")


_DAY = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")


def parse_event_day(text: str) -> tuple[date | None, str]:
    """``JJ/MM/AAAA`` → (date, French error or ""); the domain checks the rest."""
    match = _DAY.match(text.strip())
    if match is None:
        return None, tr("Date à écrire JJ/MM/AAAA (ex. 05/12/2026).")
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day), ""
    except ValueError:
        return None, tr("Cette date n'existe pas.")
