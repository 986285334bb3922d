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
