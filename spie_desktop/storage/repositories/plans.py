"""Action plans as aggregates: the plan row, its objectives, actions and signatures; the PDF.

``save`` compares the aggregate with what is stored, writes only what changed (one outbox
entry per changed row), and bumps the plan's own version whenever anything in it changed, so
the plan version guards the whole aggregate. A signed plan can only become superseded.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, Table, insert, select, update

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.offers import LinkedOffer
from spie_desktop.domain.plan import (
    Action,
    ActionPlan,
    ActionStatus,
    Contract,
    Objective,
    ObjectiveStatus,
    PlanStatus,
    Signature,
    SignatureMethod,
    SignerRole,
)
from spie_desktop.domain.records import utc_now

from ..errors import StaleRecord
from ..models import ActionRow, ObjectiveRow, PlanPdfRow, PlanRow, SignatureRow, table_of
from .base import UPSERT, Context, D, RecordRepository, meta_columns, write_outbox

PDFS = table_of(PlanPdfRow)


class _Children(RecordRepository[D]):
    """Rows owned by a plan, kept in the order of the plan's lists (``position``)."""

    def merge(
        self, wanted: list[tuple[D, int]], stored: dict[uuid.UUID, Row[Any]], dry_run: bool
    ) -> bool:
        """Insert new children and update changed ones; True if any differed."""
        differed = False
        for item, position in wanted:
            row = stored.get(item.id)
            if row is None:
                differed = True
                if not dry_run:
                    self.insert_at(item, position)
                continue
            changed = self._changes(row, item)
            if "position" in self.table.c and row._mapping["position"] != position:
                changed["position"] = position
            if changed:
                differed = True
                if not dry_run:
                    self._update(item, changed, row._mapping["version"])
        return differed

    def insert_at(self, item: D, position: int) -> None:
        self._insert(item, self.position_of(position))

    def new_row_at(self, item: D, position: int) -> dict[str, Any]:
        return self.new_row(item, self.position_of(position))

    def position_of(self, position: int) -> dict[str, Any] | None:
        return {"position": position} if "position" in self.table.c else None

    def rows_where(self, column: str, ids: Sequence[uuid.UUID]) -> list[Row[Any]]:
        if not ids:
            return []
        t = self.table
        stmt = select(t).where(t.c[column].in_(ids))
        if "position" in t.c:
            stmt = stmt.order_by(t.c.position)
        return list(self._session.execute(stmt))


class _Objectives(_Children[Objective]):
    table = table_of(ObjectiveRow)

    def _to_row(self, item: Objective) -> dict[str, Any]:
        return {
            "plan_id": item.plan_id,
            "theme": item.theme,
            "label": item.label,
            "status": item.status.value,
        }

    def _from_row(self, row: Row[Any]) -> Objective:
        m = row._mapping
        return Objective(
            **meta_columns(row),
            plan_id=m["plan_id"],
            theme=m["theme"],
            label=m["label"],
            status=ObjectiveStatus(m["status"]),
        )


class _Actions(_Children[Action]):
    table = table_of(ActionRow)

    def _to_row(self, item: Action) -> dict[str, Any]:
        return {
            "objective_id": item.objective_id,
            "label": item.label,
            "responsible_structure": item.responsible_structure,
            "referent": item.referent,
            "start_date": item.start_date,
            "due_date": item.due_date,
            "status": item.status.value,
            "offer_id": item.offer_id,
            "linked_offer": item.linked_offer.as_json() if item.linked_offer else None,
        }

    def _from_row(self, row: Row[Any]) -> Action:
        m = row._mapping
        return Action(
            **meta_columns(row),
            objective_id=m["objective_id"],
            label=m["label"],
            responsible_structure=m["responsible_structure"],
            referent=m["referent"],
            start_date=m["start_date"],
            due_date=m["due_date"],
            status=ActionStatus(m["status"]),
            offer_id=m["offer_id"],
            linked_offer=LinkedOffer.from_json(m["linked_offer"]) if m["linked_offer"] else None,
        )


class _Signatures(_Children[Signature]):
    table = table_of(SignatureRow)

    def _to_row(self, item: Signature) -> dict[str, Any]:
        return {
            "plan_id": item.plan_id,
            "role": item.role.value,
            "signer_name": item.signer_name,
            "strokes": [[[float(x), float(y)] for x, y in stroke] for stroke in item.strokes],
            "signed_at": item.signed_at,
            "counsellor_id": item.counsellor_id,
            "method": item.method.value,
        }

    def _from_row(self, row: Row[Any]) -> Signature:
        m = row._mapping
        return Signature(
            **meta_columns(row),
            plan_id=m["plan_id"],
            role=SignerRole(m["role"]),
            signer_name=m["signer_name"],
            strokes=[[(p[0], p[1]) for p in stroke] for stroke in m["strokes"]],
            signed_at=m["signed_at"],
            counsellor_id=m["counsellor_id"],
            method=SignatureMethod(m["method"]),
        )


class PlanRepository(RecordRepository[ActionPlan]):
    table = table_of(PlanRow)

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self._objectives = _Objectives(ctx)
        self._actions = _Actions(ctx)
        self._signatures = _Signatures(ctx)

    def _to_row(self, item: ActionPlan) -> dict[str, Any]:
        return {
            "person_id": item.person_id,
            "interview_id": item.interview_id,
            "plan_version": item.plan_version,
            "supersedes_id": item.supersedes_id,
            "status": item.status.value,
            "contract": item.contract.value,
            "contract_commitment": item.contract_commitment,
            "next_review": item.next_review,
        }

    def _from_row(self, row: Row[Any]) -> ActionPlan:
        m = row._mapping
        return ActionPlan(
            **meta_columns(row),
            person_id=m["person_id"],
            interview_id=m["interview_id"],
            plan_version=m["plan_version"],
            supersedes_id=m["supersedes_id"],
            status=PlanStatus(m["status"]),
            contract=Contract(m["contract"]),
            contract_commitment=m["contract_commitment"],
            next_review=m["next_review"],
        )

    # -- children -----------------------------------------------------------------------------

    def _adopt(self, plan: ActionPlan) -> None:
        """Point every child at its parent, so rows and objects agree."""
        for objective in plan.objectives:
            objective.plan_id = plan.id
            for action in objective.actions:
                action.objective_id = objective.id
        for signature in plan.signatures:
            signature.plan_id = plan.id

    def _children_of(self, plan: ActionPlan) -> Iterator[tuple[_Children[Any], Any, int]]:
        """Each child of ``plan`` with its repository and position, parents before children."""
        for position, objective in enumerate(plan.objectives):
            yield self._objectives, objective, position
            for action_position, action in enumerate(objective.actions):
                yield self._actions, action, action_position
        for signature in plan.signatures:
            yield self._signatures, signature, 0

    def add(self, item: ActionPlan) -> ActionPlan:
        self._adopt(item)
        self._insert(item)
        for repo, child, position in self._children_of(item):
            repo.insert_at(child, position)
        return item

    def new_rows(self, item: ActionPlan) -> list[tuple[Table, dict[str, Any]]]:
        """The rows that store a new plan aggregate, parents first (what :meth:`add` writes,
        without the outbox): for the bulk loader of demo data."""
        self._adopt(item)
        rows = [(self.table, self.new_row(item))]
        rows += [(r.table, r.new_row_at(c, p)) for r, c, p in self._children_of(item)]
        return rows

    def save(self, item: ActionPlan) -> ActionPlan:
        current = self._current(item.id)
        if current is None:
            raise self._not_found()
        stored_version = current._mapping["version"]
        if stored_version != item.version:
            raise StaleRecord(self.entity, item.version, stored_version)
        self._adopt(item)
        changed = self._changes(current, item)
        was_signed = current._mapping["status"] != PlanStatus.DRAFT.value
        if was_signed and (set(changed) - {"status"} or item.status is PlanStatus.DRAFT):
            raise _signed_plan_error()
        children = self._sync_children(item, dry_run=was_signed)
        if children and was_signed:
            raise _signed_plan_error()
        if changed or children:
            self._update(item, changed, item.version)
        return item

    def _sync_children(self, plan: ActionPlan, dry_run: bool) -> bool:
        """Insert, update and delete child rows to match ``plan``; True if anything differed."""
        objectives = _by_id(self._objectives.rows_where("plan_id", [plan.id]))
        actions = _by_id(self._actions.rows_where("objective_id", list(objectives)))
        signatures = _by_id(self._signatures.rows_where("plan_id", [plan.id]))
        wanted_objectives = [(o, i) for i, o in enumerate(plan.objectives)]
        wanted_actions = [(a, i) for o in plan.objectives for i, a in enumerate(o.actions)]
        wanted_signatures = [(s, 0) for s in plan.signatures]
        differed = self._objectives.merge(wanted_objectives, objectives, dry_run)
        differed |= self._actions.merge(wanted_actions, actions, dry_run)
        differed |= self._signatures.merge(wanted_signatures, signatures, dry_run)
        # Children go before their parents: actions, then objectives.
        differed |= _drop_missing(self._actions, wanted_actions, actions, dry_run)
        differed |= _drop_missing(self._objectives, wanted_objectives, objectives, dry_run)
        differed |= _drop_missing(self._signatures, wanted_signatures, signatures, dry_run)
        return differed

    # -- reading ------------------------------------------------------------------------------

    def get(self, item_id: uuid.UUID) -> ActionPlan:
        row = self._current(item_id)
        if row is None:
            raise self._not_found()
        return self._assemble([row])[0]

    def get_many(self, item_ids: Sequence[uuid.UUID]) -> list[ActionPlan]:
        return self._assemble(self._rows_of(item_ids))

    def list_for_person(self, person_id: uuid.UUID) -> list[ActionPlan]:
        c = self.table.c
        stmt = select(self.table).where(c.person_id == person_id).order_by(c.plan_version, c.hlc)
        return self._assemble(list(self._session.execute(stmt)))

    def list_all(self) -> list[ActionPlan]:
        c = self.table.c
        stmt = select(self.table).order_by(c.person_id, c.plan_version)
        return self._assemble(list(self._session.execute(stmt)))

    def _assemble(self, rows: list[Row[Any]]) -> list[ActionPlan]:
        plans = [self._from_row(r) for r in rows]
        ids = [p.id for p in plans]
        objectives: dict[uuid.UUID, list[Objective]] = defaultdict(list)
        for r in self._objectives.rows_where("plan_id", ids):
            objectives[r._mapping["plan_id"]].append(self._objectives._from_row(r))
        objective_ids = [o.id for group in objectives.values() for o in group]
        actions: dict[uuid.UUID, list[Action]] = defaultdict(list)
        for r in self._actions.rows_where("objective_id", objective_ids):
            actions[r._mapping["objective_id"]].append(self._actions._from_row(r))
        signatures: dict[uuid.UUID, list[Signature]] = defaultdict(list)
        for r in self._signatures.rows_where("plan_id", ids):
            signatures[r._mapping["plan_id"]].append(self._signatures._from_row(r))
        hashes: dict[uuid.UUID, str] = {}
        if ids:
            stmt = select(PDFS.c.plan_id, PDFS.c.sha256).where(PDFS.c.plan_id.in_(ids))
            hashes = {row[0]: row[1] for row in self._session.execute(stmt)}
        for plan in plans:
            plan.objectives = objectives.get(plan.id, [])
            for objective in plan.objectives:
                objective.actions = actions.get(objective.id, [])
            plan.signatures = sorted(
                signatures.get(plan.id, []), key=lambda s: (s.signed_at, s.role)
            )
            plan.pdf_sha256 = hashes.get(plan.id)
        return plans

    # -- PDF ----------------------------------------------------------------------------------

    def attach_pdf(self, plan_id: uuid.UUID, pdf_bytes: bytes) -> str:
        """Keep the plan's PDF inside the store; return its SHA-256 (hex).

        The PDF of a signed plan is written once: the same bytes again are accepted, other
        bytes are refused. The outbox carries the hash and size, not the bytes.
        """
        plan = self._current(plan_id)
        if plan is None:
            raise self._not_found()
        sha256 = hashlib.sha256(pdf_bytes).hexdigest()
        existing = self._session.execute(select(PDFS).where(PDFS.c.plan_id == plan_id)).first()
        now, actor, hlc = utc_now(), self._ctx.actor_id, self._ctx.clock.now()
        fields = {"plan_id": str(plan_id), "sha256": sha256, "size": len(pdf_bytes)}
        values = {
            "sha256": sha256,
            "size": len(pdf_bytes),
            "pdf": pdf_bytes,
            "updated_at": now,
            "updated_by": actor,
            "hlc": hlc,
        }
        if existing is None:
            pdf_id, version, base = uuid.uuid4(), 1, None
            self._session.execute(
                insert(PDFS).values(id=pdf_id, plan_id=plan_id, version=1, **values)
            )
        else:
            m = existing._mapping
            if m["sha256"] == sha256:
                return sha256
            if plan._mapping["status"] != PlanStatus.DRAFT.value:
                raise _signed_plan_error()
            pdf_id, base = m["id"], m["version"]
            version = base + 1
            self._session.execute(
                update(PDFS).where(PDFS.c.id == pdf_id).values(version=version, **values)
            )
        fields.update(updated_at=now.isoformat(), updated_by=None if actor is None else str(actor))
        write_outbox(
            self._ctx,
            entity=PDFS.name,
            entity_id=pdf_id,
            op=UPSERT,
            version=version,
            base_version=base,
            fields=fields,
            hlc=hlc,
        )
        return sha256

    def load_pdf(self, plan_id: uuid.UUID) -> bytes | None:
        return self._session.execute(select(PDFS.c.pdf).where(PDFS.c.plan_id == plan_id)).scalar()


def _signed_plan_error() -> ValidationError:
    return ValidationError(
        say("Ce plan est signé : il ne peut plus être modifié. Créez une nouvelle version."),
        "signed plan is immutable",
    )


def _by_id(rows: list[Row[Any]]) -> dict[uuid.UUID, Row[Any]]:
    return {row._mapping["id"]: row for row in rows}


def _drop_missing(
    repo: _Children[Any],
    wanted: list[tuple[Any, int]],
    stored: dict[uuid.UUID, Row[Any]],
    dry_run: bool,
) -> bool:
    keep = {item.id for item, _ in wanted}
    gone = [(item_id, row) for item_id, row in stored.items() if item_id not in keep]
    if not dry_run:
        for item_id, row in gone:
            repo._delete(item_id, row._mapping["version"])
    return bool(gone)
