"""The alert thresholds this device uses: the territory's, else its own, else the defaults.

The sync run keeps the territory's thresholds when its server has some
(:mod:`spie_desktop.sync.territory_rules`); they are then read-only here. Otherwise a
counsellor may set the device's own with :func:`save_rules`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.storage.session import Session
from spie_desktop.sync.state_keys import ALERT_RULES_FROM_TERRITORY_KEY, ALERT_RULES_KEY

__all__ = [
    "ALERT_RULES_KEY",
    "RulesInForce",
    "TerritoryRulesLocked",
    "current_rules",
    "rules_in_force",
    "save_rules",
]

log = logging.getLogger(__name__)


class TerritoryRulesLocked(ValidationError):
    """The territory set the thresholds on its server: the device cannot change them."""

    def __init__(self) -> None:
        super().__init__(
            say(
                "Les seuils d'alerte sont fixés par le territoire : seul son administrateur peut "
                "les changer, sur le serveur."
            ),
            "alert thresholds are set by the territory server",
            "alert_rules",
        )


@dataclass(frozen=True)
class RulesInForce:
    rules: AlertRules
    #: True while the thresholds are those the territory set on its server (read-only).
    from_territory: bool


def current_rules(session: Session) -> AlertRules:
    """The rules in force on this device; the defaults when none were set or they are
    unreadable (logged, never fatal: an alert list is better than none)."""
    return rules_in_force(session).rules


def rules_in_force(session: Session) -> RulesInForce:
    """The rules in force, and whether the territory set them."""
    with session.uow(read_only=True) as uow:
        text = uow.meta.get(ALERT_RULES_KEY)
        from_territory = uow.meta.get(ALERT_RULES_FROM_TERRITORY_KEY) is not None
    if not text:
        return RulesInForce(AlertRules(), from_territory)
    try:
        return RulesInForce(AlertRules.from_json(text), from_territory)
    except ValidationError:
        log.warning("stored alert rules unreadable: defaults used")
        return RulesInForce(AlertRules(), from_territory)


def save_rules(session: Session, rules: AlertRules) -> None:
    """Set the device's own thresholds; refused while the territory's are in force."""
    with session.uow() as uow:
        if uow.meta.get(ALERT_RULES_FROM_TERRITORY_KEY) is not None:
            raise TerritoryRulesLocked()
        uow.meta.set(ALERT_RULES_KEY, rules.to_json())
