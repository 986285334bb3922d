"""The territory's alert thresholds and retention rule, fetched once per sync run and kept in
the store.

``GET /v1/territory/settings`` answers what the territory's administrator set for every
device. When the territory set thresholds, they replace the device's and are marked as the
territory's (the settings dialog then shows them read-only); when it set none, the device
keeps what it has (the defaults or its own) and may edit them again. A server older than
this endpoint answers 404: the device keeps what it has, and the sync is not the worse for it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.retention import RetentionRules
from spie_protocol.messages import TerritorySettings

from .state_keys import ALERT_RULES_FROM_TERRITORY_KEY, ALERT_RULES_KEY, RETENTION_RULES_KEY

if TYPE_CHECKING:
    from spie_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


def keep_territory_rules(uow: UnitOfWork, settings: TerritorySettings) -> bool:
    """Store the territory's thresholds, if it set some; True if the device now uses them.
    Its retention rule is kept too (:func:`keep_retention_rules`)."""
    keep_retention_rules(uow, settings)
    model = settings.alert_rules
    if model is None:
        uow.meta.delete(ALERT_RULES_FROM_TERRITORY_KEY)
        return False
    rules = AlertRules(**model.model_dump())
    uow.meta.set(ALERT_RULES_KEY, rules.to_json())
    stamp = settings.updated_at.isoformat() if settings.updated_at else "unknown"
    uow.meta.set(ALERT_RULES_FROM_TERRITORY_KEY, stamp)
    log.info("alert thresholds of the territory kept")
    return True


def keep_retention_rules(uow: UnitOfWork, settings: TerritorySettings) -> None:
    """Store the territory's retention rule; none set: the defaults apply (24 and 24 months)."""
    model = settings.retention
    if model is None:
        uow.meta.delete(RETENTION_RULES_KEY)
        return
    uow.meta.set(RETENTION_RULES_KEY, RetentionRules(**model.model_dump()).to_json())
    log.info("retention rule of the territory kept")
