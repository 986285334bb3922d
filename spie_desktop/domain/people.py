"""The person accompanied (identity kept minimal) and their consent records."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from spie_desktop.domain.interface_sentence import say
from spie_protocol import sharing

from .contact import checked_commune, checked_email, checked_phone
from .errors import ValidationError
from .language_file import is_language_code
from .person_texts import CONSENT_WORDING_KEYS, FRENCH, french_file
from .records import Record, utc_now


class PersonStatus(StrEnum):
    NEW = "new"  # file created, no diagnostic yet
    DIAGNOSTIC = "diagnostic"  # diagnostic in progress
    ACCOMPANIED = "accompanied"  # plan signed, path under way
    EMPLOYED = "employed"  # back to work, follow-up months
    CLOSED = "closed"  # support ended

    @property
    def label(self) -> str:
        return PERSON_STATUS_LABELS[self]


PERSON_STATUS_LABELS = {
    PersonStatus.NEW: "Nouvelle fiche",
    PersonStatus.DIAGNOSTIC: "Diagnostic en cours",
    PersonStatus.ACCOMPANIED: "Accompagnement",
    PersonStatus.EMPLOYED: "En emploi (suivi)",
    PersonStatus.CLOSED: "Sortie",
}


@dataclass(kw_only=True)
class Person(Record):
    """Identity is kept to what the counsellors need to find and contact the person."""

    first_name: str
    last_name: str
    birth_date: date | None = None
    commune: str = ""
    phone: str = ""
    email: str = ""
    status: PersonStatus = PersonStatus.NEW
    last_contact: date | None = None
    created_at: datetime = field(default_factory=utc_now)
    #: The BCP 47 code of the language the person reads their texts in (consent, plan).
    language: str = FRENCH

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name.upper()}".strip()

    def validate(self) -> None:
        check_names(self.first_name, self.last_name)
        check_birth_date(self.birth_date)

    @property
    def identity(self) -> Identity:
        return Identity(
            first_name=self.first_name,
            last_name=self.last_name,
            birth_date=self.birth_date,
            commune=self.commune,
            phone=self.phone,
            email=self.email,
            language=self.language,
        )

    def apply_identity(self, identity: Identity) -> None:
        """Take the identity fields of ``identity`` (checked beforehand)."""
        self.first_name, self.last_name = identity.first_name, identity.last_name
        self.birth_date, self.commune = identity.birth_date, identity.commune
        self.phone, self.email = identity.phone, identity.email
        self.language = identity.language

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


NAME_MAX = 200
#: Fields of :class:`Identity`, in the order the forms show them.
IDENTITY_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "commune",
    "phone",
    "email",
    "language",
)


@dataclass(frozen=True, kw_only=True)
class Identity:
    """Who the person is and how to reach them: what a counsellor types and may correct."""

    first_name: str
    last_name: str
    birth_date: date | None = None
    commune: str = ""
    phone: str = ""
    email: str = ""
    language: str = FRENCH

    def checked(self) -> Identity:
        """The identity as stored: names and commune single-spaced, phone and e-mail in
        their usual form. Raises :class:`ValidationError` naming the first wrong field."""
        first_name, last_name = " ".join(self.first_name.split()), " ".join(self.last_name.split())
        check_names(first_name, last_name)
        check_birth_date(self.birth_date)
        if not is_language_code(self.language):
            raise ValidationError(
                say("Cette langue n'est pas reconnue."), "invalid language code", field="language"
            )
        return Identity(
            first_name=first_name,
            last_name=last_name,
            birth_date=self.birth_date,
            commune=checked_commune(self.commune),
            phone=checked_phone(self.phone),
            email=checked_email(self.email),
            language=self.language,
        )

    def changed_fields(self, other: Identity) -> list[str]:
        return [name for name in IDENTITY_FIELDS if getattr(self, name) != getattr(other, name)]


def check_names(first_name: str, last_name: str) -> None:
    if not first_name.strip() or not last_name.strip():
        raise ValidationError(
            say("Le nom et le prénom sont obligatoires."),
            "first and last name are required",
            field="last_name" if not last_name.strip() else "first_name",
        )
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        if len(value) > NAME_MAX:
            raise ValidationError(
                say("Ce nom est trop long (au plus {NAME_MAX} caractères).", NAME_MAX=NAME_MAX),
                "name too long",
                name,
            )


def check_birth_date(birth_date: date | None, today: date | None = None) -> None:
    if birth_date is None:
        return
    today = today or date.today()
    if birth_date > today:
        raise ValidationError(
            say("La date de naissance est dans le futur."), "birth date in the future", "birth_date"
        )
    if birth_date.year < today.year - 120:
        raise ValidationError(
            say("La date de naissance semble erronée."), "birth date too old", "birth_date"
        )


class ConsentScope(StrEnum):
    """What the person agreed to. Recorded explicitly, one flag each."""

    RECORD = "record"  # keep their file in this tool (required before any interview data)
    SHARE_CONSORTIUM = sharing.SHARE_CONSORTIUM  # share the file with the SPIE partners
    #: show health/justice answers to the other structures that follow the person (without
    #: it the server sends them only to the structure that recorded them)
    SHARE_SENSITIVE = sharing.SHARE_SENSITIVE
    SENSITIVE_IN_PLAN = "sensitive_in_plan"  # show health/justice answers in the plan PDF
    EVALUATION = "evaluation"  # be asked afterwards how the support went


if TYPE_CHECKING:  # read from the French file on first use: see __getattr__ below
    #: What each scope means, in the French of the person-facing texts (domain/data/languages).
    CONSENT_SCOPE_LABELS: dict[ConsentScope, str]
    #: The consent wording, in French, as the person reads it before agreeing.
    CONSENT_WORDING: str

#: The consent wording was rewritten in plain language (Facile à lire et à comprendre) in
#: 2026-12: a consent recorded before refers to the earlier text, hence a new version.
#: 2026-12.2: the person chooses whether health and justice answers are shown to the other
#: professionals who follow them (``SHARE_SENSITIVE``).
#: 2026-12.3: the text says what sync does (docs/sync-protocol.md, "Sharing"): the other
#: partners of the SPIE see the file only with the person's agreement, and so do the other
#: professionals for health and justice answers.
CONSENT_WORDING_VERSION = "2026-12.3"


def _consent_scope_labels() -> dict[ConsentScope, str]:
    return {scope: french_file().texts[f"consent.scope.{scope.value}"] for scope in ConsentScope}


def _consent_wording() -> str:
    return " ".join(french_file().texts[key] for key in CONSENT_WORDING_KEYS)


_FROM_FRENCH_FILE = {
    "CONSENT_SCOPE_LABELS": _consent_scope_labels,
    "CONSENT_WORDING": _consent_wording,
}


def __getattr__(name: str) -> Any:
    """The French texts above, read on first use (PEP 562): parsing the language file at
    import would make every process that imports this module (the unlock window's among
    them) wait for it."""
    build = _FROM_FRENCH_FILE.get(name)
    if build is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = build()
    globals()[name] = value
    return value


@dataclass(kw_only=True)
class ConsentRecord(Record):
    """Append-only: a new decision is a new record; the latest one applies."""

    person_id: uuid.UUID
    given_at: datetime = field(default_factory=utc_now)
    scopes: frozenset[ConsentScope] = frozenset()
    wording_version: str = CONSENT_WORDING_VERSION
    recorded_by: uuid.UUID | None = None

    def allows(self, scope: ConsentScope) -> bool:
        return scope in self.scopes


def fold_name(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a name, for search and duplicates."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("-", " ").replace("'", " ").replace("’", " ")
    return " ".join(plain.split())
