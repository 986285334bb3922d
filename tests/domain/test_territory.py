from __future__ import annotations

import zoneinfo

import pytest

from spie_desktop.domain.errors import NotFound
from spie_desktop.domain.territory import (
    TERRITORIES,
    TerritoryKind,
    choice_groups,
    search_territories,
    sorted_territories,
    territory_by_code,
)


def test_every_departement_is_covered_once_by_a_collectivity() -> None:
    covering: dict[str, list[str]] = {}
    for territory in TERRITORIES.values():
        if territory.kind is not TerritoryKind.INFRA_DEPARTEMENTAL:
            for departement in territory.departements:
                covering.setdefault(departement, []).append(territory.code)
    metropole = [d for d in covering if len(d) == 2]
    assert len(metropole) == 96  # 01..95 with 2A/2B instead of 20
    assert "20" not in covering
    # Only the Rhône is shared: the Métropole de Lyon holds the département's powers on its part.
    assert {d: c for d, c in covering.items() if len(c) > 1} == {"69": ["69", "69M"]}
    for code in ("971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988"):
        assert code in covering


def test_the_collectivities_with_their_own_codes_and_kinds() -> None:
    expected = {
        "69M": TerritoryKind.METROPOLE,
        "20R": TerritoryKind.STATUT_PARTICULIER,
        "75C": TerritoryKind.STATUT_PARTICULIER,
        "6AE": TerritoryKind.COLLECTIVITE_EUROPEENNE,
        "CTG": TerritoryKind.COLLECTIVITE_UNIQUE,
        "CTM": TerritoryKind.COLLECTIVITE_UNIQUE,
    }
    for code, kind in expected.items():
        assert TERRITORIES[code].kind is kind
    assert TERRITORIES["CTG"].name == "Collectivité territoriale de Guyane"
    assert TERRITORIES["CTM"].departements == ("972",)
    # Guyane and Martinique are no conseils départementaux any more: no such territory.
    assert "973" not in TERRITORIES and "972" not in TERRITORIES


def test_former_codes_still_name_their_collectivity() -> None:
    assert territory_by_code("973").code == "CTG"
    assert territory_by_code("972").code == "CTM"
    assert territory_by_code(" 2a ").code == "20R"
    assert territory_by_code("75").code == "75C"
    assert territory_by_code("67").code == "6AE"
    assert territory_by_code("69").code == "69"  # the Rhône keeps its part and its code


def test_time_zones_exist_and_guyane_is_cayenne() -> None:
    assert territory_by_code("CTG").timezone == "America/Cayenne"
    assert territory_by_code("12").timezone == "Europe/Paris"
    for territory in TERRITORIES.values():
        zoneinfo.ZoneInfo(territory.timezone)  # raises if unknown


def test_the_31_territories_of_2021_are_flagged() -> None:
    flagged = {t.code for t in TERRITORIES.values() if t.spie_2021}
    assert len(flagged) == 31
    assert {"12", "CTG", "62", "78", "91", "6AE"} <= flagged
    assert not territory_by_code("44").spie_2021 and territory_by_code("44").spie_pilot


def test_the_pilots_are_the_14_the_ministry_names() -> None:
    from spie_protocol.territories import territory_list

    pilots = territory_list().pilots
    assert len(pilots) == 14
    piloted = {t.code for t in TERRITORIES.values() if t.spie_pilot}
    assert piloted == {code for pilot in pilots for code in pilot.territories}
    # Lyon's pilot was the metropolis, Martinique's the CTM, Bas-Rhin's is carried by the CeA.
    assert {"69M", "CTM", "6AE"} <= piloted and "69" not in piloted
    bretagne = [p for p in pilots if len(p.territories) > 1]
    assert [sorted(p.territories) for p in bretagne] == [["22", "29", "35", "56"]]


def test_territories_smaller_than_a_departement_have_a_parent() -> None:
    infra = [t for t in TERRITORIES.values() if t.kind is TerritoryKind.INFRA_DEPARTEMENTAL]
    assert {t.name for t in infra} == {"Pays Ajaccien", "Bastia", "Île-Rousse"}
    for territory in infra:
        assert territory.parent == "20R" and territory.spie
        assert set(territory.departements) <= set(TERRITORIES["20R"].departements)


def test_lookup_normalises_and_refuses_unknown_codes() -> None:
    assert territory_by_code(" 69m ").name == "Métropole de Lyon"
    assert territory_by_code("3").code == "03"
    with pytest.raises(NotFound) as caught:
        territory_by_code("99")
    assert "Territoire inconnu" in caught.value.message_fr


def test_sorted_territories_ignore_accents() -> None:
    names = [t.name for t in sorted_territories()]
    assert names.index("Ardèche") < names.index("Ardennes") < names.index("Ariège")


def test_choice_groups_show_the_spie_territories_first_by_kind() -> None:
    groups = choice_groups()
    spie = [g for g in groups if g.spie]
    assert groups[: len(spie)] == spie
    listed = [t.code for g in groups for t in g.territories]
    assert sorted(listed) == sorted(TERRITORIES)  # each once
    assert all(t.spie for g in spie for t in g.territories)
    first = {t.code for g in spie for t in g.territories}
    assert {"69M", "CTG", "CTM", "6AE", "12"} <= first
    for group in groups:
        assert len({t.kind for t in group.territories}) == 1


def test_search_by_name_or_code_in_french() -> None:
    assert [t.code for t in search_territories("lyon")] == ["69M"]
    assert "CTG" in [t.code for t in search_territories("guyane")]
    assert [t.code for t in search_territories("973")] == ["CTG"]
    assert "75C" in [t.code for t in search_territories("paris")]
    found = [t.code for t in search_territories("corse")]
    assert found[0] != "20R" and "20R" in found  # the SPIE ones (Corsican bassins) first
    assert [t.code for t in search_territories("ARDECHE")] == ["07"]
