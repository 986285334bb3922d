"""The fixed sentences of the large-print view of a plan, the one the person reads on screen.

They are person-facing: kept together in :data:`TEXTS` so that one place can later hand
them to the person-facing translation layer. :func:`text` fills a sentence's placeholders;
:func:`date_in_words` writes a date as it is said ("15 mars", "1er avril 2027").
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip

TEXTS: dict[str, str] = {
    "window_title": "Votre plan d'action, en gros caractères",
    "objective_of": "Objectif {n} sur {total}",
    "objective": "Objectif : {label}",
    "no_objective": "Aucun objectif n'a encore été fixé.",
    "no_action": "Aucune action pour l'instant.",
    "actions": "Ce que nous allons faire :",
    "until": "jusqu'au {day}",
    "from_until": "du {start} au {day}",
    "from": "à partir du {start}",
    "who": "avec {who}",
    "next_review": "Nous nous revoyons le {day}.",
    "commitments": "Nos engagements",
    "commitments_page": "Nos engagements et le prochain rendez-vous",
    "previous": "← Précédent",
    "next": "Suivant →",
    "close": "Fermer (Échap)",
    "dark": "Blanc sur noir",
    "light": "Noir sur blanc",
    "pictogram": "Pictogramme : {theme}",
    "page": "Page {n} sur {total}",
}


def text(key: str, **values: object) -> str:
    """The sentence ``key`` with its placeholders filled."""
    return TEXTS[key].format(**values)


def date_in_words(day: date, today: date) -> str:
    """ "15 mars"; the year is said only when it is not this year's."""
    first = "1er" if day.day == 1 else str(day.day)
    words = f"{first} {MONTHS[day.month - 1]}"
    return words if day.year == today.year else f"{words} {day.year}"


def action_dates(start: date | None, due: date | None, today: date) -> str:
    """When an action happens, in words: "jusqu'au 15 mars", "du 2 au 15 mars", ""."""
    if due is not None and start is not None and start <= due:
        return text("from_until", start=date_in_words(start, today), day=date_in_words(due, today))
    if due is not None:
        return text("until", day=date_in_words(due, today))
    if start is not None:
        return text("from", start=date_in_words(start, today))
    return ""
