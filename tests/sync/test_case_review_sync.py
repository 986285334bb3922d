"""Case reviews travel: a session and a case made on one laptop arrive on a second one
through a real server, with the case under its session and the decisions kept; an edit on
the second comes back to the first."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from spie_desktop.domain.case_review import Decision, Participant, ReviewStatus
from spie_desktop.services import case_reviews as reviews
from tests.sync.conftest import Laptop

THURSDAY = datetime(2026, 12, 10, 13, 30, tzinfo=UTC)


def test_a_session_and_its_case_arrive_on_the_second_laptop(
    make_laptop: Callable[..., Laptop],
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    person = a.add_person("Lucie", "Martin").id
    case = reviews.flag_case(a.session, person, "Sans solution de garde", "Qui peut aider ?")
    review = reviews.save_review(
        a.session,
        THURSDAY,
        "Rodez",
        [Participant("Nadia B.", "Conseil départemental", "Référente sociale")],
    )
    reviews.schedule_case(a.session, case.id, review.id)
    reviews.save_decisions(
        a.session, case.id, [Decision("Demander une place en crèche", "CCAS", date(2027, 1, 15))]
    )
    assert a.sync().ok and b.sync().ok

    overview = reviews.reviews_overview(b.session)
    assert [(r.review_id, r.place, r.case_count) for r in overview.reviews] == [
        (review.id, "Rodez", 1)
    ]
    detail = reviews.review_detail(b.session, review.id)
    assert detail.review.starts_at == THURSDAY
    assert detail.review.participants == review.participants
    [arrived] = detail.cases
    assert (arrived.case_id, arrived.reference, arrived.person_name) == (
        case.id,
        case.reference,
        "Lucie MARTIN",
    )
    assert arrived.decisions == (
        Decision("Demander une place en crèche", "CCAS", date(2027, 1, 15)),
    )

    # Held, as recorded on b, reads so on a after both synced.
    reviews.save_review(
        b.session,
        THURSDAY,
        "Rodez",
        detail.review.participants,
        status=ReviewStatus.HELD,
        review_id=review.id,
    )
    assert b.sync().ok and a.sync().ok
    assert [r.status for r in reviews.reviews_overview(a.session).reviews] == [ReviewStatus.HELD]
