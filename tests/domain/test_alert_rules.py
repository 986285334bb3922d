"""A territory's alert thresholds: defaults, bounds, and their stored form."""

from __future__ import annotations

import pytest

from spie_desktop.domain.alert_rules import MAX_DAYS, AlertRules
from spie_desktop.domain.errors import ValidationError


def test_the_defaults_are_the_ones_the_point_de_situation_asks_for() -> None:
    rules = AlertRules()
    assert (
        rules.not_seen_after_orientation_days,
        rules.no_contact_days,
        rules.action_overdue_days,
        rules.gap_between_steps_days,
    ) == (30, 45, 15, 30)


@pytest.mark.parametrize("bad", [0, -5, MAX_DAYS + 1, True, 2.5, "30"])
def test_a_threshold_is_a_whole_number_of_days_within_a_year(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        AlertRules(no_contact_days=bad)  # type: ignore[arg-type]
    assert "entre 1 et 365" in caught.value.message_fr


def test_the_json_form_round_trips_and_ignores_what_a_newer_version_added() -> None:
    rules = AlertRules(no_contact_days=60, action_overdue_days=7)
    assert AlertRules.from_json(rules.to_json()) == rules
    assert AlertRules.from_json('{"no_contact_days": 20, "future_rule": 3}') == AlertRules(
        no_contact_days=20
    )
    for unreadable in ("not json", "[1, 2]"):
        with pytest.raises(ValidationError):
            AlertRules.from_json(unreadable)
