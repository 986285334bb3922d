"""The draft of a PMSMP convention handed to the prescriber: the data of the sections the
Cerfa 13912 asks for, as plain data and as JSON.

JSON keys (version 1; dates ISO 8601, every text as typed):

* ``format`` — ``"spie-pmsmp-convention"``; ``format_version`` — ``1``;
* ``beneficiary`` — ``first_name``, ``last_name``, ``birth_date`` (or null), ``commune``,
  ``phone``, ``email``;
* ``prescriber`` — ``structure`` (the counsellor's structure), ``counsellor``;
* ``host_company`` — ``name``, ``siret``, ``address``, ``commune``, ``sector``;
* ``tutor`` — ``name``, ``function``, ``phone``, ``email``;
* ``objective`` — ``code`` (``discover``, ``confirm``, ``recruit``) and ``label``;
* ``periods`` — a list of ``{"start", "end"}``; ``days`` — the days they count;
  ``weekly_hours`` — a number or null;
* ``trade`` — ``rome_code``, ``label``; ``activities``, ``skills`` — text;
* ``renewal`` — whether this convention renews another.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .immersion import (
    HostCompany,
    Immersion,
    ImmersionObjective,
    Period,
    Tutor,
    periods_from_json,
)

FORMAT = "spie-pmsmp-convention"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Beneficiary:
    first_name: str
    last_name: str
    birth_date: date | None
    commune: str
    phone: str
    email: str


@dataclass(frozen=True)
class Prescriber:
    structure: str
    counsellor: str


@dataclass(frozen=True)
class ConventionDraft:
    beneficiary: Beneficiary
    prescriber: Prescriber
    company: HostCompany
    tutor: Tutor
    objective: ImmersionObjective
    periods: tuple[Period, ...]
    weekly_hours: float | None
    trade_code: str
    trade_label: str
    activities: str
    skills: str
    renewal: bool

    @property
    def days(self) -> int:
        return sum(p.days for p in self.periods)


def draft_of(
    immersion: Immersion, beneficiary: Beneficiary, prescriber: Prescriber
) -> ConventionDraft:
    return ConventionDraft(
        beneficiary=beneficiary,
        prescriber=prescriber,
        company=immersion.company,
        tutor=immersion.tutor,
        objective=immersion.objective,
        periods=immersion.periods,
        weekly_hours=immersion.weekly_hours,
        trade_code=immersion.trade_code,
        trade_label=immersion.trade_label,
        activities=immersion.activities,
        skills=immersion.skills,
        renewal=immersion.renewal_of is not None,
    )


def draft_to_json(draft: ConventionDraft) -> dict[str, Any]:
    b, c, t = draft.beneficiary, draft.company, draft.tutor
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "beneficiary": {
            "first_name": b.first_name,
            "last_name": b.last_name,
            "birth_date": b.birth_date.isoformat() if b.birth_date else None,
            "commune": b.commune,
            "phone": b.phone,
            "email": b.email,
        },
        "prescriber": {
            "structure": draft.prescriber.structure,
            "counsellor": draft.prescriber.counsellor,
        },
        "host_company": {
            "name": c.name,
            "siret": c.siret,
            "address": c.address,
            "commune": c.commune,
            "sector": c.sector,
        },
        "tutor": {"name": t.name, "function": t.function, "phone": t.phone, "email": t.email},
        "objective": {"code": draft.objective.value, "label": draft.objective.label},
        "periods": [p.as_json() for p in draft.periods],
        "days": draft.days,
        "weekly_hours": draft.weekly_hours,
        "trade": {"rome_code": draft.trade_code, "label": draft.trade_label},
        "activities": draft.activities,
        "skills": draft.skills,
        "renewal": draft.renewal,
    }


def draft_from_json(data: dict[str, Any]) -> ConventionDraft:
    """The draft a JSON export holds (ValueError/KeyError when it is not one)."""
    if data.get("format") != FORMAT:
        raise ValueError("not a PMSMP convention draft")
    b, c, t = data["beneficiary"], data["host_company"], data["tutor"]
    hours = data.get("weekly_hours")
    return ConventionDraft(
        beneficiary=Beneficiary(
            b["first_name"],
            b["last_name"],
            date.fromisoformat(b["birth_date"]) if b.get("birth_date") else None,
            b["commune"],
            b["phone"],
            b["email"],
        ),
        prescriber=Prescriber(data["prescriber"]["structure"], data["prescriber"]["counsellor"]),
        company=HostCompany(c["name"], c["siret"], c["address"], c["commune"], c["sector"]),
        tutor=Tutor(t["name"], t["function"], t["phone"], t["email"]),
        objective=ImmersionObjective(data["objective"]["code"]),
        periods=periods_from_json(data["periods"]),
        weekly_hours=None if hours is None else float(hours),
        trade_code=data["trade"]["rome_code"],
        trade_label=data["trade"]["label"],
        activities=data["activities"],
        skills=data["skills"],
        renewal=bool(data["renewal"]),
    )
