"""The protocol's alert thresholds and the desktop's AlertRules are one thing on two sides:
the same fields, defaults and bounds (the server never imports the desktop)."""

from __future__ import annotations

from dataclasses import fields

import pytest
from pydantic import ValidationError as WireError

from spie_desktop.domain.alert_rules import MAX_DAYS, AlertRules
from spie_desktop.domain.errors import ValidationError
from spie_protocol.messages import MAX_ALERT_DAYS, AlertRulesModel


def test_the_wire_model_has_the_fields_and_defaults_of_the_desktop_rules() -> None:
    desktop = {f.name: f.default for f in fields(AlertRules)}
    wire = {name: info.default for name, info in AlertRulesModel.model_fields.items()}
    assert wire == desktop
    assert AlertRules(**AlertRulesModel().model_dump()) == AlertRules()


@pytest.mark.parametrize("name", [f.name for f in fields(AlertRules)])
@pytest.mark.parametrize("days", [0, 1, MAX_DAYS, MAX_DAYS + 1, True])
def test_both_sides_accept_and_refuse_the_same_thresholds(name: str, days: int) -> None:
    assert MAX_ALERT_DAYS == MAX_DAYS
    try:
        AlertRules(**{name: days})
        desktop_accepts = True
    except ValidationError:
        desktop_accepts = False
    try:
        AlertRulesModel.model_validate({name: days})
        wire_accepts = True
    except WireError:
        wire_accepts = False
    assert wire_accepts == desktop_accepts
