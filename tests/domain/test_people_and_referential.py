from __future__ import annotations

from datetime import date, timedelta

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import Person, fold_name
from spie_desktop.domain.records import Record
from spie_desktop.domain.referential import EMPLOI_THEMES, SOCIAL_THEMES, themes


def test_referential_has_16_themes_and_88_situations() -> None:
    loaded = themes()
    assert len(loaded) == 16
    assert sum(len(t.situations) for t in loaded.values()) == 88
    assert sum(len(t.objectives) for t in loaded.values()) == 58
    assert sum(len(t.actions) for t in loaded.values()) == 134
    assert set(SOCIAL_THEMES) | set(EMPLOI_THEMES) == set(loaded)
    assert loaded["mobilite"].field is Field.SOCIAL
    assert loaded["choisir_un_metier"].field is Field.EMPLOI
    assert "Aidant familial (s’occuper d’un proche)" in loaded["contraintes_familiales"].situations


def test_person_needs_a_name_and_a_plausible_birth_date() -> None:
    with pytest.raises(ValidationError) as caught:
        Person(first_name=" ", last_name="Martin").validate()
    assert caught.value.field == "first_name"
    with pytest.raises(ValidationError, match="future"):
        Person(
            first_name="Léa", last_name="Martin", birth_date=date.today() + timedelta(days=1)
        ).validate()
    Person(first_name="Léa", last_name="Martin", birth_date=date(1979, 5, 2)).validate()


def test_age_and_full_name() -> None:
    person = Person(first_name="Hélène", last_name="Lefèvre", birth_date=date(1979, 5, 2))
    assert person.full_name == "Hélène LEFÈVRE"
    assert person.age_on(date(2026, 5, 1)) == 46
    assert person.age_on(date(2026, 5, 2)) == 47


def test_fold_name_removes_case_accents_and_punctuation() -> None:
    assert fold_name("  LEFÈVRE-D’Arc ") == "lefevre d arc"


def test_touch_bumps_version_and_stamps_author() -> None:
    record = Record()
    author = Record().id
    before = record.updated_at
    record.touch(author)
    assert record.version == 2 and record.updated_by == author and record.updated_at >= before
