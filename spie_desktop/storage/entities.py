"""The registry of synchronised entities: one :class:`EntitySpec` per wire name.

Everything the desktop knows about an entity beyond its columns is said here once, and read
by storage (documents, derived columns, labels of "not found" errors), sync (the order records
are stored in, the merge rules, blobs, read-back, twins) and services (the conflict inbox).
The names are the protocol's (:mod:`spie_protocol.entities`), and so are the append-only and
versioned sets. ``docs/architecture.md`` (§5) says how to add one.

Registry order is storage order: a parent comes before the entities that point to it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table

from spie_desktop.domain.people import fold_name
from spie_protocol.entities import APPEND_ONLY, VERSIONED

from .models import (
    ActionRow,
    AnswerRow,
    Base,
    CaseReviewCaseRow,
    CaseReviewRow,
    ConsentRow,
    CounsellorRow,
    EmployerRow,
    EvaluationRow,
    FollowUpEventRow,
    ImmersionRow,
    InterviewRow,
    ObjectiveRow,
    PersonRow,
    PlanPdfRow,
    PlanRow,
    PurgeRow,
    SignatureRow,
    StructureRow,
    table_of,
)

#: Label of a record whose entity has no spec (an unknown or local-only table).
DEFAULT_LABEL_FR = "Fiche"

Derive = Callable[[Mapping[str, Any]], Any]


def search_key(first_name: str, last_name: str) -> str:
    """The folded « last first » a person is searched and sorted by."""
    return fold_name(f"{last_name} {first_name}")


def _person_search_name(values: Mapping[str, Any]) -> str:
    return search_key(values["first_name"], values["last_name"])


def _person_title(values: Mapping[str, Any]) -> str:
    return f"{values['first_name']} {values['last_name']}"


@dataclass(frozen=True)
class Blob:
    """Bytes kept in a local column and sent as a blob (upload/download by hash), never in
    the record's document: ``column`` holds the bytes, ``hash_field`` names them."""

    column: str
    hash_field: str


@dataclass(frozen=True)
class Twins:
    """Two records with the same values in ``key`` are one record made twice (on two devices):
    the one with the smaller id is kept, the other's ``value`` waits as a conflict."""

    key: tuple[str, ...]
    value: str


@dataclass(frozen=True)
class EntitySpec:
    name: str  # the wire name, also the table name
    row: type[Base]
    label_fr: str
    #: Columns computed from the others on every write, never journalled nor sent.
    derived: Mapping[str, Derive] = field(default_factory=dict)
    blob: Blob | None = None
    #: The column naming the record this one hangs from (a person's interview...), if any.
    owner: str | None = None
    #: The unit of work's repository that reads this record (``uow.<reader>.get(id)``).
    reader: str | None = None
    #: Read back through the owner's aggregate instead (parts of a plan).
    read_via_owner: bool = False
    #: Field ordering records of this entity within a page (older plan versions first).
    order_field: str | None = None
    #: Frozen once signed: a concurrent edit becomes a sibling draft, never merged into it.
    freezes: bool = False
    twins: Twins | None = None
    #: How a record is named to people (a person by name), from its column values.
    title: Callable[[Mapping[str, Any]], str] | None = None
    #: Counted by name in the sync summary: (one, many), « 3 entretiens envoyés ».
    counted_fr: tuple[str, str] | None = None
    #: Fields never shown to anyone (a person's evaluation token): changed on both sides,
    #: the server's value stays without a conflict, since resolving one would show both.
    unshown: frozenset[str] = frozenset()

    @property
    def table(self) -> Table:
        return table_of(self.row)

    @property
    def append_only(self) -> bool:
        return self.name in APPEND_ONLY

    @property
    def versioned(self) -> bool:
        return self.name in VERSIONED

    @property
    def local_only(self) -> frozenset[str]:
        """Columns that never leave the device."""
        blob = {self.blob.column} if self.blob else set()
        return frozenset(self.derived) | blob

    @property
    def parents(self) -> list[tuple[str, str]]:
        """(column, parent entity) for each foreign key of the entity's table."""
        return [(fk.parent.name, fk.column.table.name) for fk in self.table.foreign_keys]

    @property
    def owner_entity(self) -> str | None:
        """The entity the ``owner`` column points to."""
        return dict(self.parents).get(self.owner) if self.owner else None

    def derive(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The derived columns for these column values."""
        return {name: compute(values) for name, compute in self.derived.items()}


_SPECS = (
    EntitySpec("structures", StructureRow, "Structure", reader="structures"),
    EntitySpec("counsellors", CounsellorRow, "Conseiller", reader="counsellors"),
    EntitySpec(
        "people",
        PersonRow,
        "Personne",
        derived={"search_name": _person_search_name},
        reader="people",
        title=_person_title,
        unshown=frozenset({"evaluation_token"}),
    ),
    EntitySpec("consents", ConsentRow, "Consentement", owner="person_id", reader="consents"),
    EntitySpec(
        "interviews",
        InterviewRow,
        "Entretien",
        owner="person_id",
        reader="interviews",
        counted_fr=("entretien", "entretiens"),
    ),
    EntitySpec(
        "answers",
        AnswerRow,
        "Réponse",
        owner="interview_id",
        twins=Twins(key=("interview_id", "key"), value="value"),
    ),
    EntitySpec(
        "plans",
        PlanRow,
        "Plan d'action",
        owner="person_id",
        reader="plans",
        order_field="plan_version",
        freezes=True,
        counted_fr=("plan", "plans"),
    ),
    EntitySpec("objectives", ObjectiveRow, "Objectif", owner="plan_id", read_via_owner=True),
    EntitySpec("actions", ActionRow, "Action", owner="objective_id", read_via_owner=True),
    EntitySpec("signatures", SignatureRow, "Signature", owner="plan_id", read_via_owner=True),
    EntitySpec(
        "plan_pdfs",
        PlanPdfRow,
        "Plan signé (PDF)",
        owner="plan_id",
        blob=Blob(column="pdf", hash_field="sha256"),
    ),
    EntitySpec(
        "follow_up_events",
        FollowUpEventRow,
        "Événement de suivi",
        owner="person_id",
        reader="events",
    ),
    EntitySpec(
        "case_reviews",
        CaseReviewRow,
        "Revue de situation",
        reader="case_reviews",
        counted_fr=("revue de situation", "revues de situation"),
    ),
    EntitySpec(
        "case_review_cases",
        CaseReviewCaseRow,
        "Situation proposée en revue",
        owner="person_id",
        reader="review_cases",
    ),
    EntitySpec("purges", PurgeRow, "Dossier effacé"),
    EntitySpec(
        "immersions",
        ImmersionRow,
        "Immersion (PMSMP)",
        owner="person_id",
        reader="immersions",
        counted_fr=("immersion", "immersions"),
    ),
    # The same company recorded on two devices is one employer: the smaller id is kept.
    EntitySpec(
        "employers",
        EmployerRow,
        "Entreprise accueillante",
        reader="employers",
        twins=Twins(key=("key",), value="name"),
    ),
    # A person's own evaluation: no owner, no parent. It names no one, so forgetting a
    # person leaves it (anonymous); only the token on the person's record goes.
    EntitySpec(
        "evaluations",
        EvaluationRow,
        "Évaluation par la personne",
        reader="evaluations",
        counted_fr=("évaluation", "évaluations"),
    ),
)

#: The tombstone entity: a record saying a person's file was forgotten everywhere. Named
#: here once: the purge services and the pull read it through this constant.
PURGES = "purges"

#: Every synchronised entity by wire name, in storage order (parents first).
ENTITY_SPECS: dict[str, EntitySpec] = {spec.name: spec for spec in _SPECS}


def spec_of(entity: str) -> EntitySpec:
    """The spec of a synchronised entity; ValueError for any other name."""
    try:
        return ENTITY_SPECS[entity]
    except KeyError:
        raise ValueError(f"not a synchronised entity: {entity!r}") from None


def is_synced(entity: str) -> bool:
    return entity in ENTITY_SPECS


def label_fr(entity: str, default: str = DEFAULT_LABEL_FR) -> str:
    spec = ENTITY_SPECS.get(entity)
    return spec.label_fr if spec is not None else default


def storage_rank(entity: str) -> int:
    """Position of ``entity`` in storage order; unknown entities come last."""
    for rank, name in enumerate(ENTITY_SPECS):
        if name == entity:
            return rank
    return len(ENTITY_SPECS)
