"""Synthetic but realistic people for trying the tool and for benchmarks.

Everything is drawn from one ``random.Random(seed)``: the same seed gives the same people,
with the same ids, and the same answers. People live in the store's territory (real communes
for a few territories, else the territory's name), are 18 to 64, and are at every stage of
their path: new file, diagnostic under way, accompanied with a draft plan, back to work,
support ended. Interviews hold answers the form engine accepts, stopped at different steps
(:func:`~spie_desktop.services.demo_interviews.engine_answers`).

Everything is built in memory, then written through the storage's bulk path, 1,000 people
per transaction, without outbox entries: the store is flagged as a demo store first, and a
demo store is never enrolled nor synced (its people are invented). The audit trail gets one
"demo data created" entry, not one per record.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from spie_desktop.domain.contracts import ContractHolder
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.interview import Answer, Interview, InterviewStatus
from spie_desktop.domain.people import ConsentRecord, ConsentScope, Person, PersonStatus, fold_name
from spie_desktop.domain.plan import Action, ActionPlan, Contract, Objective
from spie_desktop.domain.referential import EMPLOI_THEMES, SOCIAL_THEMES, themes
from spie_desktop.domain.territory import Territory
from spie_desktop.forms import current_definition
from spie_desktop.storage.session import Session
from spie_desktop.sync.enrolment import KEYS as ENROLMENT_KEYS

from . import demo_names as names
from .demo_evaluations import populate_demo_evaluations
from .demo_events import DemoEvents, DemoPerson
from .demo_interviews import engine_answers
from .demo_offers import populate_demo_offers
from .demo_plans import DEFAULT_SIGNED_PLANS, lawful_contract, populate_demo_plans
from .demo_stories import populate_demo_stories

if TYPE_CHECKING:
    from spie_desktop.storage.repositories.bulk import BulkLoader
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

BATCH = 1000

#: The audit entry's entity: one entry for the whole demo load.
DEMO_DATA = "demo_data"
BARRIERS = ("none", "light", "strong", "blocking")
STATUS_WEIGHTS = {
    PersonStatus.NEW: 15,
    PersonStatus.DIAGNOSTIC: 25,
    PersonStatus.ACCOMPANIED: 35,
    PersonStatus.EMPLOYED: 15,
    PersonStatus.CLOSED: 10,
}


class StoreHoldsRealPeople(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Ce coffre contient déjà des personnes réelles : les données de démonstration ne "
                "peuvent aller que dans un coffre neuf ou de démonstration."
            ),
            "the store already holds real people: demo data only goes into a new or demo store",
        )


class StoreIsEnrolled(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Cet appareil est inscrit auprès d'un serveur de territoire : des données de "
                "démonstration l'empêcheraient pour toujours de se synchroniser."
            ),
            "this device is enrolled with a territory server: demo data would stop it syncing "
            "for good",
        )


class StoreInRealUse(SpieError):
    """A store set up for real work (``init``), not for the demo: flagging it is for good."""

    def __init__(self) -> None:
        super().__init__(
            say(
                "Ce coffre a été créé pour un usage réel : des données de démonstration en "
                "feraient pour toujours un coffre de démonstration, qui ne peut être ni inscrit "
                "ni synchronisé."
            ),
            "this store was set up for real use: demo data would turn it into a demo store "
            "for good, which can never be enrolled nor synced",
        )


class DemoSeedUsed(SpieError):
    """The same seed makes the same ids: a second run would collide with the first."""

    cli_hint_fr = "(option --seed)"

    def __init__(self, seed: int) -> None:
        super().__init__(
            say(
                "Des données de démonstration ont déjà été créées avec la graine {seed} dans ce "
                "coffre : choisissez une autre graine.",
                seed=seed,
            ),
            f"demo data from seed {seed} is already in this store; use another --seed",
        )


def populate_demo(
    session: Session,
    people: int,
    seed: int,
    today: date | None = None,
    *,
    made_for_demo: bool = True,
    force: bool = False,
) -> int:
    """Add ``people`` synthetic people to a new or demo store; returns how many were added.

    The first load flags the store as a demo store, for good: it may then never be enrolled
    nor synced. So, unless ``force``, a store that is not already a demo store is refused
    when it holds people, when it is enrolled, or when the caller did not create it for the
    demo (``made_for_demo``: a store set up for real work and still empty).
    """
    author = session.counsellor.id
    builder = DemoBuilder(session.territory, seed, today or date.today(), author)
    first_id = DemoBuilder(session.territory, seed, builder.today, author).person().person.id
    with session.uow() as uow:
        if uow.people.find(first_id) is not None:
            raise DemoSeedUsed(seed)
        if not uow.meta.is_demo_store():
            if not force:
                refuse_real_store(uow, made_for_demo=made_for_demo)
            uow.meta.mark_demo_store()  # before any bulk insert: the bulk path checks it
    added = 0
    # No actor: demo records are made by the system (``updated_by`` stays None).
    with session.store.bulk_writer(None) as transaction:
        while added < people:
            batch = [builder.person() for _ in range(min(BATCH, people - added))]
            with transaction() as uow:
                write_batch(uow.bulk, batch)
            added += len(batch)
            log.info("demo: %d/%d people written", added, people)
    with session.uow() as uow:
        uow.audit.record(AuditAction.CREATED, DEMO_DATA)
    session.store.checkpoint()  # leave one compact file, no WAL
    return added


@dataclass(frozen=True)
class DemoLoad:
    people: int
    signed_plans: int


def fill_demo_store(
    session: Session,
    people: int,
    seed: int,
    signed_plans: int = DEFAULT_SIGNED_PLANS,
    *,
    made_for_demo: bool = True,
    force: bool = False,
) -> DemoLoad:
    """What the command line and the set-up wizard's demo both make: ``people`` people, a
    small offer catalogue for the territory, then up to ``signed_plans`` signed plans, which brings the two demo signer accounts
    (social and emploi) so that signing can be tried with two counsellors."""
    added = populate_demo(session, people, seed, made_for_demo=made_for_demo, force=force)
    populate_demo_offers(session, seed)  # the « Offre locale » of its territory
    signed = populate_demo_plans(session, seed, signed_plans)
    populate_demo_stories(session, seed)  # « Revues », « Entreprises », ends of support
    populate_demo_evaluations(session, seed)  # the people's own answers (« Indicateurs »)
    return DemoLoad(added, signed)


def refuse_real_store(uow: UnitOfWork, *, made_for_demo: bool) -> None:
    """Raise if flagging this (not yet demo) store would take real work out of sync."""
    if uow.people.count():
        raise StoreHoldsRealPeople()
    if any(uow.meta.get(key) for key in ENROLMENT_KEYS.values()):
        raise StoreIsEnrolled()
    if not made_for_demo:
        raise StoreInRealUse()


def write_batch(bulk: BulkLoader, batch: list[DemoPerson]) -> None:
    """One executemany per table; parents before children (the foreign keys are checked)."""
    bulk.insert_people([demo.person for demo in batch])
    bulk.insert_consents([demo.consent for demo in batch if demo.consent is not None])
    bulk.insert_interviews([demo.interview for demo in batch if demo.interview is not None])
    bulk.insert_answers([answer for demo in batch for answer in demo.answers])
    bulk.insert_plans([demo.plan for demo in batch if demo.plan is not None])
    bulk.insert_events([event for demo in batch for event in demo.events])


class DemoBuilder(DemoEvents):
    def __init__(self, territory: Territory, seed: int, today: date, author: uuid.UUID) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.author = author
        self.definition = current_definition()
        self.territory = territory
        self.today = today
        self.communes = names.COMMUNES.get(territory.code, (territory.name,))
        self.last_names = names.LAST_NAMES + (
            names.GUYANE_LAST_NAMES if territory.code == "CTG" else ()
        )
        self.themes = themes()

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def person(self) -> DemoPerson:
        rng = self.rng
        female = rng.random() < 0.52
        first = rng.choice(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)
        last = rng.choice(self.last_names)
        status = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()))[0]
        created = self.days_ago(1, 700)
        age_days = rng.randint(18 * 366, 64 * 365)
        person = Person(
            id=self.uuid(),
            first_name=first,
            last_name=last,
            birth_date=self.today - timedelta(days=age_days),
            commune=rng.choice(self.communes),
            phone=self.phone() if rng.random() < 0.9 else "",
            email=self.email(first, last) if rng.random() < 0.4 else "",
            status=status,
            created_at=self.moment(created),
            last_contact=None,
        )
        demo = DemoPerson(person)
        if status is PersonStatus.NEW and rng.random() < 0.3:
            return demo  # file opened, consent not yet asked
        demo.consent = self.consent(person, created)
        if status is not PersonStatus.NEW:
            self.interview(demo, created)
        self.events(demo, created)
        contacts = [
            e.occurred_at.date() for e in demo.events if e.kind is not FollowUpKind.ORIENTATION
        ]
        person.last_contact = max(contacts) if contacts else created
        return demo

    def phone(self) -> str:
        if self.territory.code == "CTG":
            prefix = "06 94"
        else:
            prefix = f"0{self.rng.choice('67')} {self.rng.randint(10, 99)}"
        rest = " ".join(f"{self.rng.randint(0, 99):02d}" for _ in range(3))
        return f"{prefix} {rest}"

    def email(self, first: str, last: str) -> str:
        local = fold_name(f"{first} {last}").replace(" ", ".")
        return f"{local}{self.rng.randint(1, 99)}@example.org"

    def consent(self, person: Person, day: date) -> ConsentRecord:
        rng = self.rng
        scopes = {ConsentScope.RECORD}
        for scope, share in (
            (ConsentScope.SHARE_CONSORTIUM, 0.8),
            (ConsentScope.SENSITIVE_IN_PLAN, 0.3),
            (ConsentScope.EVALUATION, 0.6),
        ):
            if rng.random() < share:
                scopes.add(scope)
        return ConsentRecord(
            id=self.uuid(), person_id=person.id, given_at=self.moment(day), scopes=frozenset(scopes)
        )

    def interview(self, demo: DemoPerson, day: date) -> None:
        rng = self.rng
        status = demo.person.status
        if status is PersonStatus.DIAGNOSTIC:
            state = InterviewStatus.IN_PROGRESS
            chosen = rng.sample(SOCIAL_THEMES, rng.randint(1, 4)) + rng.sample(
                EMPLOI_THEMES, rng.randint(0, 3)
            )
        else:
            abandoned = status is PersonStatus.CLOSED and rng.random() < 0.3
            state = InterviewStatus.ABANDONED if abandoned else InterviewStatus.COMPLETED
            chosen = rng.sample(SOCIAL_THEMES, rng.randint(4, 8)) + rng.sample(
                EMPLOI_THEMES, rng.randint(3, 6)
            )
        interview = Interview(
            id=self.uuid(),
            person_id=demo.person.id,
            definition_id=self.definition.id,
            definition_version=self.definition.version,
            status=state,
            started_at=self.moment(day),
            place=demo.person.commune,
        )
        # The record last changed on the day of the interview (its diagnostic day), not on
        # the day the demo was built.
        interview.updated_at = self.moment(day)
        demo.interview = interview
        chosen_answers: dict[str, Any] = {}
        weights: dict[str, str] = {}
        for theme in chosen:
            barrier = rng.choices(BARRIERS, weights=(3, 3, 2, 1))[0]
            weights[theme] = barrier
            chosen_answers[f"{theme}.barrier"] = barrier
            situations = self.themes[theme].situations if theme in self.themes else ()
            if situations and barrier != "none":
                picked = rng.sample(situations, min(len(situations), rng.randint(1, 3)))
                chosen_answers[f"{theme}.situations"] = sorted(picked)
            if rng.random() < 0.35:
                notes = names.CALM_NOTES if barrier == "none" else names.THEME_NOTES
                chosen_answers[f"{theme}.notes"] = rng.choice(notes)
        if state is not InterviewStatus.IN_PROGRESS:
            priorities = [t for t, b in weights.items() if b in ("strong", "blocking")][:3]
            chosen_answers["priorites.projet"] = rng.choice(names.PROJECTS)
            chosen_answers["priorites.atouts"] = rng.sample(names.STRENGTHS, 2)
            chosen_answers["priorites.ordre"] = priorities
            if state is InterviewStatus.COMPLETED:
                demo.plan = self.plan(demo, priorities or list(weights)[:1], day)
        self.engine_answers(demo, chosen_answers)

    def engine_answers(self, demo: DemoPerson, chosen: dict[str, Any]) -> None:
        """What the form engine accepts of ``chosen``, completed, and the step reached."""
        interview = demo.interview
        assert interview is not None
        interview.social_counsellor_id = self.author
        values, interview.current_step = engine_answers(
            interview, demo.consent, chosen, self.author, seed=self.seed, definition=self.definition
        )
        demo.answers = [
            Answer(
                id=self.uuid(),
                interview_id=interview.id,
                key=key,
                value=value,
                author_id=self.author,
            )
            for key, value in sorted(values.items())
        ]

    def plan(self, demo: DemoPerson, priorities: list[str], day: date) -> ActionPlan:
        rng = self.rng
        plan = ActionPlan(
            id=self.uuid(),
            person_id=demo.person.id,
            interview_id=demo.interview.id if demo.interview else None,
            # Lawful on the day it is drafted and today, when the demo signs it.
            contract=lawful_contract(rng, ContractHolder(demo.person.birth_date), day, self.today),
            next_review=day + timedelta(days=rng.choice((30, 42, 60, 90))),
        )
        plan.contract_commitment = plan.contract is not Contract.NONE
        for theme in priorities:
            referential = self.themes.get(theme)
            if referential is None or not referential.objectives:
                continue
            objective = Objective(
                id=self.uuid(),
                plan_id=plan.id,
                theme=theme,
                label=rng.choice(referential.objectives),
            )
            for label in rng.sample(
                referential.actions, min(len(referential.actions), rng.randint(1, 2))
            ):
                start = day + timedelta(days=rng.randint(3, 30))
                objective.actions.append(
                    Action(
                        id=self.uuid(),
                        objective_id=objective.id,
                        label=label,
                        start_date=start,
                        due_date=start + timedelta(days=rng.choice((14, 30, 60, 90))),
                    )
                )
            plan.objectives.append(objective)
        return plan
