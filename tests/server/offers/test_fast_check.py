"""The compiled check agrees with jsonschema: it accepts every valid record and refuses every
fault (a record it let through that jsonschema refuses would be imported unchecked)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from spie_server.offers.fast_check import compile_schema
from spie_server.offers.schema import FORMATS, Kind, schema_of, validator
from tests.server.offers.records import faults, valid


@pytest.mark.parametrize("kind", list(Kind))
def test_the_compiled_check_refuses_every_fault_jsonschema_refuses(kind: Kind) -> None:
    check = compile_schema(schema_of(kind), FORMATS)
    assert check is not None
    assert check(valid(kind.value, 1))
    for fault in faults(kind.value):
        broken = fault.apply(valid(kind.value, 1))
        assert not validator(kind).is_valid(broken), fault
        assert not check(broken), fault


def test_a_schema_with_a_keyword_it_does_not_know_is_left_to_jsonschema() -> None:
    schema = {"type": "object", "dependentRequired": {"a": ["b"]}}
    Draft202012Validator.check_schema(schema)
    assert compile_schema(schema, FORMATS) is None
