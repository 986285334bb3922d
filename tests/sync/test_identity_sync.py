"""An identity corrected on one laptop reaches the others through the server."""

from __future__ import annotations

from dataclasses import replace

from tests.sync.conftest import Laptop


def test_identity_correction_syncs_to_the_other_laptop(make_laptop) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    person = a.add_person("Lucie", "Martin", phone="06 01 01 01 01", commune="Rodez")
    assert a.sync().ok and b.sync().ok

    read = a.people().get(person.id)
    corrected = replace(
        read.identity, last_name="Martin-Louis", phone="+594 694 12 34 56", email="lucie@example.fr"
    )
    a.people().update_identity(person.id, corrected, read.version)
    assert a.sync().ok and b.sync().ok

    on_b = b.people().get(person.id)
    assert (on_b.last_name, on_b.phone, on_b.email, on_b.commune) == (
        "Martin-Louis",
        "06 94 12 34 56",
        "lucie@example.fr",
        "Rodez",
    )
