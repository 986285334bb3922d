"""The territory file and its loader: the shipped file is valid, and a broken one is refused."""

from __future__ import annotations

import pytest

from spie_protocol.territories import (
    SpieWave,
    TerritoryDataError,
    TerritoryKind,
    UnknownTerritory,
    parse_territories,
    territory_list,
)

GOOD = """
[[pilot]]
name = "Somme"
territories = ["80"]

[[territory]]
code = "80"
name = "Somme"
kind = "departement"
timezone = "Europe/Paris"
departements = ["80"]

[[territory]]
code = "CTG"
name = "Collectivité territoriale de Guyane"
kind = "collectivite_unique"
timezone = "America/Cayenne"
departements = ["973"]
aliases = ["973"]
spie = ["ami-2021-1"]
"""


def test_the_shipped_file_loads_with_its_sources() -> None:
    listed = territory_list()
    assert len(listed.territories) > 100
    assert {"69M", "20R", "75C", "6AE", "CTG", "CTM"} <= listed.territories.keys()
    assert len(listed.pilots) == 14
    assert sum(t.spie_2021 for t in listed.territories.values()) == 31
    from importlib import resources

    text = resources.files("spie_protocol").joinpath("data/territories.toml").read_text("utf-8")
    assert "Provenance (checked" in text and "could not be found" in text


def test_a_small_file_reads_back() -> None:
    listed = parse_territories(GOOD)
    assert listed.resolve("973").code == "CTG"
    assert listed.resolve("80").waves == frozenset({SpieWave.PILOT_2020})
    assert listed.resolve("ctg").kind is TerritoryKind.COLLECTIVITE_UNIQUE
    with pytest.raises(UnknownTerritory):
        listed.resolve("81")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('code = "CTG"', 'code = "80"'), "appears twice"),
        (('kind = "collectivite_unique"', 'kind = "canton"'), "unknown kind"),
        (('timezone = "America/Cayenne"', 'timezone = "Mars/Olympus"'), "time zone"),
        (('aliases = ["973"]', 'aliases = ["80"]'), "alias"),
        (('spie = ["ami-2021-1"]', 'spie = ["ami-2030"]'), "unknown kind or wave"),
        (('spie = ["ami-2021-1"]', 'spie = ["pilote-2020"]'), "[[pilot]]"),
        (('territories = ["80"]', 'territories = ["81"]'), "pilot territories"),
        (('code = "CTG"', 'code = "ctg"'), "not normalised"),
        (('aliases = ["973"]', 'parent = "80"'), "parent"),
    ],
)
def test_a_broken_file_is_refused(change: tuple[str, str], message: str) -> None:
    broken = GOOD.replace(*change)
    assert broken != GOOD
    with pytest.raises(TerritoryDataError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_territories(broken)


def test_an_infra_territory_needs_a_known_parent() -> None:
    infra = GOOD + (
        '\n[[territory]]\ncode = "80-AM"\nname = "Amiénois"\nkind = "infra_departemental"\n'
        'timezone = "Europe/Paris"\ndepartements = ["80"]\nparent = "{parent}"\n'
    )
    assert parse_territories(infra.format(parent="80")).resolve("80-AM").parent == "80"
    with pytest.raises(TerritoryDataError, match="unknown parent"):
        parse_territories(infra.format(parent="81"))
