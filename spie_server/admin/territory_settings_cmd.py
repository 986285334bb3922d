"""``spie-server territory settings show|set|clear``: a territory's alert thresholds and its
retention rules.

``set`` changes only the values it is given; the others keep their value (the default when
the territory had set none). Devices receive them at their next sync; ``spie-server retention
run`` applies the retention rules.
"""

from __future__ import annotations

import argparse
from typing import Any

from spie_protocol.messages import (
    MAX_ALERT_DAYS,
    AlertRulesModel,
    RetentionRulesModel,
    TerritorySettings,
)
from spie_server.admin.admin_engine import admin_engine
from spie_server.db import session_scope
from spie_server.settings import Settings
from spie_server.territory.territory_settings import (
    clear_alert_rules,
    clear_retention_rules,
    set_alert_rules,
    set_retention_rules,
    settings_of,
)

SubParsers = Any  # argparse's _SubParsersAction is private

#: What each threshold means, for ``--help`` and ``show``.
MEANINGS = {
    "not_seen_after_orientation_days": "oriented and not seen within N days",
    "no_contact_days": "no contact for N days",
    "action_overdue_days": "a planned action overdue by N days",
    "gap_between_steps_days": "more than N days between one step's end and the next's start",
}

#: The retention rules: their option, and what each means.
RETENTION_OPTIONS = {
    "after_end_of_support_months": "--retention-after-end",
    "after_last_activity_months": "--retention-after-activity",
}
RETENTION_MEANINGS = {
    "after_end_of_support_months": "purge a file N months after the end of support",
    "after_last_activity_months": "purge a file N months after its last activity",
}
MAX_RETENTION_MONTHS = 240


def register(territory_actions: SubParsers, common: Any) -> None:
    """Add ``territory settings show|set|clear``."""
    settings = territory_actions.add_parser(
        "settings", parents=[common], help="a territory's alert thresholds and retention rules"
    )
    ssub = settings.add_subparsers(dest="settings_action", required=True)
    show = ssub.add_parser("show", parents=[common], help="print the territory's thresholds")
    show.add_argument("code")
    show.set_defaults(handler=_show)
    change = ssub.add_parser(
        "set", parents=[common], help="set some thresholds (days); the others are kept"
    )
    change.add_argument("code")
    for name in AlertRulesModel.model_fields:
        change.add_argument(
            _option(name), dest=name, metavar="DAYS", help=f"{MEANINGS[name]} (1-{MAX_ALERT_DAYS})"
        )
    for name, option in RETENTION_OPTIONS.items():
        change.add_argument(
            option,
            dest=name,
            metavar="MONTHS",
            help=f"{RETENTION_MEANINGS[name]} (1-{MAX_RETENTION_MONTHS})",
        )
    change.set_defaults(handler=_set)
    clear = ssub.add_parser(
        "clear",
        parents=[common],
        help="forget the thresholds (each device keeps its own) and the retention rules",
    )
    clear.add_argument("code")
    clear.set_defaults(handler=_clear)


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def parse_days(name: str, text: str) -> int:
    """A threshold as typed on the command line; anything but 1..MAX days is refused."""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_ALERT_DAYS:
        raise ValueError(
            f"{_option(name)} must be a whole number of days from 1 to {MAX_ALERT_DAYS}, "
            f"not {text!r}"
        )
    return int(value)


def parse_months(name: str, text: str) -> int:
    """A retention rule as typed on the command line: 1..240 whole months."""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_RETENTION_MONTHS:
        raise ValueError(
            f"{RETENTION_OPTIONS[name]} must be a whole number of months from 1 to "
            f"{MAX_RETENTION_MONTHS}, not {text!r}"
        )
    return int(value)


def _show(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        current = settings_of(session, args.code)
    _print(current)
    return 0


def _set(args: argparse.Namespace, settings: Settings) -> int:
    changes = {
        name: parse_days(name, getattr(args, name))
        for name in AlertRulesModel.model_fields
        if getattr(args, name) is not None
    }
    retention = {
        name: parse_months(name, getattr(args, name))
        for name in RETENTION_OPTIONS
        if getattr(args, name) is not None
    }
    if not changes and not retention:
        names = [_option(n) for n in AlertRulesModel.model_fields] + list(
            RETENTION_OPTIONS.values()
        )
        raise ValueError(f"nothing to set: give at least one of {', '.join(names)}")
    with session_scope(admin_engine(settings)) as session:
        if changes:
            set_alert_rules(session, args.code, changes)
        if retention:
            set_retention_rules(session, args.code, retention)
        current = settings_of(session, args.code)
    _print(current)
    return 0


def _clear(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        cleared = clear_alert_rules(session, args.code)
        retention_cleared = clear_retention_rules(session, args.code)
    if cleared:
        print(f"territory {args.code}: alert thresholds cleared; devices keep their own")
    else:
        print(f"territory {args.code}: no alert thresholds were set")
    if retention_cleared:
        print(f"territory {args.code}: retention rules cleared; the defaults apply")
    return 0


def _print(current: TerritorySettings) -> None:
    rules = current.alert_rules
    if rules is None:
        print(f"territory {current.territory}: no alert thresholds set (devices keep their own)")
        shown = AlertRulesModel().model_dump()
        origin = "default"
    else:
        stamp = f"{current.updated_at:%Y-%m-%dT%H:%M:%SZ}" if current.updated_at else "?"
        print(f"territory {current.territory}: alert thresholds set {stamp}")
        shown = rules.model_dump()
        origin = "territory"
    for name, days in shown.items():
        print(f"{name}\t{days}\t{origin}\t{MEANINGS[name]}")
    retention = current.retention
    kept = (retention or RetentionRulesModel()).model_dump()
    kept_origin = "territory" if retention is not None else "default"
    for name, months in kept.items():
        print(f"retention_{name}\t{months}\t{kept_origin}\t{RETENTION_MEANINGS[name]}")
