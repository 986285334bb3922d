"""The three-way merge of one record, case by case (rules: the docstring of sync/merge.py).

Each row is one situation: the version both sides started from (``base``), the local
document and the server's (``None``: deleted), and what the merge must decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from spie_desktop.sync.merge import DELETED_FIELD, FieldConflict, MergeResult, merge

Doc = dict[str, Any]

LOCAL_STAMP = {"updated_at": "2026-11-27T10:00:00Z", "updated_by": "nadia"}
SERVER_STAMP = {"updated_at": "2026-11-27T09:00:00Z", "updated_by": "julien"}
BASE_STAMP = {"updated_at": "2026-11-20T08:00:00Z", "updated_by": "nadia"}


def local(**fields: Any) -> Doc:
    return {**fields, **LOCAL_STAMP}


def server(**fields: Any) -> Doc:
    return {**fields, **SERVER_STAMP}


def base(**fields: Any) -> Doc:
    return {**fields, **BASE_STAMP}


@dataclass(frozen=True)
class Case:
    base: Doc | None
    local: Doc | None
    remote: Doc | None
    doc: Doc | None
    to_push: Doc = field(default_factory=dict)
    conflicts: tuple[FieldConflict, ...] = ()
    entity: str = "people"
    sibling: Doc | None = None
    resurrect: bool = False


def conflict(name: str, mine: Any, theirs: Any) -> FieldConflict:
    return FieldConflict(name, mine, theirs)


FIELD_CASES = [
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Millau"),
            remote=server(commune="Rodez"),
            doc=local(commune="Millau"),
            to_push=local(commune="Millau"),
        ),
        id="changed-locally-only-is-kept-and-pushed-with-the-local-stamp",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Rodez"),
            remote=server(commune="Millau"),
            doc=server(commune="Millau"),
        ),
        id="changed-on-the-server-only-is-taken-nothing-pushed",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Millau"),
            remote=server(commune="Millau"),
            doc=server(commune="Millau"),
        ),
        id="changed-on-both-sides-to-the-same-value-is-no-conflict",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Millau"),
            remote=server(commune="Espalion"),
            doc=server(commune="Espalion"),
            conflicts=(conflict("commune", "Millau", "Espalion"),),
        ),
        id="changed-on-both-sides-differently-keeps-the-server-value-and-reports-ours",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez", phone="0565"),
            local=local(commune="Millau", phone="0565"),
            remote=server(commune="Rodez", phone="0612"),
            doc=local(commune="Millau", phone="0612"),
            to_push=local(commune="Millau"),
        ),
        id="different-fields-changed-on-each-side-are-both-kept",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez", phone="0565"),
            local=local(commune="Millau", phone="0565"),
            remote=server(commune="Espalion", phone="0612"),
            doc=local(commune="Espalion", phone="0612") | SERVER_STAMP,
            conflicts=(conflict("commune", "Millau", "Espalion"),),
        ),
        id="a-conflict-alone-pushes-nothing-and-keeps-the-server-stamp",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez", phone="0565"),
            local=local(commune="Millau", phone="0600"),
            remote=server(commune="Espalion", phone="0565"),
            doc=local(commune="Espalion", phone="0600"),
            to_push=local(phone="0600"),
            conflicts=(conflict("commune", "Millau", "Espalion"),),
        ),
        id="a-conflict-next-to-a-local-change-pushes-only-the-change",
    ),
    pytest.param(
        Case(
            base=base(phone="0565"),
            local=local(phone=None),
            remote=server(phone="0565"),
            doc=local(phone=None),
            to_push=local(phone=None),
        ),
        id="value-cleared-locally-is-pushed",
    ),
    pytest.param(
        Case(
            base=base(phone="0565"),
            local=local(phone="0565"),
            remote=server(phone=None),
            doc=server(phone=None),
        ),
        id="value-cleared-on-the-server-is-taken",
    ),
    pytest.param(
        Case(
            base=base(phone="0565"),
            local=local(phone=None),
            remote=server(phone="0612"),
            doc=server(phone="0612"),
            conflicts=(conflict("phone", None, "0612"),),
        ),
        id="cleared-locally-changed-on-the-server-is-a-conflict",
    ),
    pytest.param(
        Case(
            base=base(phone="0565"),
            local=local(phone="0565"),
            remote=server(),
            doc=server(phone=None),
        ),
        id="field-missing-from-the-server-doc-becomes-empty",
    ),
    pytest.param(
        Case(
            base=base(phone="0565"),
            local=local(),
            remote=server(phone="0612"),
            doc=server(phone="0612"),
        ),
        id="field-missing-from-the-local-doc-takes-the-server-value",
    ),
    pytest.param(
        Case(
            base=base(phone="0565"),
            local=local(phone="0600"),
            remote=server(),
            doc=local(phone="0600"),
            to_push=local(phone="0600"),
        ),
        id="changed-locally-missing-from-the-server-doc-is-kept-and-pushed",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Rodez", email="j@example.org"),
            remote=server(commune="Rodez"),
            doc=local(commune="Rodez", email="j@example.org"),
            to_push=local(email="j@example.org"),
        ),
        id="new-field-locally-is-kept-and-pushed",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Rodez"),
            remote=server(commune="Rodez", email="j@example.org"),
            doc=server(commune="Rodez", email="j@example.org"),
        ),
        id="new-field-on-the-server-is-taken",
    ),
    pytest.param(
        Case(
            base=base(),
            local=local(email="j@example.org"),
            remote=server(email="j@example.org"),
            doc=server(email="j@example.org"),
        ),
        id="same-new-field-on-both-sides-is-no-conflict",
    ),
    pytest.param(
        Case(
            base=base(),
            local=local(email="josiane@example.org"),
            remote=server(email="j.vernhes@example.org"),
            doc=server(email="j.vernhes@example.org"),
            conflicts=(conflict("email", "josiane@example.org", "j.vernhes@example.org"),),
        ),
        id="different-new-field-on-both-sides-is-a-conflict",
    ),
    pytest.param(
        Case(
            base=None,
            local=local(commune="Rodez", phone="0565"),
            remote=server(commune="Rodez", phone="0612"),
            doc=server(commune="Rodez", phone="0612"),
            conflicts=(conflict("phone", "0565", "0612"),),
        ),
        id="base-missing-equal-fields-merge-and-different-ones-conflict",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=base(commune="Rodez") | {"updated_at": "2026-11-28T00:00:00Z"},
            remote=server(commune="Rodez"),
            doc=server(commune="Rodez"),
        ),
        id="a-stamp-alone-is-no-change",
    ),
    pytest.param(
        Case(
            base=base(tags=["mobilite"]),
            local=local(tags=["mobilite", "logement"]),
            remote=server(tags=["mobilite", "sante"]),
            doc=server(tags=["mobilite", "sante"]),
            conflicts=(conflict("tags", ["mobilite", "logement"], ["mobilite", "sante"]),),
        ),
        id="lists-are-one-value-never-merged-item-by-item",
    ),
]

DELETION_CASES = [
    pytest.param(
        Case(base=base(commune="Rodez"), local=None, remote=None, doc=None),
        id="deleted-on-both-sides-stays-deleted",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=None,
            remote=server(commune="Rodez") | BASE_STAMP,
            doc=None,
            to_push={DELETED_FIELD: True},
        ),
        id="deleted-locally-untouched-on-the-server-pushes-the-deletion",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=None,
            remote=server(commune="Millau"),
            doc=server(commune="Millau"),
            conflicts=(conflict(DELETED_FIELD, True, False),),
        ),
        id="deleted-locally-edited-on-the-server-keeps-the-edit-and-reports-the-deletion",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Rodez") | BASE_STAMP,
            remote=None,
            doc=None,
        ),
        id="deleted-on-the-server-untouched-locally-stays-deleted",
    ),
    pytest.param(
        Case(
            base=base(commune="Rodez"),
            local=local(commune="Millau"),
            remote=None,
            doc=local(commune="Millau"),
            to_push=local(commune="Millau"),
            conflicts=(conflict(DELETED_FIELD, False, True),),
            resurrect=True,
        ),
        id="deleted-on-the-server-edited-locally-brings-it-back-with-the-edit",
    ),
    pytest.param(
        Case(
            base=None,
            local=None,
            remote=server(commune="Rodez"),
            doc=server(commune="Rodez"),
            conflicts=(conflict(DELETED_FIELD, True, False),),
        ),
        id="base-missing-deleted-locally-keeps-the-server-record",
    ),
]

APPEND_ONLY_CASES = [
    pytest.param(
        Case(
            entity="consents",
            base=None,
            local={"scopes": ["record"]},
            remote={"scopes": ["record"]},
            doc={"scopes": ["record"]},
        ),
        id="append-only-same-id-is-the-same-record",
    ),
    pytest.param(
        Case(
            entity="follow_up_events",
            base=None,
            local={"kind": "contact"},
            remote=None,
            doc={"kind": "contact"},
        ),
        id="append-only-never-deleted-by-the-other-side",
    ),
]

DRAFT = {"status": "draft", "plan_version": 1, "contract_commitment": False}
SIGNED = {"status": "signed", "plan_version": 1, "contract_commitment": True}

PLAN_CASES = [
    pytest.param(
        Case(
            entity="plans",
            base=base(**DRAFT, goal="Permis B"),
            local=local(**DRAFT, goal="Permis B et logement"),
            remote=server(**DRAFT, goal="Permis B"),
            doc=local(**DRAFT, goal="Permis B et logement"),
            to_push=local(goal="Permis B et logement"),
        ),
        id="plan-drafts-merge-field-by-field",
    ),
    pytest.param(
        Case(
            entity="plans",
            base=base(**DRAFT, goal="Permis B"),
            local=local(**DRAFT, goal="Permis B et logement"),
            remote=server(**SIGNED, goal="Permis B"),
            doc=server(**SIGNED, goal="Permis B"),
            sibling=local(**DRAFT, goal="Permis B et logement") | {"plan_version": 2},
        ),
        id="plan-signed-on-the-server-edited-locally-becomes-a-sibling-draft",
    ),
    pytest.param(
        Case(
            entity="plans",
            base=base(**DRAFT, goal="Permis B"),
            local=local(**SIGNED, goal="Permis B"),
            remote=server(**DRAFT, goal="Logement"),
            doc=local(**SIGNED, goal="Permis B"),
            to_push=local(status="signed", contract_commitment=True, goal="Permis B"),
            sibling=server(**DRAFT, goal="Logement") | {"plan_version": 2},
        ),
        id="plan-signed-locally-edited-on-the-server-keeps-ours-and-drafts-theirs",
    ),
    pytest.param(
        Case(
            entity="plans",
            base=base(**SIGNED, goal="Permis B"),
            local=base(**SIGNED, goal="Permis B"),
            remote=server(**SIGNED, goal="Permis B") | {"status": "superseded"},
            doc=server(**SIGNED, goal="Permis B") | {"status": "superseded"},
        ),
        id="plan-superseded-on-the-server-unchanged-locally-is-taken",
    ),
    pytest.param(
        Case(
            entity="plans",
            base=base(**SIGNED, goal="Permis B"),
            local=local(**SIGNED, goal="Permis B") | {"status": "superseded"},
            remote=server(**SIGNED, goal="Permis B"),
            doc=local(**SIGNED, goal="Permis B") | {"status": "superseded"},
            to_push=local(status="superseded"),
        ),
        id="plan-superseded-locally-is-a-plain-change",
    ),
    pytest.param(
        Case(
            entity="plans",
            base=base(**SIGNED, goal="Permis B"),
            local=local(**SIGNED, goal="Permis B") | {"status": "superseded"},
            remote=server(**SIGNED, goal="Permis B") | {"status": "superseded"},
            doc=server(**SIGNED, goal="Permis B") | {"status": "superseded"},
        ),
        id="plan-superseded-on-both-sides-is-no-conflict",
    ),
]


def _check(case: Case) -> MergeResult:
    result = merge(case.entity, case.base, case.local, case.remote)
    assert result.doc == case.doc
    assert result.to_push == case.to_push
    assert result.conflicts == list(case.conflicts)
    assert result.sibling == case.sibling
    assert result.resurrect is case.resurrect
    return result


@pytest.mark.parametrize("case", FIELD_CASES)
def test_field_merge(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", DELETION_CASES)
def test_deletion_merge(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", APPEND_ONLY_CASES)
def test_append_only_merge(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", PLAN_CASES)
def test_plan_merge(case: Case) -> None:
    _check(case)


@pytest.mark.parametrize("case", FIELD_CASES + DELETION_CASES)
def test_the_merge_never_loses_a_value(case: Case) -> None:
    """Whatever the merge keeps, each side's value is in the doc or in a conflict."""
    result = merge(case.entity, case.base, case.local, case.remote)
    if result.doc is None:
        return
    reported = {c.field for c in result.conflicts}
    for side in (case.local, case.remote):
        for name, value in (side or {}).items():
            if name in LOCAL_STAMP or name in reported:
                continue
            base_value = (case.base or {}).get(name)
            assert result.doc.get(name) == value or base_value == value, name
