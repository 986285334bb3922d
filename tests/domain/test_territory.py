from __future__ import annotations

import zoneinfo

import pytest

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.territory import TERRITORIES, sorted_territories, territory_by_code


def test_every_departement_and_collectivite_is_known() -> None:
    metropole = [c for c in TERRITORIES if len(c) == 2]
    assert len(metropole) == 96  # 01..95 with 2A/2B instead of 20
    assert "20" not in TERRITORIES
    for code in (
        "971",
        "972",
        "973",
        "974",
        "976",
        "975",
        "977",
        "978",
        "986",
        "987",
        "988",
        "6AE",
    ):
        assert code in TERRITORIES


def test_time_zones_exist_and_guyane_is_cayenne() -> None:
    assert territory_by_code("973").timezone == "America/Cayenne"
    assert territory_by_code("12").timezone == "Europe/Paris"
    for territory in TERRITORIES.values():
        zoneinfo.ZoneInfo(territory.timezone)  # raises if unknown


def test_the_31_territories_of_2021_are_flagged() -> None:
    flagged = {t.code for t in TERRITORIES.values() if t.spie_2021}
    assert len(flagged) == 31
    assert {"12", "973", "62", "78", "91", "6AE"} <= flagged
    assert not territory_by_code("44").spie_2021 and territory_by_code("44").spie_pilot


def test_lookup_normalises_and_refuses_unknown_codes() -> None:
    assert territory_by_code(" 2a ").name == "Corse-du-Sud"
    assert territory_by_code("3").code == "03"
    with pytest.raises(NotFound) as caught:
        territory_by_code("99")
    assert "Territoire inconnu" in caught.value.message_fr


def test_sorted_territories_ignore_accents() -> None:
    names = [t.name for t in sorted_territories()]
    assert names.index("Ardèche") < names.index("Ardennes") < names.index("Ariège")
