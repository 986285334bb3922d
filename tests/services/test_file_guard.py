"""The guard of a person's records read for everyone at once (:func:`frozen_people`, what a
list import uses) refuses exactly the files the one-person guard refuses."""

from __future__ import annotations

from datetime import date

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.support_end import FileFrozen
from spie_desktop.services.file_guard import editable_person, frozen_people
from spie_desktop.services.people import PeopleService
from spie_desktop.services.support import SupportService
from spie_desktop.storage.session import Session

#: The changes whose refusal differs: any change, an orientation, and the events a frozen
#: file still takes (its reopening, a restriction's lifting).
CHANGES = (
    None,
    FollowUpKind.ORIENTATION,
    FollowUpKind.SUPPORT_REOPENED,
    FollowUpKind.RESTRICTED,
    FollowUpKind.RESTRICTION_LIFTED,
)


def test_everyone_at_once_refuses_what_one_by_one_refuses(session: Session) -> None:
    people = PeopleService(session)
    support = SupportService(session)
    today = support.timeline.today()
    made = {
        name: people.create_person("Camille", name, date(1980, 1, n + 1)).id
        for n, name in enumerate(
            ("Ouvert", "Clos", "Rouvert", "Limité", "Levé", "CloseLimitée", "ReclosRouvertClos")
        )
    }
    support.close(made["Clos"], "sans_nouvelles", today)
    support.close(made["Rouvert"], "sans_nouvelles", today)
    support.reopen(made["Rouvert"], "Elle revient vers nous.")
    support.restrict(made["Limité"], "Demande de la personne.")
    support.restrict(made["Levé"], "Demande de la personne.")
    support.lift_restriction(made["Levé"])
    support.close(made["CloseLimitée"], "sans_nouvelles", today)
    support.restrict(made["CloseLimitée"], "Demande de la personne.")
    twice = made["ReclosRouvertClos"]
    support.close(twice, "sans_nouvelles", today)
    support.reopen(twice, "Elle revient vers nous.")
    support.close(twice, "sans_nouvelles", today)

    with session.uow(read_only=True) as uow:
        for change in CHANGES:
            one_by_one = set()
            for person_id in made.values():
                try:
                    editable_person(uow, person_id, change)
                except FileFrozen:
                    one_by_one.add(person_id)
            assert frozen_people(uow, change) == one_by_one, change
        # Varied enough to mean something: refused and accepted files alike.
        assert frozen_people(uow, None) == {
            made[name] for name in ("Clos", "Limité", "CloseLimitée", "ReclosRouvertClos")
        }
        assert frozen_people(uow, FollowUpKind.SUPPORT_REOPENED) == {
            made["Limité"],
            made["CloseLimitée"],
        }
