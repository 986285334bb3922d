"""The vertical slice: enrol, push, pull, checkpoint, against a real server."""

from __future__ import annotations

from tests.sync.conftest import Laptop, converged


def test_two_laptops_exchange_new_interviews(make_laptop) -> None:
    a: Laptop = make_laptop("a")
    b: Laptop = make_laptop("b")
    a.add_interview("Ana", "Silva")
    report = a.sync()
    assert report.ok, report.error_en
    assert report.pushed["interviews"] == 1 and report.pushed["answers"] == 5
    assert a.pending() == 0
    report_b = b.sync()
    assert report_b.ok, report_b.error_en
    assert report_b.pulled["people"] == 1
    assert report_b.pulled["answers"] == 5
    a.sync()
    assert converged(a, b)


def test_a_successful_sync_is_recorded_for_the_status_bar(make_laptop) -> None:
    from spie_desktop.services.status import read_status

    a: Laptop = make_laptop("a")
    assert read_status(a.session).last_sync_at is None
    a.add_interview("Ana", "Silva")
    assert a.sync().ok
    status = read_status(a.session)
    assert status.last_sync_at is not None and status.pending_changes == 0
