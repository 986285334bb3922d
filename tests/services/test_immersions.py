"""Immersions on a real store: the rules refuse with French messages and write nothing; a
saved convention keeps its company among the employers and puts its start on the parcours;
the assessment, once it ended, puts its end there."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_details import PLANNED
from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.immersion import HostCompany, ImmersionObjective, Period
from spie_desktop.services import immersions
from spie_desktop.services.employers import employer_lines
from spie_desktop.services.purge import erase_person
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

from .immersion_fixtures import AFTER, BEFORE, OTHER_SIRET, SIRET, add_person, immersion


def _events(session: Session, person_id: object) -> list[tuple[FollowUpKind, bool]]:
    with session.uow(read_only=True) as uow:
        return [
            (e.kind, e.details.get(PLANNED) is True)
            for e in uow.events.list_for_person(person_id)  # type: ignore[arg-type]
            if e.kind in (FollowUpKind.IMMERSION_START, FollowUpKind.IMMERSION_END)
        ]


def test_a_45_day_immersion_is_refused_and_nothing_is_written(session: Session) -> None:
    person = add_person(session)
    long = immersion(person, Period(date(2027, 3, 1), date(2027, 4, 14)))
    with pytest.raises(ValidationError) as refused:
        immersions.save_immersion(session, long, now=BEFORE)
    assert refused.value.message_fr == (
        "Une immersion dure au plus un mois par convention : 45 jours demandés."
    )
    with session.uow(read_only=True) as uow:
        assert uow.immersions.list_all() == [] and uow.employers.list_all() == []
    assert _events(session, person) == []


def test_a_wrong_siret_is_refused(session: Session) -> None:
    person = add_person(session)
    wrong = immersion(person, siret="732 829 320 00075")
    with pytest.raises(ValidationError) as refused:
        immersions.save_immersion(session, wrong, now=BEFORE)
    assert refused.value.message_fr == "Le SIRET 73282932000075 n'est pas valide (clé de contrôle)."


def test_saving_keeps_the_employer_and_plans_the_start(session: Session) -> None:
    person = add_person(session)
    saved = immersions.save_immersion(
        session, immersion(person, siret="732 829 320 00074", weekly_hours=39.0), now=BEFORE
    )
    assert saved.immersion.company.siret == SIRET
    assert [w.message_fr[:23] for w in saved.warnings] == ["39 h par semaine dépass"]
    assert _events(session, person) == [(FollowUpKind.IMMERSION_START, True)]
    # Saved again (edited): no second start, still one employer.
    edited = replace(saved.immersion, activities="Vente au comptoir")
    immersions.save_immersion(session, edited, now=BEFORE)
    assert _events(session, person) == [(FollowUpKind.IMMERSION_START, True)]
    [line] = employer_lines(session)
    assert (line.name, line.siret, line.immersions, line.last) == (
        "Boulangerie du Maroni",
        SIRET,
        1,
        date(2027, 3, 1),
    )
    assert line.contact.startswith("Marc Dupuis")


def test_the_assessment_waits_for_the_end_then_records_it(session: Session) -> None:
    person = add_person(session)
    saved = immersions.save_immersion(session, immersion(person), now=BEFORE).immersion
    with pytest.raises(ValidationError) as early:
        immersions.record_assessment(session, saved.id, "Hygiène", "Embauche", now=BEFORE)
    assert early.value.message_fr.startswith("Le bilan se recueille à la fin de l'immersion")
    assessed = immersions.record_assessment(
        session, saved.id, "Hygiène, rapidité", "Proposition de CDD", now=AFTER
    )
    assert assessed.assessment is not None
    assert assessed.assessment.follow_up == "Proposition de CDD"
    assert _events(session, person) == [
        (FollowUpKind.IMMERSION_START, True),
        (FollowUpKind.IMMERSION_START, False),
        (FollowUpKind.IMMERSION_END, False),
    ]
    path = TimelineService(session).path(person, now=AFTER)
    assert FollowUpKind.IMMERSION_END in {getattr(step, "kind", None) for step in path}


def test_renewed_once_for_the_same_objective(session: Session) -> None:
    person = add_person(session)
    first = immersions.save_immersion(
        session, immersion(person, objective=ImmersionObjective.CONFIRM), now=BEFORE
    ).immersion
    april = Period(date(2027, 4, 5), date(2027, 4, 9))
    renewal = immersion(person, april, objective=ImmersionObjective.CONFIRM, renewal_of=first.id)
    renewal = immersions.save_immersion(session, renewal, now=BEFORE).immersion
    may = Period(date(2027, 5, 3), date(2027, 5, 7))
    second = immersion(person, may, objective=ImmersionObjective.CONFIRM, renewal_of=renewal.id)
    with pytest.raises(ValidationError) as refused:
        immersions.save_immersion(session, second, now=BEFORE)
    assert "second renouvellement n'est pas possible" in refused.value.message_fr


def test_employers_are_searched_by_name_trade_sector_and_commune(session: Session) -> None:
    a, b = add_person(session), add_person(session, "Jean", "Abaka")
    immersions.save_immersion(session, immersion(a), now=BEFORE)
    immersions.save_immersion(
        session, immersion(b, Period(date(2027, 3, 8), date(2027, 3, 12))), now=BEFORE
    )
    post = immersion(b, siret=OTHER_SIRET, company="La Poste Kourou")
    post.company = replace(post.company, commune="Kourou", sector="53.10Z Activités de poste")
    post.trade_label = "Distribution de courrier"
    immersions.save_immersion(session, post, now=BEFORE)
    TimelineService(session).add_event(
        a, FollowUpKind.EMPLOYMENT, date(2026, 12, 1), details={"employer": "Garage Élysée"}
    )

    everyone = employer_lines(session)
    assert [(e.name, e.immersions, e.hires) for e in everyone] == [
        ("Boulangerie du Maroni", 2, 0),
        ("Garage Élysée", 0, 1),
        ("La Poste Kourou", 1, 0),
    ]
    assert everyone[0].last == date(2027, 3, 8)
    names = {
        query: [e.name for e in employer_lines(session, query)]
        for query in ("boulangerie", "COURRIER", "kourou", "poste activites", "garage elysee")
    }
    assert names == {
        "boulangerie": ["Boulangerie du Maroni"],
        "COURRIER": ["La Poste Kourou"],
        "kourou": ["La Poste Kourou"],
        "poste activites": ["La Poste Kourou"],
        "garage elysee": ["Garage Élysée"],
    }


def test_a_second_company_name_for_a_known_siret_keeps_the_first(session: Session) -> None:
    person = add_person(session)
    immersions.save_immersion(session, immersion(person), now=BEFORE)
    other = immersion(person, Period(date(2027, 3, 8), date(2027, 3, 9)))
    other.company = HostCompany("Boulangerie Maroni SARL", SIRET)
    immersions.save_immersion(session, other, now=BEFORE)
    [line] = employer_lines(session)
    assert (line.name, line.immersions, line.commune) == (
        "Boulangerie du Maroni",
        2,
        "Saint-Laurent-du-Maroni",
    )


def test_erasing_the_person_forgets_their_immersions_not_the_employer(session: Session) -> None:
    person = add_person(session)
    immersions.save_immersion(session, immersion(person), now=BEFORE)
    erase_person(session, person, "Demande de la personne (art. 17)")
    with session.uow(read_only=True) as uow:
        assert uow.immersions.list_all() == []
        assert [e.name for e in uow.employers.list_all()] == ["Boulangerie du Maroni"]
    [line] = employer_lines(session)
    assert line.immersions == 0
