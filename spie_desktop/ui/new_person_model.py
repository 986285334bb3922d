"""Creating a person, or correcting one's identity: typed identity, birth date parsing, the
domain's checks shown next to their field, and (at creation) the likely-duplicate check."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.language_file import Direction, Language
from spie_desktop.domain.people import Identity, Person
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.person_languages import device_languages

from .i18n import format_date, tr, tr_said

if TYPE_CHECKING:
    from spie_desktop.services.device import Session
    from spie_desktop.services.people import PersonSummary

    from .window_context import WindowContext

_DATE = re.compile(r"^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$")
_COMPACT_DATE = re.compile(r"^(\d{2})(\d{2})(\d{4})$")


def parse_birth_date(text: str, today: date | None = None) -> tuple[date | None, str]:
    """``JJ/MM/AAAA`` (also with ``-``, ``.`` or ``JJMMAAAA``) → (date, French error or "")."""
    text = text.strip()
    if not text:
        return None, ""
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match is None:
        return None, tr("Date à écrire JJ/MM/AAAA (ex. 12/03/1979).")
    day, month, year = (int(part) for part in match.groups())
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None, tr("Cette date n'existe pas.")
    if parsed > (today or date.today()):
        return None, tr("La date de naissance est dans le futur.")
    return parsed, ""


@dataclass(frozen=True)
class NewPersonInput:
    first_name: str = ""
    last_name: str = ""
    birth_date: str = ""
    commune: str = ""
    phone: str = ""
    email: str = ""
    language: str = FRENCH  # BCP 47 code of the person's reading language

    @classmethod
    def of(cls, person: Person) -> NewPersonInput:
        return cls(
            first_name=person.first_name,
            last_name=person.last_name,
            birth_date=format_date(person.birth_date),
            commune=person.commune,
            phone=person.phone,
            email=person.email,
            language=person.language,
        )


def describe_candidate(candidate: PersonSummary) -> str:
    born = format_date(candidate.birth_date)
    text = f"{candidate.last_name.upper()} {candidate.first_name}"
    if born:
        text += tr(", né(e) le {date}", date=born)
    if candidate.commune:
        text += f" — {candidate.commune}"
    return text


class NewPersonModel(QObject):
    """Creates a person; given ``editing``, corrects that person's identity instead."""

    changed = Signal()
    created = Signal(object)  # Person, created or corrected

    def __init__(
        self,
        context: WindowContext,
        parent: QObject | None = None,
        *,
        editing: Person | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.editing = editing
        self.input = NewPersonInput.of(editing) if editing else NewPersonInput()
        self.candidates: list[PersonSummary] = []
        self.field_errors: dict[str, str] = {}
        self.message = ""
        self.busy = False
        session = context.session
        offered = device_languages(session.data_dir if session is not None else None)
        self.languages: list[Language] = offered.languages
        #: Why a territory's language file is not offered ("" when all were accepted).
        self.languages_problem = offered.problem
        if all(lang.code != self.input.language for lang in self.languages):
            # A language whose file was removed since: kept as is, shown by its code.
            code = self.input.language
            self.languages.append(Language(code, code, Direction.LTR))

    # -- typing -------------------------------------------------------------------------------

    def update(self, **fields: str) -> None:
        before = self.input
        self.input = replace(self.input, **fields)
        identity = ("first_name", "last_name", "birth_date")
        if any(getattr(before, f) != getattr(self.input, f) for f in identity):
            self.candidates = []  # a changed identity must be checked again
        self.field_errors = {k: v for k, v in self.field_errors.items() if k not in fields}
        self.message = ""
        self.changed.emit()

    @property
    def birth_error(self) -> str:
        return parse_birth_date(self.input.birth_date)[1] or self.field_errors.get("birth_date", "")

    def can_submit(self) -> bool:
        return (
            not self.busy
            and bool(self.input.first_name.strip())
            and bool(self.input.last_name.strip())
            and not parse_birth_date(self.input.birth_date)[1]
        )

    # -- saving -------------------------------------------------------------------------------

    def submit(self, *, allow_duplicates: bool = False) -> None:
        from spie_desktop.services.people import PeopleService

        if not self.can_submit():
            return
        data = self.input
        birth, _ = parse_birth_date(data.birth_date)
        typed = Identity(
            first_name=data.first_name,
            last_name=data.last_name,
            birth_date=birth,
            commune=data.commune,
            phone=data.phone,
            email=data.email,
            language=data.language,
        )
        try:
            typed.checked()  # at once, without waiting for the database lane
        except ValidationError as exc:
            self._on_failed(tr_said(exc.said), exc)
            return
        editing = self.editing

        def save(session: Session) -> Person:
            service = PeopleService(session)
            if editing is not None:
                return service.update_identity(editing.id, typed, editing.version)
            return service.create_person(
                data.first_name,
                data.last_name,
                birth,
                data.commune,
                data.phone,
                data.email,
                allow_duplicates=allow_duplicates,
                language=data.language,
            )

        if self.context.change(
            save, changes(Change.PEOPLE), self._on_created, self._on_failed, owner=self
        ):
            self.busy, self.message = True, ""
            self.changed.emit()

    def create_anyway(self) -> None:
        self.submit(allow_duplicates=True)

    @property
    def duplicate_text(self) -> str:
        if not self.candidates:
            return ""
        if len(self.candidates) == 1:
            return tr(
                "Une fiche proche existe déjà : {who}.", who=describe_candidate(self.candidates[0])
            )
        return tr(
            "{n} fiches proches existent déjà. Vérifiez qu'il ne s'agit pas de la même personne :",
            n=len(self.candidates),
        )

    def _on_created(self, person: Person) -> None:
        self.busy, self.candidates = False, []
        self.changed.emit()
        self.created.emit(person)

    def _on_failed(self, message: str, exc: BaseException) -> None:
        from spie_desktop.services.people import LikelyDuplicates

        self.busy = False
        if isinstance(exc, LikelyDuplicates):
            self.candidates = list(exc.candidates)
        elif isinstance(exc, ValidationError) and exc.field:
            self.field_errors[exc.field] = message
        else:
            self.message = message
        self.changed.emit()

    def field_error(self, name: str) -> str:
        return self.field_errors.get(name, "")

    def candidate_texts(self) -> list[tuple[Any, str]]:
        return [(c.id, describe_candidate(c)) for c in self.candidates]
