"""PMSMP rules, table-driven: SIRET keys (La Poste's rule too), one month per convention,
periods, renewal once for the same objective, weekly hours as a warning."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.immersion import (
    Assessment,
    HostCompany,
    Immersion,
    ImmersionObjective,
    Period,
    check_assessment,
    check_immersion,
    immersion_problems,
    is_immersion_action,
)
from spie_desktop.domain.immersion_periods import parse_periods, periods_text
from spie_desktop.domain.immersion_siret import checked_siret, siret_problem

GOOD_SIRET = "73282932000074"
D = date


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        (GOOD_SIRET, None),
        ("732 829 320 00074", None),
        ("35600000000048", None),  # La Poste's head office: Luhn key valid
        ("35600000049837", None),  # La Poste: digits sum to a multiple of 5, Luhn wrong
        ("35600000012345", "Le SIRET 35600000012345 n'est pas valide (clé de contrôle)."),
        ("73282932000075", "Le SIRET 73282932000075 n'est pas valide (clé de contrôle)."),
        ("12345678901234", "Le SIRET 12345678901234 n'est pas valide (clé de contrôle)."),
        # Sums to a multiple of 5 but is not La Poste's: the Luhn key alone applies.
        ("12345678900005", "Le SIRET 12345678900005 n'est pas valide (clé de contrôle)."),
        ("7328293200007", "Le SIRET doit compter 14 chiffres : 13 saisis."),
        ("7328293200007A", "Le SIRET 7328293200007A ne doit contenir que des chiffres."),
        ("", "Indiquez le SIRET de l'entreprise d'accueil (14 chiffres)."),
    ],
)
def test_siret(typed: str, problem: str | None) -> None:
    assert siret_problem(typed) == problem


def test_a_checked_siret_is_normalised_and_a_wrong_one_refused() -> None:
    assert checked_siret("732 829 320 00074") == GOOD_SIRET
    with pytest.raises(ValidationError) as refused:
        checked_siret("73282932000075")
    assert refused.value.field == "siret"


@pytest.mark.parametrize(
    ("label", "immersion"),
    [
        ("Réalisation d’une PMSMP", True),
        ("Immersion en entreprise", True),
        ("Période de mise en situation en milieu professionnel", True),
        ("Réalisation d’un stage", False),
        ("Accès à un mode de garde", False),
    ],
)
def test_which_action_is_an_immersion(label: str, immersion: bool) -> None:
    assert is_immersion_action(label) is immersion


def _immersion(*periods: tuple[date, date], **extra: object) -> Immersion:
    return Immersion(
        action_id=uuid.uuid4(),
        person_id=uuid.uuid4(),
        company=HostCompany("Boulangerie du Maroni", GOOD_SIRET, "1 rue", "Saint-Laurent", ""),
        periods=tuple(Period(s, e) for s, e in periods),
        **extra,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        ([(D(2027, 3, 1), D(2027, 3, 5))], None),  # a week
        ([(D(2027, 2, 1), D(2027, 3, 3))], None),  # 31 days: one month
        ([(D(2027, 3, 1), D(2027, 3, 10)), (D(2027, 4, 1), D(2027, 4, 21))], None),  # 31 split
        (
            [(D(2027, 3, 1), D(2027, 4, 14))],
            "Une immersion dure au plus un mois par convention : 45 jours demandés.",
        ),
        (
            [(D(2027, 3, 1), D(2027, 3, 20)), (D(2027, 5, 1), D(2027, 5, 12))],
            "Une immersion dure au plus un mois par convention : 32 jours demandés.",
        ),
        (
            [(D(2027, 3, 5), D(2027, 3, 1))],
            "La période du 05/03/2027 se termine avant de commencer (01/03/2027).",
        ),
        (
            [(D(2027, 3, 1), D(2027, 3, 8)), (D(2027, 3, 8), D(2027, 3, 12))],
            "Les périodes du 01/03/2027 et du 08/03/2027 se chevauchent.",
        ),
        ([], "Indiquez au moins une période (début et fin)."),
    ],
)
def test_periods(periods: list[tuple[date, date]], message: str | None) -> None:
    errors = [p.message_fr for p in immersion_problems(_immersion(*periods)) if not p.warning]
    assert errors == ([] if message is None else [message])


WEEK = (D(2027, 3, 1), D(2027, 3, 5))


@pytest.mark.parametrize(
    ("hours", "warned", "refused"),
    [(None, False, False), (35.0, False, False), (39.0, True, False), (0.0, False, True)],
)
def test_weekly_hours_over_35_only_warn(hours: float | None, warned: bool, refused: bool) -> None:
    immersion = _immersion(WEEK, weekly_hours=hours)
    if refused:
        with pytest.raises(ValidationError):
            check_immersion(immersion)
        return
    warnings = check_immersion(immersion)
    assert bool(warnings) is warned
    if warned:
        assert warnings[0].message_fr.startswith("39 h par semaine dépassent la durée légale")


def test_a_renewal_for_the_same_objective_is_allowed_once() -> None:
    first = _immersion(WEEK, objective=ImmersionObjective.CONFIRM)
    renewal = _immersion(WEEK, objective=ImmersionObjective.CONFIRM, renewal_of=first.id)
    assert check_immersion(renewal, renewed=first, others=[first]) == []

    second = _immersion(WEEK, objective=ImmersionObjective.CONFIRM, renewal_of=renewal.id)
    with pytest.raises(ValidationError) as chained:
        check_immersion(second, renewed=renewal, others=[first, renewal])
    assert "second renouvellement n'est pas possible" in chained.value.message_fr

    again = _immersion(WEEK, objective=ImmersionObjective.CONFIRM, renewal_of=first.id)
    with pytest.raises(ValidationError) as twice:
        check_immersion(again, renewed=first, others=[first, renewal])
    assert "second renouvellement n'est pas possible" in twice.value.message_fr


def test_a_renewal_keeps_the_objective() -> None:
    first = _immersion(WEEK, objective=ImmersionObjective.DISCOVER)
    other = _immersion(WEEK, objective=ImmersionObjective.RECRUIT, renewal_of=first.id)
    with pytest.raises(ValidationError) as refused:
        check_immersion(other, renewed=first)
    assert "garde l'objectif" in refused.value.message_fr


def test_a_wrong_siret_or_no_company_is_refused() -> None:
    immersion = _immersion(WEEK)
    immersion.company = HostCompany("", "73282932000075")
    messages = [p.message_fr for p in immersion_problems(immersion)]
    assert messages == [
        "Indiquez le nom de l'entreprise d'accueil.",
        "Le SIRET 73282932000075 n'est pas valide (clé de contrôle).",
    ]


def test_the_assessment_waits_for_the_end() -> None:
    immersion = _immersion(WEEK)
    with pytest.raises(ValidationError) as early:
        check_assessment(immersion, D(2027, 3, 4))
    assert early.value.message_fr == (
        "Le bilan se recueille à la fin de l'immersion (elle se termine le 05/03/2027)."
    )
    check_assessment(immersion, D(2027, 3, 5))
    immersion.assessment = Assessment("Ponctualité", "Embauche", D(2027, 3, 5))
    assert immersion.has_ended(D(2027, 3, 5))


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("01/03/2027 - 05/03/2027", [(D(2027, 3, 1), D(2027, 3, 5))]),
        (
            "du 1/3/2027 au 5/3/2027\n\n15/03/2027–16/03/2027",
            [(D(2027, 3, 1), D(2027, 3, 5)), (D(2027, 3, 15), D(2027, 3, 16))],
        ),
        ("", []),
    ],
)
def test_periods_as_typed(text: str, periods: list[tuple[date, date]]) -> None:
    parsed = parse_periods(text)
    assert parsed == tuple(Period(s, e) for s, e in periods)
    assert parse_periods(periods_text(parsed)) == parsed


@pytest.mark.parametrize("text", ["01/03/2027", "31/02/2027 - 05/03/2027", "demain"])
def test_unreadable_periods(text: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_periods("01/03/2027 - 02/03/2027\n" + text)
    assert refused.value.message_fr.startswith("Ligne 2 des périodes illisible")
