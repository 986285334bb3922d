"""Three-way merge of one record, field by field, against the version both sides started from.

Pure functions over JSON documents. The rules (the protocol side: docs/sync-protocol.md, Push):

- a field changed on one side only takes that side's value;
- a field changed on both sides to different values keeps the **server's** value, and the
  local value becomes a :class:`FieldConflict` for a counsellor to resolve: nothing is lost;
- bookkeeping fields (``updated_at``, ``updated_by``) never conflict: they follow the side
  whose changes are kept; nor do fields never shown to anyone (the registry's ``unshown``:
  a person's evaluation token), which keep the server's value;
- an edit and a deletion: the edit wins (nothing is dropped), and the deletion is reported
  as a conflict on the pseudo-field ``_deleted``;
- entities that freeze once signed (plans): a signed (or superseded) plan never merges with a draft edit; the losing side
  becomes a *sibling draft* (a new plan that supersedes nothing, carrying that side's
  content), so both are kept;
- append-only records (the protocol's, read from the entity registry) are created once and never change: the same id on both sides is the
  same record (union by id).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spie_desktop.storage.entities import ENTITY_SPECS
from spie_protocol.entities import FROZEN_PLAN_STATUSES

BOOKKEEPING = frozenset({"updated_at", "updated_by"})
DELETED_FIELD = "_deleted"
_MISSING = object()


@dataclass(frozen=True)
class FieldConflict:
    field: str
    local: Any
    server: Any


@dataclass
class MergeResult:
    """What the local row becomes, what must still be pushed, and what a person must see."""

    doc: dict[str, Any] | None  # None: the record stays deleted
    to_push: dict[str, Any] = field(default_factory=dict)  # fields on top of the server's doc
    conflicts: list[FieldConflict] = field(default_factory=list)
    sibling: dict[str, Any] | None = None  # plans: a new draft carrying the losing side
    resurrect: bool = False  # the server deleted it, the local edit brings it back


def merge(
    entity: str,
    base: dict[str, Any] | None,
    local: dict[str, Any] | None,
    remote: dict[str, Any] | None,
) -> MergeResult:
    """Merge ``local`` and ``remote`` (``None``: deleted) that both started from ``base``
    (``None``: the record did not exist or was deleted)."""
    spec = ENTITY_SPECS.get(entity)
    if spec is not None and spec.append_only:
        return MergeResult(doc=remote if remote is not None else local)
    if local is None or remote is None:
        return _with_deletion(base or {}, local, remote)
    if spec is not None and spec.freezes and (_frozen(local) or _frozen(remote)):
        return _merge_plan(base or {}, local, remote)
    return three_way(base or {}, local, remote, spec.unshown if spec is not None else frozenset())


def three_way(
    base: dict[str, Any],
    local: dict[str, Any],
    remote: dict[str, Any],
    unshown: frozenset[str] = frozenset(),
) -> MergeResult:
    doc: dict[str, Any] = {}
    to_push: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for name in sorted((local.keys() | remote.keys()) - BOOKKEEPING):
        b = base.get(name, _MISSING)
        mine = local.get(name, _MISSING)
        theirs = remote.get(name, _MISSING)
        if mine is _MISSING or mine in (theirs, b):
            doc[name] = None if theirs is _MISSING else theirs
        elif theirs is _MISSING or theirs == b:
            doc[name] = mine
            to_push[name] = mine
        else:
            doc[name] = theirs
            if name not in unshown:  # an unshown field: the server's value, quietly
                conflicts.append(FieldConflict(name, mine, theirs))
    keeper = local if to_push else remote
    for name in BOOKKEEPING:
        if name in keeper or name in remote:
            doc[name] = keeper.get(name, remote.get(name))
            if to_push:
                to_push[name] = doc[name]
    return MergeResult(doc=doc, to_push=to_push, conflicts=conflicts)


def changed_fields(base: dict[str, Any], doc: dict[str, Any]) -> dict[str, Any]:
    """Fields of ``doc`` that differ from ``base`` (bookkeeping left out)."""
    return {k: v for k, v in doc.items() if k not in BOOKKEEPING and base.get(k, _MISSING) != v}


def _with_deletion(
    base: dict[str, Any], local: dict[str, Any] | None, remote: dict[str, Any] | None
) -> MergeResult:
    if local is None and remote is None:
        return MergeResult(doc=None)
    if local is None:
        assert remote is not None
        if changed_fields(base, remote):  # deleted here, edited there: the edit wins
            return MergeResult(doc=remote, conflicts=[FieldConflict(DELETED_FIELD, True, False)])
        return MergeResult(doc=None, to_push={DELETED_FIELD: True})
    if changed_fields(base, local):  # edited here, deleted there: the edit wins
        return MergeResult(
            doc=local,
            to_push=dict(local),
            conflicts=[FieldConflict(DELETED_FIELD, False, True)],
            resurrect=True,
        )
    return MergeResult(doc=None)


def _frozen(doc: dict[str, Any]) -> bool:
    return doc.get("status") in FROZEN_PLAN_STATUSES


def _merge_plan(base: dict[str, Any], local: dict[str, Any], remote: dict[str, Any]) -> MergeResult:
    local_changed = bool(changed_fields(base, local))
    remote_changed = bool(changed_fields(base, remote))
    if not local_changed:
        return MergeResult(doc=remote)
    if not remote_changed:
        return three_way(base, local, remote)
    if _only_superseded(local, remote) or _only_superseded(remote, local):
        return three_way(base, local, remote)  # superseding a signed plan is a plain change
    if _frozen(local) and not _frozen(remote):
        # Signed here, edited there: the signed version stands, the edit becomes a draft.
        to_push = {k: v for k, v in local.items() if remote.get(k, _MISSING) != v}
        return MergeResult(doc=local, to_push=to_push, sibling=sibling_draft(remote, local))
    # Signed there (or on both sides): the server's version stands, ours becomes a draft.
    return MergeResult(doc=remote, sibling=sibling_draft(local, remote))


def _only_superseded(changed: dict[str, Any], other: dict[str, Any]) -> bool:
    """``changed`` is ``other`` moved on to superseded (nothing else differs)."""
    if changed.get("status") != "superseded":
        return False
    rest = (changed.keys() | other.keys()) - BOOKKEEPING - {"status"}
    return all(changed.get(k) == other.get(k) for k in rest)


def sibling_draft(content: dict[str, Any], kept: dict[str, Any]) -> dict[str, Any]:
    """A new draft plan carrying ``content``, numbered after the plan that was ``kept``."""
    draft = dict(content)
    draft["status"] = "draft"
    draft["contract_commitment"] = False
    numbers = [d.get("plan_version") for d in (content, kept)]
    draft["plan_version"] = max((n for n in numbers if isinstance(n, int)), default=0) + 1
    return draft
