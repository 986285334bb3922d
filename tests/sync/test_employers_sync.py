"""Employers travel and stay one per company: two laptops each set up an immersion with the
same company (same SIRET); through a real server both end with one employer that hosted two
immersions — the registry's twins keep the record with the smaller id everywhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spie_desktop.domain.immersion import Period
from spie_desktop.services import immersions
from spie_desktop.services.employers import employer_lines
from tests.services.immersion_fixtures import BEFORE, SIRET, immersion
from tests.sync.conftest import Laptop, converged


def _employer_ids(laptop: Laptop) -> list[str]:
    return sorted(laptop.snapshot()["employers"])


def test_the_same_company_on_two_laptops_is_one_employer_with_two_immersions(
    make_laptop: Callable[..., Laptop],
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    ana = a.add_person("Ana", "Silva").id
    jean = b.add_person("Jean", "Abaka").id
    immersions.save_immersion(a.session, immersion(ana), now=BEFORE)
    second_week = Period(date(2027, 3, 8), date(2027, 3, 12))
    immersions.save_immersion(b.session, immersion(jean, second_week), now=BEFORE)
    made = {_employer_ids(a)[0], _employer_ids(b)[0]}
    assert len(made) == 2  # each laptop made its own record of the company

    assert a.sync().ok and b.sync().ok and a.sync().ok and b.sync().ok
    assert converged(a, b)
    for laptop in (a, b):
        assert _employer_ids(laptop) == [min(made)]
        [line] = employer_lines(laptop.session)
        assert (line.siret, line.immersions, line.last) == (SIRET, 2, date(2027, 3, 8))
        assert laptop.pending() == 0
