"""The rules of an end of support and of a restriction, and their details in words."""

from __future__ import annotations

from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_words import details_in_words
from spie_desktop.domain.events import FOLLOW_UP_LABELS, FollowUpKind
from spie_desktop.domain.support_end import (
    OUTCOME_LABELS,
    FileFrozen,
    FileState,
    SupportOutcome,
    check_end_day,
    restricted_by,
)

K = FollowUpKind
TODAY = date(2026, 12, 5)


def test_the_outcomes_and_the_new_kinds_have_their_french_labels() -> None:
    assert [o.value for o in SupportOutcome] == [
        "emploi_durable",
        "emploi_court",
        "formation_qualifiante",
        "creation_activite",
        "reorientation",
        "demenagement",
        "sans_nouvelles",
        "deces",
        "autre",
    ]
    assert OUTCOME_LABELS[SupportOutcome.EMPLOYMENT_LASTING] == "Emploi durable (6 mois ou plus)"
    assert FOLLOW_UP_LABELS[K.SUPPORT_REOPENED] == "Reprise de l'accompagnement"
    assert FOLLOW_UP_LABELS[K.RESTRICTED] == "Limitation du traitement"
    assert FOLLOW_UP_LABELS[K.RESTRICTION_LIFTED] == "Fin de la limitation"


@pytest.mark.parametrize(
    ("day", "oriented", "words"),
    [
        (date(2026, 12, 6), None, "futur"),
        (date(2026, 3, 1), date(2026, 3, 2), "précéder l'orientation (le 02/03/2026)"),
    ],
)
def test_an_end_day_is_between_the_orientation_and_today(
    day: date, oriented: date | None, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        check_end_day(day, today=TODAY, oriented_on=oriented)
    assert words in refused.value.message_fr
    check_end_day(TODAY, today=TODAY, oriented_on=date(2026, 3, 2))
    check_end_day(date(2026, 3, 2), today=TODAY, oriented_on=date(2026, 3, 2))


def test_the_latest_restriction_event_decides() -> None:
    assert not restricted_by([])
    assert restricted_by([K.CONTACT, K.RESTRICTED, K.CONTACT])
    assert not restricted_by([K.RESTRICTED, K.RESTRICTION_LIFTED])
    assert restricted_by([K.RESTRICTED, K.RESTRICTION_LIFTED, K.RESTRICTED])


def test_a_frozen_file_takes_only_what_unfreezes_it() -> None:
    closed, restricted = FileState(closed=True), FileState(restricted=True)
    both = FileState(closed=True, restricted=True)
    for kind in (K.SUPPORT_REOPENED, K.RESTRICTED, K.RESTRICTION_LIFTED):
        closed.check_change(kind)
    restricted.check_change(K.RESTRICTION_LIFTED)
    both.check_change(K.RESTRICTION_LIFTED)
    for state, kind in [
        (closed, None),
        (closed, K.CONTACT),
        (restricted, None),
        (restricted, K.SUPPORT_REOPENED),
        (both, K.SUPPORT_REOPENED),
    ]:
        with pytest.raises(FileFrozen):
            state.check_change(kind)
    FileState().check_change(None)


def test_details_are_said_in_words() -> None:
    assert details_in_words({"outcome": "reorientation"}) == [
        "Issue : Réorientation vers un autre accompagnement"
    ]
    assert details_in_words({"channel": "phone", "planned": True}) == [
        "Moyen : Téléphone",
        "Prévu",
    ]
    assert details_in_words(
        {"month": 3, "still_in_work": False, "difficulties": ["transport"], "hours": 20}
    ) == [
        "Suivi à 3 mois",
        "Toujours en emploi : non",
        "Difficultés : Transport",
        "20 h par semaine",
    ]
    assert details_in_words({"reason": "Demande"}) == ["Motif : Demande"]
