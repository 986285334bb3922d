"""A restricted file (RGPD art. 18) stays on the device that holds its pending changes:
only the restriction events reach the server until the restriction is lifted; then the
held changes go, in order."""

from __future__ import annotations

from dataclasses import replace

import pytest

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.support_end import FileFrozen
from spie_desktop.services.support import SupportService
from spie_desktop.services.timeline import TimelineService
from tests.sync.conftest import Laptop


def kinds_on(laptop: Laptop, person_id: object) -> list[FollowUpKind]:
    with laptop.session.uow(read_only=True) as uow:
        return [e.kind for e in uow.events.list_for_person(person_id)]  # type: ignore[arg-type]


def held(laptop: Laptop) -> int:
    """Entries still pending in the outbox, held back or not."""
    with laptop.session.uow(read_only=True) as uow:
        return uow.outbox.status_counts().get("pending", 0)


def test_only_the_restriction_leaves_until_it_is_lifted(make_laptop) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    person = a.add_person("Lucie", "Martin", commune="Rodez")
    other = a.add_person("Paul", "Durand")
    assert a.sync().ok and b.sync().ok

    # Changes made before the restriction, not yet sent: held back with the file.
    timeline = TimelineService(a.session)
    timeline.add_event(person.id, FollowUpKind.CONTACT, timeline.today())
    read = a.people().get(person.id)
    a.people().update_identity(person.id, replace(read.identity, commune="Millau"), read.version)
    support = SupportService(a.session)
    support.restrict(person.id, "Demande de la personne")
    timeline.add_event(other.id, FollowUpKind.CONTACT, timeline.today())  # another file: goes

    assert a.sync().ok and b.sync().ok
    assert kinds_on(b, person.id) == [FollowUpKind.RESTRICTED]
    assert b.people().get(person.id).commune == "Rodez"
    assert kinds_on(b, other.id) == [FollowUpKind.CONTACT]
    assert a.pending() == 0 and held(a) == 2  # the contact and the identity wait
    with pytest.raises(FileFrozen):  # the restriction applies on the other device too
        TimelineService(b.session).add_event(person.id, FollowUpKind.CONTACT, timeline.today())

    support.lift_restriction(person.id)
    assert a.pending() == 3
    assert a.sync().ok and b.sync().ok
    assert sorted(kinds_on(b, person.id)) == sorted(
        [FollowUpKind.RESTRICTED, FollowUpKind.CONTACT, FollowUpKind.RESTRICTION_LIFTED]
    )
    assert b.people().get(person.id).commune == "Millau"
    assert held(a) == 0


def test_a_file_restricted_before_its_first_sync_stays_here_whole(make_laptop) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    person = a.add_person("Inès", "Roux")
    support = SupportService(a.session)
    support.restrict(person.id, "Demande de la personne")
    assert a.sync().ok and b.sync().ok
    assert person.id not in {p.id for p in b.people().list_summaries()}
    assert a.pending() == 0 and held(a) == 2  # the person and the restriction wait

    support.lift_restriction(person.id)
    assert a.sync().ok and b.sync().ok
    assert kinds_on(b, person.id) == [FollowUpKind.RESTRICTED, FollowUpKind.RESTRICTION_LIFTED]
    assert held(a) == 0
