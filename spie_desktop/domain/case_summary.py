"""The anonymised case summary put to a multi-agency group, as plain data, and its rules.

What a group of professionals from several structures may see of a person: an age band,
the sex only when the counsellor judges it relevant, the département (never the commune),
the household type, the barriers by theme, the parcours in months from its start (never a
date), what was tried and why it stopped, the question put to the group, and a random
pseudonymous reference that only the counsellor's device ties back to the file. Free-text
notes enter only in the version the counsellor reviewed (see ``domain.redaction``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spie_desktop.domain.interface_sentence import say

from .errors import ValidationError

#: Age bands of the summary: (lowest age, label), youngest first.
AGE_BANDS = ((0, "moins de 16 ans"), (16, "16–25 ans"), (26, "26–34 ans"), (35, "35–44 ans"),
             (45, "45–54 ans"), (55, "55 ans et plus"))  # fmt: skip
UNKNOWN = "non renseigné"
SEX_LABELS = {"femme": "Femme", "homme": "Homme"}


@dataclass(frozen=True, slots=True)
class ThemeBarrierLine:
    theme_label: str
    #: The barrier's weight as the form stores it ("none", "light", "strong", "blocking",
    #: "not_discussed"); ``None`` when not assessed.
    weight: str | None
    situations: tuple[str, ...]  # referential labels of the situations ticked


@dataclass(frozen=True, slots=True)
class ParcoursLine:
    month: int  # whole months since the start of the parcours
    label: str
    planned: bool = False

    @property
    def when(self) -> str:
        return f"mois {self.month}" + (" (prévu)" if self.planned else "")


@dataclass(frozen=True, slots=True)
class TriedAction:
    theme_label: str
    label: str
    status_label: str
    period: str  # "mois 2 → mois 5", "" when the action has no dates


@dataclass(frozen=True, slots=True)
class SummaryNote:
    source: str  # where the note comes from, in French ("Projet de la personne")
    text: str  # as the counsellor reviewed it


@dataclass(frozen=True)
class CaseSummary:
    reference: str
    question: str
    age_band: str
    sex: str  # "" when the counsellor did not find it relevant
    departement: str
    household: str
    barriers: tuple[ThemeBarrierLine, ...]
    sensitive_hidden: bool  # some themes were left out (no consent to print them)
    parcours: tuple[ParcoursLine, ...]
    current_month: int | None  # the month of the parcours the case is presented in
    tried: tuple[TriedAction, ...]
    stopped: tuple[TriedAction, ...]  # abandoned by the person or cancelled by a structure
    notes: tuple[SummaryNote, ...]


def check_reference(reference: str) -> str:
    """The reference, if it has the shape of one (it also names the PDF file)."""
    text = reference.strip().upper()
    body = text.removeprefix("C-")
    if not text.startswith("C-") or not 3 <= len(body) <= 12 or not body.isalnum():
        raise ValidationError(
            say("La référence du cas doit avoir la forme « C-7K3Q »."),
            "case reference has not the form C-XXXX",
            "reference",
        )
    return text


def check_question(question: str) -> str:
    text = question.strip()
    if not text:
        raise ValidationError(
            say("Indiquez la question posée au groupe."), "no question for the group", "question"
        )
    return text


def age_band(birth_date: date | None, today: date) -> str:
    if birth_date is None:
        return UNKNOWN
    age = (
        today.year
        - birth_date.year
        - ((today.month, today.day) < (birth_date.month, birth_date.day))
    )
    label = AGE_BANDS[0][1]
    for lowest, text in AGE_BANDS:
        if age >= lowest:
            label = text
    return label


def sex_label(include_sex: bool, sex: str) -> str:
    """What the summary says of the sex: nothing unless the counsellor ticked it relevant,
    and then what they said (the file itself records no sex)."""
    if not include_sex:
        return ""
    if sex not in SEX_LABELS:
        raise ValidationError(
            say("Précisez le sexe de la personne, ou décochez « Le sexe est pertinent »."),
            "sex ticked as relevant but not given",
            "sex",
        )
    return SEX_LABELS[sex]


def household_type(situation: str | None, children: int | None, household: int | None) -> str:
    """« Couple avec 2 enfants à charge · foyer de 4 personnes », from the interview's
    family situation, children in charge and household size (each may be unknown)."""
    parts: list[str] = []
    with_children = children is not None and children > 0
    count = f"{children} enfant{'s' if (children or 0) > 1 else ''} à charge"
    if situation == "en-couple":
        parts.append(f"Couple avec {count}" if with_children else "Couple sans enfant à charge")
    elif situation in {"seul", "separe", "veuf"}:
        if with_children:
            parts.append(f"Famille monoparentale, {count}")
        else:
            parts.append("Personne seule" + (", sans enfant à charge" if children == 0 else ""))
    elif with_children:
        parts.append(count[0].upper() + count[1:])
    elif children == 0:
        parts.append("Sans enfant à charge")
    if household is not None:
        parts.append(f"foyer de {household} personne{'s' if household > 1 else ''}")
    if not parts:
        return "Non renseignée"
    text = " · ".join(parts)
    return text[0].upper() + text[1:]


def months_since(start: date, day: date) -> int:
    """Whole calendar months from ``start`` to ``day`` (0 in the first month; never < 0)."""
    months = (day.year - start.year) * 12 + day.month - start.month
    if day.day < start.day:
        months -= 1
    return max(months, 0)


def period(start: date | None, end: date | None, origin: date | None) -> str:
    if origin is None or (start is None and end is None):
        return ""
    if start is not None and end is not None:
        return f"mois {months_since(origin, start)} → mois {months_since(origin, end)}"
    only = start if start is not None else end
    assert only is not None
    return f"mois {months_since(origin, only)}"
