"""The compatibility rule: same major version, any minor."""

from __future__ import annotations

import pytest

from spie_protocol import PROTOCOL_VERSION, is_compatible, parse_version


def test_our_own_version_is_compatible() -> None:
    assert is_compatible(PROTOCOL_VERSION)


@pytest.mark.parametrize("text", ["1", "1.0", "1.9", " 1.2 "])
def test_same_major_is_compatible(text: str) -> None:
    assert is_compatible(text)


@pytest.mark.parametrize("text", ["2", "0.9", "", "1.x", "v1", "1.0.0", "-1", "1." + "9" * 10])
def test_other_majors_and_garbage_are_not(text: str) -> None:
    assert not is_compatible(text)


def test_parse_version_splits_major_and_minor() -> None:
    assert parse_version("1") == (1, 0)
    assert parse_version("1.4") == (1, 4)
    with pytest.raises(ValueError):
        parse_version("one")
