"""Signed plans for a demo store: real PDFs, really signed, by two demo signers.

A signed plan needs two counsellor keys (social and emploi), each unwrapped with its own
counsellor's passphrase. The demo cannot use the unlocked counsellor's key (it does not know
their passphrase), so a demo store gets two *demo signers*: counsellor rows named
"Nadia B. (démo)" (social) and "Julien R. (démo)" (emploi), each with a signing identity
wrapped under :data:`DEMO_SIGNING_PASSPHRASE`. They have no key slot: that known passphrase
confirms signatures in the demo store (so the signing screen can be tried with them) but
opens no store. They are made only in a store flagged as a demo store, once; their ids are
kept in the meta table. Their names say "démo", and so does every PDF they sign.

Some of them are for people who read another language (:func:`demo_languages`): their plan
is signed in their language with the French below, as a real one would be.

Which plans: the drafts of demo people whose interview is completed, drawn with the seed,
until the store holds ``count`` plans signed by the demo signers (default
:data:`DEFAULT_SIGNED_PLANS`): calling it again, from the command line and from
``populate_demo`` say, signs nothing more. The keys are unwrapped once for the whole run;
each plan then costs a render and two PAdES signatures (~0.1 s).
"""

from __future__ import annotations

import json
import logging
import math
import random
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from spie_desktop.domain.contracts import (
    CURRENT_CONTRACTS,
    DEFAULT_CONTRACT,
    Contract,
    ContractHolder,
    contract_problems,
    eligibility_problem,
)
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.interview import InterviewStatus
from spie_desktop.domain.organisation import Counsellor, Field
from spie_desktop.domain.person_texts import FRENCH
from spie_desktop.domain.plan import ActionPlan, PlanStatus, Signature, SignerRole
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.storage.errors import NotADemoStore
from spie_desktop.storage.session import Session

if TYPE_CHECKING:  # signing pulls in pyHanko and reportlab: imported when signing
    from spie_desktop.storage.unit_of_work import UnitOfWork

    from .plans import PlanService, UnlockedSigner

log = logging.getLogger(__name__)

DEFAULT_SIGNED_PLANS = 20
DEMO_SIGNING_PASSPHRASE = "signature de démonstration"
DEMO_SIGNERS_KEY = "demo_signers"
#: The languages of the first demo people whose plan is signed: Portuguese (Brazil) and
#: Spanish first in Guyane (its neighbours' languages), Arabic in mainland territories.
GUYANE_LANGUAGES = ("pt-BR", "es", "pt-BR", "es", "en")
OVERSEAS_LANGUAGES = ("en", "es", "pt-BR", "en", "es")
MAINLAND_LANGUAGES = ("ar", "pt-BR", "es", "en", "ar")
DEMO_SIGNERS = {
    SignerRole.SOCIAL: ("Nadia B. (démo)", Field.SOCIAL),
    SignerRole.EMPLOI: ("Julien R. (démo)", Field.EMPLOI),
}


def populate_demo_plans(session: Session, seed: int, count: int = DEFAULT_SIGNED_PLANS) -> int:
    """Sign demo drafts until ``count`` plans are signed by the demo signers; returns how
    many were signed now."""
    with session.uow(read_only=True) as uow:
        if not uow.meta.is_demo_store():
            raise NotADemoStore()
        signer_ids = set(json.loads(uow.meta.get(DEMO_SIGNERS_KEY) or "{}").values())
        plans = uow.plans.list_all()
    done = sum(1 for p in plans if any(str(s.counsellor_id) in signer_ids for s in p.signatures))
    candidates = _signable_drafts(session, plans)
    rng = random.Random(seed)
    rng.shuffle(candidates)
    chosen = candidates[: max(0, count - done)]
    if not chosen:
        return 0
    from .plans import PlanService

    service = PlanService(session)
    signers = demo_signers(session, service)
    today = service.today()
    _give_languages(session, chosen, demo_languages(session.territory.code))
    for plan in chosen:
        if _brought_up_to_date(plan, service.contract_holder(plan.person_id), today):
            service.save_draft(plan)
        service.sign_unlocked(plan.id, _pad(plan, rng), signers, place="")
    log.info("demo: %d plans signed", len(chosen))
    return len(chosen)


def lawful_contract(rng: random.Random, holder: ContractHolder, *days: date) -> Contract:
    """A contract the person may be signed under on each of ``days``: the contrat
    d'engagement on a pathway open at their age (CEJ, PACEA from 16 to 25, CEJ to 29 with an
    RQTH), or none."""
    return rng.choice(
        [
            contract
            for contract in CURRENT_CONTRACTS
            if all(eligibility_problem(contract, holder, day) is None for day in days)
        ]
    )


def _brought_up_to_date(plan: ActionPlan, holder: ContractHolder, today: date) -> bool:
    """What the counsellors would have to change in a draft written long ago before signing
    it today: a former contract or a pathway the person has aged out of becomes the contrat
    d'engagement, a next review not after today is set a month ahead. Whether it changed."""
    changed = False
    if contract_problems(plan.contract, holder, today):
        plan.set_contract(DEFAULT_CONTRACT)
        plan.set_commitment(True)
        changed = True
    if plan.next_review is not None and plan.next_review <= today:
        plan.set_next_review(today + timedelta(days=30))
        changed = True
    return changed


def demo_languages(territory_code: str) -> tuple[str, ...]:
    """The languages given, in turn, to the people of the first demo plans signed."""
    territory = territory_by_code(territory_code)
    if territory.code == "CTG":
        return GUYANE_LANGUAGES
    return OVERSEAS_LANGUAGES if territory.overseas else MAINLAND_LANGUAGES


def _give_languages(session: Session, plans: list[ActionPlan], languages: tuple[str, ...]) -> None:
    """The people of the first ``plans`` read ``languages`` (one each), unless a language
    other than French was already chosen for them (an earlier run)."""
    with session.uow() as uow:
        already = sum(1 for p in uow.people.list_all() if p.language != FRENCH)
        for plan, code in zip(plans, languages[already:], strict=False):
            person = uow.people.get(plan.person_id)
            if person.language == FRENCH:
                person.language = code
                uow.people.save(person)


def demo_signers(session: Session, service: PlanService) -> dict[SignerRole, UnlockedSigner]:
    """The two demo signers, made on first use, with their keys ready to sign."""
    from .plans import UnlockedSigner
    from .signing_keys import new_signing_key_unlocked

    with session.uow(read_only=True) as uow:
        known = json.loads(uow.meta.get(DEMO_SIGNERS_KEY) or "{}")
        existing = {
            role: counsellor
            for role in DEMO_SIGNERS
            if (counsellor := _find(uow, known.get(role.value))) is not None
        }
        structure_id = session.counsellor.structure_id
        structure = uow.structures.find(uuid.UUID(str(structure_id))) if structure_id else None
    signers = {
        role: service.unlock_signer(counsellor.id, DEMO_SIGNING_PASSPHRASE)
        for role, counsellor in existing.items()
    }
    made = []
    for role, (name, field) in DEMO_SIGNERS.items():
        if role in signers:
            continue
        counsellor = Counsellor(display_name=name, field=field, structure_id=structure_id)
        organisation = structure.name if structure else ""
        stored, key = new_signing_key_unlocked(counsellor, organisation, DEMO_SIGNING_PASSPHRASE)
        made.append((counsellor, stored))
        signers[role] = UnlockedSigner(counsellor, key)
        known[role.value] = str(counsellor.id)
    if made:
        with session.uow() as uow:
            for counsellor, stored in made:
                uow.counsellors.add(counsellor)
                uow.signing_keys.add(stored)
            uow.meta.set(DEMO_SIGNERS_KEY, json.dumps(known, sort_keys=True))
    return signers


def _find(uow: UnitOfWork, raw_id: str | None) -> Counsellor | None:
    return uow.counsellors.find(uuid.UUID(raw_id)) if raw_id else None


def _signable_drafts(session: Session, plans: list[ActionPlan]) -> list[ActionPlan]:
    """Drafts with objectives and dated actions, from completed interviews, by id; not
    those of people whose support ended (their file is read-only)."""
    with session.uow(read_only=True) as uow:
        ended = {e.person_id for e in uow.events.list_of_kind(FollowUpKind.END_OF_SUPPORT)}
        drafts = [p for p in plans if p.status is PlanStatus.DRAFT and p.person_id not in ended]
        completed = {
            interview_id
            for interview_id in {p.interview_id for p in drafts if p.interview_id}
            if (found := uow.interviews.find(interview_id)) is not None
            and found.status is InterviewStatus.COMPLETED
        }
    return sorted(
        (
            p
            for p in drafts
            if p.interview_id in completed
            and p.objectives
            and all(a.due_date for o in p.objectives for a in o.actions)
        ),
        key=lambda p: str(p.id),
    )


def _pad(plan: ActionPlan, rng: random.Random) -> list[Signature]:
    """Three plausible handwritten signatures, as the pad would give them."""
    now = datetime.now(UTC)
    return [
        Signature(plan_id=plan.id, role=role, signer_name="", strokes=_scribble(rng), signed_at=now)
        for role in (SignerRole.PERSON, SignerRole.SOCIAL, SignerRole.EMPLOI)
    ]


def _scribble(rng: random.Random) -> list[list[tuple[float, float]]]:
    phase, height, loops = rng.uniform(0, 6.3), rng.uniform(0.15, 0.3), rng.uniform(2, 5)
    wave = [
        (0.05 + 0.65 * i / 40, 0.5 + height * math.sin(phase + loops * math.pi * i / 40))
        for i in range(41)
    ]
    dash_y = rng.uniform(0.6, 0.8)
    dash = [(0.72 + 0.2 * i / 8, dash_y - 0.3 * i / 8) for i in range(9)]
    return [wave, dash]


def demo_signer_accounts(session: Session) -> list[Counsellor]:
    """The demo signers of a demo store (none elsewhere): the signing screen offers them,
    so that signing can be tried with :data:`DEMO_SIGNING_PASSPHRASE`."""
    with session.uow(read_only=True) as uow:
        if not uow.meta.is_demo_store():
            return []
        known = json.loads(uow.meta.get(DEMO_SIGNERS_KEY) or "{}")
        return [c for raw in known.values() if (c := _find(uow, raw)) is not None]
