"""The interview workspace's use cases: open an interview through the form engine, autosave
each answer with its author, remember the step, let the second counsellor join.

Authorship — both counsellors sit at one laptop, but only one of them unlocked it. The rule:

* each pane of the diagnostic belongs to the counsellor of its field (the interview's
  ``social_counsellor_id`` / ``emploi_counsellor_id``); the one who unlocks is recorded as the
  owner of their field's pane when the interview opens, if it has none yet;
* the other counsellor *joins* the interview by typing their own passphrase
  (:meth:`InterviewSessionService.join_counsellor`): they become the owner of their field's pane
  and count as present for this workspace only. After a lock the workspace is opened again:
  who had joined is still expected (:meth:`InterviewSessionService.expect`), but writes nothing
  in their pane until they have typed their passphrase again (the pane is read-only meanwhile);
* an answer typed in a pane is recorded as written by that pane's owner **if that owner is
  present** (the unlocked counsellor, or one who joined in this run); otherwise, and for the
  questions outside the panes (consent, priorities), by the unlocked counsellor.

So the author is whoever's pane is being typed in, once both have joined; otherwise the
unlocked counsellor. The tool cannot see which hand is on the keyboard; this is the honest
approximation the method accepts.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from spie_desktop.config import keyslots_path
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.interview import Interview
from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.domain.people import ConsentRecord
from spie_desktop.domain.records import utc_now
from spie_desktop.forms import (
    AnswerRecord,
    DefinitionRegistry,
    FormDefinition,
    InterviewState,
    ReadOnlyInterview,
    builtin_registry,
    checked_answer,
)
from spie_desktop.forms import open_interview as engine_open
from spie_desktop.storage.keyslots import KeySlots, SlotInfo
from spie_desktop.storage.session import Session

from .colleagues import WrongStore as WrongStore
from .colleagues import check_colleague
from .consent_answers import CONSENT_PREFILL, record_consent_answer
from .file_guard import editable_interview_person, editable_person
from .interviews import INTERVIEW, InterviewService
from .people import PersonNotFound

log = logging.getLogger(__name__)


class NotACounsellorOfThisDevice(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Ce compte n'existe pas sur cet appareil."), "joining account has no counsellor row"
        )


@dataclass
class OpenedInterview:
    """Everything the workspace needs to show one interview."""

    interview: Interview
    state: InterviewState
    person_name: str
    age: int | None
    commune: str
    consent: ConsentRecord | None
    owners: dict[Field, Counsellor]  # the counsellor owning each pane's field, if known


class InterviewSessionService:
    """Use cases of one interview workspace. Keep one instance per opened workspace."""

    def __init__(self, session: Session, registry: DefinitionRegistry | None = None) -> None:
        self.session = session
        self.registry = registry or builtin_registry()
        self._owners: dict[Field, uuid.UUID] = {}
        self._present: set[uuid.UUID] = {session.counsellor.id}
        self._definitions: dict[uuid.UUID, FormDefinition] = {}
        self._expected: set[uuid.UUID] = set()  # joined before a lock, to confirm again

    # -- opening --------------------------------------------------------------------------------

    def open(self, person_id: uuid.UUID) -> OpenedInterview:
        """Start or resume the person's interview and read it back through its definition."""
        interview = InterviewService(self.session, self.registry).start_or_resume(person_id)
        me = self.session.counsellor
        with self.session.uow() as uow:
            person = uow.people.find(person_id)
            if person is None:
                raise PersonNotFound()
            consent = uow.consents.latest_for(person_id)
            stored = uow.answers.list_for(interview.id)
            if _own_pane(interview, me):
                interview = uow.interviews.get(interview.id)
                _set_owner(interview, me)
                uow.interviews.save(interview)
            uow.audit.record(AuditAction.OPENED, INTERVIEW, interview.id)
            records = {
                a.key: AnswerRecord(a.value, a.author_id, a.updated_at or utc_now()) for a in stored
            }
            state = engine_open(
                self.registry,
                interview.definition_id,
                interview.definition_version,
                records,
                current_step=interview.current_step or None,
            )
            if not records and consent is not None and not state.read_only:
                self._prefill_consent(uow, interview.id, state, consent, person.commune)
            owners = {
                field: counsellor
                for field, account in _owner_ids(interview).items()
                if account is not None and (counsellor := uow.counsellors.find(account)) is not None
            }
        self._owners = {field: c.id for field, c in owners.items()}
        return OpenedInterview(
            interview=interview,
            state=state,
            person_name=person.full_name,
            age=person.age_on(date.today()),
            commune=person.commune,
            consent=consent,
            owners=owners,
        )

    def _prefill_consent(
        self,
        uow: Any,
        interview_id: uuid.UUID,
        state: InterviewState,
        consent: ConsentRecord,
        commune: str,
    ) -> None:
        author = consent.recorded_by or self.session.counsellor.id
        values: dict[str, Any] = {
            key: consent.allows(scope)
            for key, scope in CONSENT_PREFILL.items()
            if key in state.definition.fields
        }
        if commune and "accueil.lieu" in state.definition.fields:
            values["accueil.lieu"] = commune
        for key, value in values.items():
            state.set_answer(key, value, author)
            uow.answers.upsert(interview_id, key, value, author)

    # -- authorship -----------------------------------------------------------------------------

    def author_for(self, state: InterviewState, key: str) -> uuid.UUID:
        """Who an answer typed now is recorded as written by (see the module docstring)."""
        spec = state.definition.fields.get(key)
        if spec is not None and spec.pane is not None:
            field = _pane_field(state, spec.pane)
            owner = self._owners.get(field) if field is not None else None
            if owner is not None and owner in self._present:
                return owner
        return self.session.counsellor.id

    def owner_present(self, field: Field) -> bool:
        """Whether the counsellor owning this field's pane is at the keyboard in this run."""
        owner = self._owners.get(field)
        return owner is not None and owner in self._present

    def expect(self, account_ids: set[uuid.UUID]) -> None:
        """These counsellors joined before a lock: still at the table, but each confirms
        with their passphrase again before anything is written in their pane."""
        self._expected |= account_ids - self._present

    def joined(self) -> set[uuid.UUID]:
        """Everyone at the table in this run: present, or expected to confirm again."""
        return self._present | self._expected

    def owner_to_confirm(self, field: Field) -> uuid.UUID | None:
        """The owner of this field's pane, if they joined before a lock and have not yet
        typed their passphrase again (their pane is read-only until they do)."""
        owner = self._owners.get(field)
        return owner if owner in self._expected else None

    def awaits_confirmation(self, state: InterviewState, key: str) -> bool:
        """An answer of a pane whose owner must confirm again: nothing may be written now."""
        spec = state.definition.fields.get(key)
        if spec is None or spec.pane is None:
            return False
        field = _pane_field(state, spec.pane)
        return field is not None and self.owner_to_confirm(field) is not None

    def other_accounts(self) -> list[SlotInfo]:
        """Accounts of this device that could join (everyone but the unlocked counsellor)."""
        accounts = KeySlots.load(keyslots_path(self.session.data_dir)).accounts()
        return [a for a in accounts if a.account_id != self.session.counsellor.id]

    def join_counsellor(
        self, interview_id: uuid.UUID, account_id: uuid.UUID, passphrase: str
    ) -> Counsellor:
        """Let a second account of this device join (or confirm again after a lock): check
        their passphrase, own their pane."""
        check_colleague(self.session, account_id, passphrase)
        with self.session.uow() as uow:
            counsellor = uow.counsellors.find(account_id)
            if counsellor is None:
                raise NotACounsellorOfThisDevice()
            editable_interview_person(uow, interview_id)
            interview = uow.interviews.get(interview_id)
            _set_owner(interview, counsellor, replace=True)
            uow.interviews.save(interview)
            uow.audit.record(AuditAction.CHANGED, INTERVIEW, interview_id)
        self._owners[counsellor.field] = counsellor.id
        self._present.add(counsellor.id)
        self._expected.discard(counsellor.id)
        log.info("account %s joined interview %s", account_id, interview_id)
        return counsellor

    # -- autosave -------------------------------------------------------------------------------

    def save_answer(
        self,
        interview_id: uuid.UUID,
        key: str,
        value: Any,
        author_id: uuid.UUID | None = None,
    ) -> datetime:
        """Store one answer now, as the form engine accepts it: the one way answers are saved.

        One transaction, committed before returning, so a crash loses nothing typed before it.
        The interview's own definition decides (:func:`~spie_desktop.forms.checked_answer`):
        an unknown key or an unstorable value is refused, an empty one deletes the answer, an
        invalid one is kept as typed; an interview whose definition is not installed is
        read-only. ``author_id``: who the answer is recorded as written by (default: the
        unlocked counsellor; see :meth:`author_for`). The audit trail records who changed
        which interview, when; never the value. A consent-step answer that differs from the
        person's latest consent records a new one in the same transaction (consent_answers).
        """
        with self.session.uow() as uow:
            person = editable_interview_person(uow, interview_id)
            definition = self._definition_of(uow, interview_id)
            stored, _problem = checked_answer(definition, key, value)
            if stored is None:
                uow.answers.delete(interview_id, key)
            else:
                author = author_id or self.session.counsellor.id
                uow.answers.upsert(interview_id, key, stored, author)
                record_consent_answer(uow, person.id, key, stored, self.session.counsellor.id)
            uow.audit.record(AuditAction.CHANGED, INTERVIEW, interview_id)
        return utc_now()

    def _definition_of(self, uow: Any, interview_id: uuid.UUID) -> FormDefinition:
        """The definition the interview was taken with; :class:`ReadOnlyInterview` if absent."""
        definition = self._definitions.get(interview_id)
        if definition is None:
            interview = uow.interviews.get(interview_id)
            state = engine_open(
                self.registry, interview.definition_id, interview.definition_version, {}
            )
            if state.read_only_reason is not None:
                raise ReadOnlyInterview(state.read_only_reason)
            # An interview keeps its definition for good: one look-up per workspace.
            definition = self._definitions[interview_id] = state.definition
        return definition

    def save_step(self, interview_id: uuid.UUID, step_id: str) -> datetime:
        """Remember the step the interview is at, so that reopening resumes there."""
        with self.session.uow() as uow:
            interview = uow.interviews.get(interview_id)
            if interview.current_step != step_id:
                editable_person(uow, interview.person_id)
                interview.current_step = step_id
                uow.interviews.save(interview)
        return utc_now()


def _owner_ids(interview: Interview) -> dict[Field, uuid.UUID | None]:
    return {
        Field.SOCIAL: interview.social_counsellor_id,
        Field.EMPLOI: interview.emploi_counsellor_id,
    }


def _own_pane(interview: Interview, me: Counsellor) -> bool:
    return _owner_ids(interview).get(Field(me.field)) is None


def _set_owner(interview: Interview, counsellor: Counsellor, *, replace: bool = False) -> None:
    field = Field(counsellor.field)
    if field is Field.SOCIAL and (replace or interview.social_counsellor_id is None):
        interview.social_counsellor_id = counsellor.id
    if field is Field.EMPLOI and (replace or interview.emploi_counsellor_id is None):
        interview.emploi_counsellor_id = counsellor.id


def _pane_field(state: InterviewState, pane_id: str) -> Field | None:
    for pane in state.definition.panes():
        if pane.id == pane_id:
            return Field(pane.field)
    return None
