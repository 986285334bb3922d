"""Interviews and their answers; ``AnswerRepository.upsert`` is the autosave hot path."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, and_, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.interview import Answer, Interview, InterviewStatus
from spie_desktop.domain.records import utc_now

from ..models import AnswerRow, InterviewRow, table_of
from .base import DELETE, UPSERT, RecordRepository, Repository, jsonable, meta_columns, write_outbox


class InterviewRepository(RecordRepository[Interview]):
    table = table_of(InterviewRow)

    def _to_row(self, item: Interview) -> dict[str, Any]:
        return {
            "person_id": item.person_id,
            "definition_id": item.definition_id,
            "definition_version": item.definition_version,
            "status": item.status.value,
            "current_step": item.current_step,
            "started_at": item.started_at,
            "social_counsellor_id": item.social_counsellor_id,
            "emploi_counsellor_id": item.emploi_counsellor_id,
            "place": item.place,
        }

    def _from_row(self, row: Row[Any]) -> Interview:
        m = row._mapping
        return Interview(
            **meta_columns(row),
            person_id=m["person_id"],
            definition_id=m["definition_id"],
            definition_version=m["definition_version"],
            status=InterviewStatus(m["status"]),
            current_step=m["current_step"],
            started_at=m["started_at"],
            social_counsellor_id=m["social_counsellor_id"],
            emploi_counsellor_id=m["emploi_counsellor_id"],
            place=m["place"],
        )

    def list_for_person(self, person_id: uuid.UUID) -> list[Interview]:
        c = self.table.c
        return self._select_where(c.person_id == person_id, order_by=(c.started_at, c.hlc))

    def latest_open_for_person(self, person_id: uuid.UUID) -> Interview | None:
        c = self.table.c
        stmt = (
            select(self.table)
            .where(c.person_id == person_id, c.status == InterviewStatus.IN_PROGRESS.value)
            .order_by(c.started_at.desc(), c.hlc.desc())
            .limit(1)
        )
        row = self._session.execute(stmt).first()
        return None if row is None else self._from_row(row)


ANSWERS = table_of(AnswerRow)
ENTITY = ANSWERS.name


def _answer(row: Row[Any]) -> Answer:
    m = row._mapping
    return Answer(
        **meta_columns(row),
        interview_id=m["interview_id"],
        key=m["key"],
        value=m["value"],
        author_id=m["author_id"],
    )


def _upsert_statement() -> Any:
    """INSERT … ON CONFLICT (interview_id, key) DO UPDATE, only if the value changed."""
    c = ANSWERS.c
    statement = sqlite_insert(ANSWERS)
    excluded = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[c.interview_id, c.key],
        set_={
            "value": excluded.value,
            "author_id": excluded.author_id,
            "version": c.version + 1,
            "updated_at": excluded.updated_at,
            "updated_by": excluded.updated_by,
            "hlc": excluded.hlc,
        },
        where=c.value.is_distinct_from(excluded.value),
    ).returning(*ANSWERS.c)


_UPSERT = _upsert_statement()  # built once: the autosave hot path only binds parameters


def answer_row(answer: Answer, hlc: str) -> dict[str, Any]:
    """Every column of the row that stores a new ``answer``."""
    return {
        "id": answer.id,
        "interview_id": answer.interview_id,
        "key": answer.key,
        "value": answer.value,
        "author_id": answer.author_id,
        "version": answer.version,
        "updated_at": answer.updated_at,
        "updated_by": answer.updated_by,
        "hlc": hlc,
    }


class AnswerRepository(Repository):
    def new_row(self, answer: Answer) -> dict[str, Any]:
        """The row that stores a new ``answer``, stamped with the actor if it has no
        ``updated_by`` and a fresh HLC; what the bulk loader of demo data writes."""
        if answer.updated_by is None:
            answer.updated_by = self._ctx.actor_id
        return answer_row(answer, self._ctx.clock.now())

    def upsert(
        self, interview_id: uuid.UUID, key: str, value: Any, author_id: uuid.UUID | None
    ) -> Answer:
        """Record one answer: one INSERT … ON CONFLICT statement plus its outbox entry.

        An answer whose value did not change is left alone (no new version, no journal).
        """
        now = utc_now()
        actor = self._ctx.actor_id
        hlc = self._ctx.clock.now()
        new = Answer(
            interview_id=interview_id,
            key=key,
            value=value,
            author_id=author_id,
            updated_at=now,
            updated_by=actor,
        )
        params = answer_row(new, hlc)
        try:
            row = self._session.execute(_UPSERT, params).first()
        except IntegrityError:
            raise NotFound(
                say("Entretien introuvable."), "answer for an unknown interview"
            ) from None
        if row is None:  # same value as stored: nothing to write
            unchanged = self._row(interview_id, key)
            assert unchanged is not None
            return _answer(unchanged)
        answer = _answer(row)
        fields: dict[str, Any] = {"value": jsonable(value), "author_id": jsonable(author_id)}
        if answer.version == 1:
            fields.update(interview_id=str(interview_id), key=key)
        fields.update(updated_at=jsonable(now), updated_by=jsonable(actor))
        write_outbox(
            self._ctx,
            entity=ENTITY,
            entity_id=answer.id,
            op=UPSERT,
            version=answer.version,
            base_version=answer.version - 1 if answer.version > 1 else None,
            fields=fields,
            hlc=hlc,
        )
        return answer

    def _row(self, interview_id: uuid.UUID, key: str) -> Row[Any] | None:
        c = ANSWERS.c
        stmt = select(ANSWERS).where(and_(c.interview_id == interview_id, c.key == key))
        return self._session.execute(stmt).first()

    def get(self, interview_id: uuid.UUID, key: str) -> Answer | None:
        row = self._row(interview_id, key)
        return None if row is None else _answer(row)

    def list_for(self, interview_id: uuid.UUID) -> list[Answer]:
        c = ANSWERS.c
        stmt = select(ANSWERS).where(c.interview_id == interview_id).order_by(c.key)
        return [_answer(row) for row in self._session.execute(stmt)]

    def delete(self, interview_id: uuid.UUID, key: str) -> bool:
        """Remove a cleared answer; journal the deletion. False if there was none."""
        c = ANSWERS.c
        stmt = (
            delete(ANSWERS)
            .where(c.interview_id == interview_id, c.key == key)
            .returning(c.id, c.version)
        )
        row = self._session.execute(stmt).first()
        if row is None:
            return False
        write_outbox(
            self._ctx,
            entity=ENTITY,
            entity_id=row[0],
            op=DELETE,
            version=row[1] + 1,
            base_version=row[1],
            fields={"interview_id": str(interview_id), "key": key},
            hlc=self._ctx.clock.now(),
        )
        return True
