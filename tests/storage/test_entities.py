"""The entity registry: it covers exactly the protocol's synchronised entities and the store's
record tables, in an order sync can store them in, and no other module spells an entity's
name (each entity's policy is read from its spec, so a new entity needs no edit elsewhere)."""

from __future__ import annotations

import ast
from functools import cached_property
from pathlib import Path

import pytest

import spie_desktop
from spie_desktop.storage.entities import ENTITY_SPECS, label_fr, spec_of, storage_rank
from spie_desktop.storage.models import AuditEventRow, Base, RecordRow
from spie_desktop.storage.unit_of_work import UnitOfWork
from spie_protocol.entities import APPEND_ONLY, ENTITIES, VERSIONED

PACKAGE = Path(spie_desktop.__file__).parent

#: The only modules that name entities: the registry itself and the row classes.
REGISTRY_MODULES = {"storage/entities.py", "storage/models.py"}

#: Words that are also entity names but mean something else where they appear: an attribute
#: of a domain object named in a validation error, a key of an exported or generated file, a
#: command-line word, a key of the enrolment message. Allowed there, nowhere else.
OTHER_MEANINGS: dict[str, frozenset[str]] = {
    "cli/people_cmd.py": frozenset({"people"}),
    "domain/plan.py": frozenset({"objectives"}),
    "domain/plan_checks.py": frozenset({"objectives", "signatures"}),
    "domain/plan_review.py": frozenset({"objectives", "actions"}),  # the field a problem names
    "domain/referential.py": frozenset({"objectives", "actions"}),
    "forms/generate_socle.py": frozenset({"objectives", "actions"}),
    "forms/payload.py": frozenset({"answers"}),
    "plan/signed_plan.py": frozenset({"signatures"}),
    "services/access_export.py": frozenset({"answers"}),  # the export document's sections
    "services/changes.py": frozenset({"people"}),  # a kind of change a page listens for
    "services/export.py": frozenset({"consents", "interviews", "answers", "plans"}),
    "services/plan_signers.py": frozenset({"signatures"}),
    "services/plan_signing.py": frozenset({"signatures"}),
    "ui/plan/large_print_view.py": frozenset({"actions"}),  # a sentence's key
    "storage/repositories/evaluations.py": frozenset({"answers"}),  # an evaluation column
    "sync/enrolment.py": frozenset({"counsellors"}),
    "ui/plan/plan_editor.py": frozenset({"objectives", "actions"}),
}


def record_tables() -> set[str]:
    """Every store table whose rows carry the synchronised columns (id, version, hlc...),
    found from the row classes, not from the registry."""
    found: set[str] = set()
    todo = list(RecordRow.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        name = getattr(cls, "__tablename__", None)
        if isinstance(name, str) and issubclass(cls, Base):  # the store's, not a test's
            found.add(name)
    return found


def test_every_protocol_entity_has_a_spec_and_nothing_else_does() -> None:
    assert list(ENTITY_SPECS) == sorted(ENTITY_SPECS, key=ENTITIES.index)
    assert set(ENTITY_SPECS) == set(ENTITIES)


def test_every_record_table_but_the_local_audit_trail_is_a_synchronised_entity() -> None:
    assert record_tables() - {AuditEventRow.__tablename__} == set(ENTITY_SPECS)
    for name, spec in ENTITY_SPECS.items():
        assert spec.name == name == spec.table.name


def test_append_only_and_versioned_are_the_protocols() -> None:
    assert {n for n, s in ENTITY_SPECS.items() if s.append_only} == APPEND_ONLY
    assert {n for n, s in ENTITY_SPECS.items() if s.versioned} == VERSIONED


def test_parents_come_before_their_children_in_storage_order() -> None:
    for name, spec in ENTITY_SPECS.items():
        for column, parent in spec.parents:
            if parent != name:  # a plan superseding another plan
                assert storage_rank(parent) < storage_rank(name), (name, column, parent)


def test_owners_and_read_back_point_to_real_columns_and_repositories() -> None:
    for spec in ENTITY_SPECS.values():
        if spec.owner is not None:
            assert spec.owner_entity in ENTITY_SPECS, spec.name
        if spec.read_via_owner:
            assert spec.owner is not None, spec.name
        if spec.reader is not None:
            repository = getattr(UnitOfWork, spec.reader, None)
            assert isinstance(repository, cached_property), spec.name
        for column in spec.local_only:
            assert column in spec.table.c, (spec.name, column)


def test_each_entity_has_its_own_french_label() -> None:
    labels = [spec.label_fr for spec in ENTITY_SPECS.values()]
    assert len(set(labels)) == len(labels)
    assert label_fr("no_such_entity") == "Fiche"
    with pytest.raises(ValueError):
        spec_of("no_such_entity")


def test_search_name_is_derived_in_the_registry_only() -> None:
    derived = {n: sorted(s.derived) for n, s in ENTITY_SPECS.items() if s.derived}
    assert derived == {"people": ["search_name"]}
    spec = spec_of("people")
    assert spec.derive({"first_name": "Élodie", "last_name": "Saint-Ange"}) == {
        "search_name": "saint ange elodie"
    }


def entity_literals(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in ENTITY_SPECS
    }


def test_no_module_outside_the_registry_spells_an_entity_name() -> None:
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in REGISTRY_MODULES or "/migrations/" in relative:
            continue
        spelled = entity_literals(path) - OTHER_MEANINGS.get(relative, frozenset())
        if spelled:
            offenders[relative] = sorted(spelled)
    assert offenders == {}
