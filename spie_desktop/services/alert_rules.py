"""The alert thresholds this device uses: the territory's, else the defaults."""

from __future__ import annotations

import logging

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.errors import ValidationError
from spie_desktop.storage.session import Session

log = logging.getLogger(__name__)

#: Meta key holding the rules as JSON (see :meth:`AlertRules.to_json`).
ALERT_RULES_KEY = "alert_rules"


def current_rules(session: Session) -> AlertRules:
    """The rules in force on this device; the defaults when none were set or they are
    unreadable (logged, never fatal: an alert list is better than none)."""
    with session.uow(read_only=True) as uow:
        text = uow.meta.get(ALERT_RULES_KEY)
    if not text:
        return AlertRules()
    try:
        return AlertRules.from_json(text)
    except ValidationError:
        log.warning("stored alert rules unreadable: defaults used")
        return AlertRules()


def save_rules(session: Session, rules: AlertRules) -> None:
    with session.uow() as uow:
        uow.meta.set(ALERT_RULES_KEY, rules.to_json())
