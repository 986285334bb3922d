"""Entreprises accueillantes: the companies of the territory that hosted an immersion or hired
someone, so the next counsellor knows whom to call.

An employer record holds no data about the people it hosted: name, SIRET, sector, commune,
trades, a contact at the company. How many immersions it hosted, and the last one, are
computed from the immersions the device holds (never stored: two devices counting at once
would each write their own total). Two devices that record the same company make two records
with the same ``key`` (its SIRET): the registry keeps one (twins).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .immersion import Immersion
from .people import fold_name
from .records import Record

#: Prefix of the key of a company known by its name only (a hire recorded without SIRET).
NAME_KEY = "nom:"


def employer_key(siret: str, name: str) -> str:
    """How a company is told from another: its SIRET, else its folded name."""
    return siret if siret else NAME_KEY + fold_name(name)


@dataclass(kw_only=True)
class Employer(Record):
    key: str
    name: str
    siret: str = ""
    sector: str = ""
    commune: str = ""
    trades: tuple[str, ...] = ()
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


def employer_of(immersion: Immersion) -> Employer:
    """The host company of an immersion as an employer record (its tutor as the contact)."""
    company = immersion.company
    trade = immersion.trade_label.strip() or immersion.trade_code.strip()
    return Employer(
        key=employer_key(company.siret, company.name),
        name=company.name.strip(),
        siret=company.siret,
        sector=company.sector.strip(),
        commune=company.commune.strip(),
        trades=(trade,) if trade else (),
        contact_name=immersion.tutor.name.strip(),
        contact_phone=immersion.tutor.phone.strip(),
        contact_email=immersion.tutor.email.strip(),
    )


def merged_employer(known: Employer, seen: Employer) -> Employer:
    """A known employer with what a new immersion adds: a new trade, blanks filled."""
    trades = known.trades + tuple(t for t in seen.trades if t not in known.trades)
    return Employer(
        id=known.id,
        version=known.version,
        updated_at=known.updated_at,
        updated_by=known.updated_by,
        key=known.key,
        name=known.name or seen.name,
        siret=known.siret or seen.siret,
        sector=known.sector or seen.sector,
        commune=known.commune or seen.commune,
        trades=trades,
        contact_name=known.contact_name or seen.contact_name,
        contact_phone=known.contact_phone or seen.contact_phone,
        contact_email=known.contact_email or seen.contact_email,
    )


@dataclass(frozen=True)
class EmployerLine:
    """One line of the list: the company, how many immersions and hires, the last one."""

    key: str
    name: str
    siret: str
    sector: str
    commune: str
    trades: tuple[str, ...]
    contact: str
    immersions: int = 0
    hires: int = 0
    last: date | None = None
    search_text: str = field(default="", repr=False)

    def matches(self, words: list[str]) -> bool:
        return all(word in self.search_text for word in words)


def search_words(text: str) -> list[str]:
    return fold_name(text).split()


def searchable(*parts: str) -> str:
    return fold_name(" ".join(parts))
