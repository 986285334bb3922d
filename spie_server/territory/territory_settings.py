"""A territory's settings for all its devices: its alert thresholds and its retention rules.

An administrator sets them with ``spie-server territory settings set``; every device of the
territory reads them at sync (``GET /v1/territory/settings``). A territory that has set none
answers ``alert_rules: null`` and each device keeps its own; ``retention: null`` means the
defaults (24 months after the end of support, 24 months without activity) apply.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from spie_protocol.messages import (
    MAX_ALERT_DAYS,
    AlertRulesModel,
    RetentionRulesModel,
    TerritorySettings,
)
from spie_server.admin_log import record_event
from spie_server.errors import ApiError
from spie_server.models import TerritorySetting, utc_now
from spie_server.territory.territories import get_territory


def territory_settings(session: Session, territory_id: int, code: str) -> TerritorySettings:
    """The settings a device of territory ``code`` receives."""
    row = session.get(TerritorySetting, territory_id)
    if row is None or (row.alert_rules is None and row.retention is None):
        return TerritorySettings(territory=code)
    alerts = row.alert_rules
    retention = row.retention
    return TerritorySettings(
        territory=code,
        alert_rules=AlertRulesModel.model_validate(alerts) if alerts is not None else None,
        retention=RetentionRulesModel.model_validate(retention) if retention is not None else None,
        updated_at=row.updated_at,
    )


def retention_rules(session: Session, territory_id: int) -> RetentionRulesModel:
    """The retention rules in force in a territory: its own, else the defaults."""
    row = session.get(TerritorySetting, territory_id)
    if row is None or row.retention is None:
        return RetentionRulesModel()
    return RetentionRulesModel.model_validate(row.retention)


def settings_of(session: Session, code: str) -> TerritorySettings:
    """The settings of territory ``code`` (unknown code: ``unknown_territory``)."""
    territory = get_territory(session, code)
    return territory_settings(session, territory.id, territory.code)


def set_alert_rules(session: Session, code: str, changes: dict[str, int]) -> AlertRulesModel:
    """Set some thresholds of territory ``code``; the others keep their current value (the
    default when the territory had set none). A value out of bounds changes nothing."""
    territory = get_territory(session, code)
    unknown = set(changes) - set(AlertRulesModel.model_fields)
    if unknown:
        raise ApiError(400, "unknown_setting", f"unknown alert threshold {sorted(unknown)[0]}")
    row = session.get(TerritorySetting, territory.id)
    current: dict[str, Any] = dict(row.alert_rules or {}) if row is not None else {}
    rules = _valid_rules({**AlertRulesModel().model_dump(), **current, **changes})
    if row is None:
        row = TerritorySetting(territory_id=territory.id, updated_at=utc_now())
        session.add(row)
    row.alert_rules = rules.model_dump()
    row.updated_at = utc_now()
    session.flush()
    record_event(
        session, "territory_settings_set", territory_id=territory.id, fields=sorted(changes)
    )
    return rules


def set_retention_rules(
    session: Session, code: str, changes: dict[str, int]
) -> RetentionRulesModel:
    """Set some retention months of territory ``code``; the others keep their current value
    (the default when the territory had set none). A value out of bounds changes nothing."""
    territory = get_territory(session, code)
    unknown = set(changes) - set(RetentionRulesModel.model_fields)
    if unknown:
        raise ApiError(400, "unknown_setting", f"unknown retention rule {sorted(unknown)[0]}")
    row = session.get(TerritorySetting, territory.id)
    current: dict[str, Any] = dict(row.retention or {}) if row is not None else {}
    try:
        rules = RetentionRulesModel.model_validate(
            {**RetentionRulesModel().model_dump(), **current, **changes}
        )
    except ValidationError as error:
        name = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise ApiError(
            400, "bad_setting", f"{name} must be a whole number of months from 1 to 240"
        ) from error
    if row is None:
        row = TerritorySetting(territory_id=territory.id, updated_at=utc_now())
        session.add(row)
    row.retention = rules.model_dump()
    row.updated_at = utc_now()
    session.flush()
    record_event(
        session, "territory_settings_set", territory_id=territory.id, fields=sorted(changes)
    )
    return rules


def clear_retention_rules(session: Session, code: str) -> bool:
    """Forget the territory's retention rules (the defaults apply); False if it had none."""
    territory = get_territory(session, code)
    row = session.get(TerritorySetting, territory.id)
    if row is None or row.retention is None:
        return False
    row.retention = None
    row.updated_at = utc_now()
    session.flush()
    record_event(session, "territory_retention_cleared", territory_id=territory.id)
    return True


def clear_alert_rules(session: Session, code: str) -> bool:
    """Forget the territory's thresholds (devices keep what they have and may edit them
    again); False if it had none."""
    territory = get_territory(session, code)
    row = session.get(TerritorySetting, territory.id)
    if row is None or row.alert_rules is None:
        return False
    row.alert_rules = None
    row.updated_at = utc_now()
    session.flush()
    record_event(session, "territory_settings_cleared", territory_id=territory.id)
    return True


def _valid_rules(values: dict[str, Any]) -> AlertRulesModel:
    try:
        return AlertRulesModel.model_validate(values)
    except ValidationError as error:
        name = ".".join(str(part) for part in error.errors()[0]["loc"])
        raise ApiError(
            400, "bad_setting", f"{name} must be a whole number of days from 1 to {MAX_ALERT_DAYS}"
        ) from error
