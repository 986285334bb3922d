"""Entreprises accueillantes: the territory's companies that hosted an immersion or hired
someone, searchable by name, trade, sector and commune.

The list is the synchronised ``employers`` records (one per SIRET: a company recorded on two
devices is kept once) with what the device's records say of each: how many immersions it
hosted and the last one (from the immersions), how many hires (from the EMPLOYMENT events,
which name the employer as typed). A company that hired someone but never hosted an
immersion is listed by its name from those events. Counts are computed, never stored.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from spie_desktop.domain.event_details import EMPLOYER
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.immersion_employer import (
    Employer,
    EmployerLine,
    employer_key,
    search_words,
    searchable,
)
from spie_desktop.domain.local_calendar import local_day
from spie_desktop.domain.people import fold_name
from spie_desktop.storage.session import Session


@dataclass
class _Tally:
    immersions: int = 0
    hires: int = 0
    last: date | None = None

    def saw(self, day: date | None) -> None:
        if day is not None and (self.last is None or day > self.last):
            self.last = day


def employer_lines(session: Session, query: str = "") -> list[EmployerLine]:
    """Every employer matching all the words of ``query`` (accents and case aside), by name."""
    timezone = session.territory.timezone
    with session.uow(read_only=True) as uow:
        employers = uow.employers.list_all()
        immersions = uow.immersions.list_all()
        hires = uow.events.list_of_kind(FollowUpKind.EMPLOYMENT)
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    by_name = {fold_name(e.name): e.key for e in employers}
    for immersion in immersions:
        company = immersion.company
        key = employer_key(company.siret, company.name)
        tally = tallies[key]
        tally.immersions += 1
        tally.saw(immersion.starts_on)
    hired_names: dict[str, str] = {}
    for event in hires:
        name = str(event.details.get(EMPLOYER) or "").strip()
        if not name:
            continue
        key = by_name.get(fold_name(name), employer_key("", name))
        hired_names.setdefault(key, name)
        tally = tallies[key]
        tally.hires += 1
        tally.saw(local_day(event.occurred_at, timezone))
    lines = [_line(e, tallies.get(e.key, _Tally())) for e in _unique(employers)]
    known = {e.key for e in employers}
    lines += [
        _line(Employer(key=key, name=name), tallies[key])
        for key, name in hired_names.items()
        if key not in known
    ]
    words = search_words(query)
    return sorted(
        (line for line in lines if line.matches(words)), key=lambda line: fold_name(line.name)
    )


def _unique(employers: list[Employer]) -> list[Employer]:
    """One per key (twins not yet settled by a sync: the smaller id, as the sync keeps)."""
    kept: dict[str, Employer] = {}
    for employer in sorted(employers, key=lambda e: str(e.id)):
        kept.setdefault(employer.key, employer)
    return list(kept.values())


def _line(employer: Employer, tally: _Tally) -> EmployerLine:
    contact = " · ".join(
        part
        for part in (employer.contact_name, employer.contact_phone, employer.contact_email)
        if part
    )
    return EmployerLine(
        key=employer.key,
        name=employer.name,
        siret=employer.siret,
        sector=employer.sector,
        commune=employer.commune,
        trades=employer.trades,
        contact=contact,
        immersions=tally.immersions,
        hires=tally.hires,
        last=tally.last,
        search_text=searchable(
            employer.name, employer.sector, employer.commune, employer.siret, *employer.trades
        ),
    )
