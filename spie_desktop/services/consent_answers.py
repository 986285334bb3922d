"""The consent step of an interview and the consent record it mirrors.

The step's answers are prefilled from the person's latest consent record, and the step asks
the counsellor to correct them if the person changes their mind. The record, not the
answers, is what the rest of the tool obeys: the server sends the file to the partners only
while the latest consent holds ``share_consortium`` (docs/sync-protocol.md, "Sharing"), and
the plan's PDF prints health and justice answers only if it holds ``sensitive_in_plan``. So
a corrected answer records a new consent, in the answer's transaction, with that one choice
changed and the others as they stood; an answer equal to the record, or cleared, records
nothing.

Withdrawing the consent to keep the file at all is not an answer of the step: it is the
file's erasure (``spie-desktop person erase``), so ``accueil.consentement`` is only
prefilled.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.people import ConsentRecord, ConsentScope
from spie_desktop.domain.records import utc_now

from .people import CONSENT

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

#: Consent-step answers prefilled from the consent record the person file took.
CONSENT_PREFILL = {
    "accueil.consentement": ConsentScope.RECORD,
    "accueil.partage_partenaires": ConsentScope.SHARE_CONSORTIUM,
    "accueil.donnees_sensibles": ConsentScope.SENSITIVE_IN_PLAN,
}
#: The answers whose correction records a new consent.
DECIDING = {
    key: scope for key, scope in CONSENT_PREFILL.items() if scope is not ConsentScope.RECORD
}


def record_consent_answer(
    uow: UnitOfWork, person_id: uuid.UUID, key: str, value: Any, counsellor_id: uuid.UUID
) -> ConsentRecord | None:
    """The new consent ``value`` (the answer to ``key``) makes, if it differs from the
    person's latest consent; ``None`` when it decides nothing new."""
    scope = DECIDING.get(key)
    if scope is None or not isinstance(value, bool):
        return None
    latest = uow.consents.latest_for(person_id)
    if latest is None or latest.allows(scope) is value:
        return None
    scopes = latest.scopes | {scope} if value else latest.scopes - {scope}
    # The latest consent is the one given last: after one stamped by a clock ahead of ours.
    given_at = max(utc_now(), latest.given_at + timedelta(milliseconds=1))
    record = ConsentRecord(
        person_id=person_id,
        given_at=given_at,
        scopes=frozenset(scopes),
        wording_version=latest.wording_version,
        recorded_by=counsellor_id,
        updated_by=counsellor_id,
    )
    uow.consents.add(record)
    uow.audit.record(AuditAction.CREATED, CONSENT, record.id)
    return record
