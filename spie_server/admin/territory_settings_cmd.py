"""``spie-server territory settings show|set|clear``: a territory's alert thresholds.

``set`` changes only the thresholds it is given; the others keep their value (the default
when the territory had set none). Devices receive them at their next sync.
"""

from __future__ import annotations

import argparse
from typing import Any

from spie_protocol.messages import MAX_ALERT_DAYS, AlertRulesModel, TerritorySettings
from spie_server.admin.admin_engine import admin_engine
from spie_server.db import session_scope
from spie_server.settings import Settings
from spie_server.territory.territory_settings import (
    clear_alert_rules,
    set_alert_rules,
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


def register(territory_actions: SubParsers, common: Any) -> None:
    """Add ``territory settings show|set|clear``."""
    settings = territory_actions.add_parser(
        "settings", parents=[common], help="a territory's alert thresholds, sent to its devices"
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
    change.set_defaults(handler=_set)
    clear = ssub.add_parser(
        "clear", parents=[common], help="forget the thresholds: each device keeps its own"
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
    if not changes:
        options = ", ".join(_option(n) for n in AlertRulesModel.model_fields)
        raise ValueError(f"nothing to set: give at least one of {options}")
    with session_scope(admin_engine(settings)) as session:
        set_alert_rules(session, args.code, changes)
        current = settings_of(session, args.code)
    _print(current)
    return 0


def _clear(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        cleared = clear_alert_rules(session, args.code)
    if cleared:
        print(f"territory {args.code}: alert thresholds cleared; devices keep their own")
    else:
        print(f"territory {args.code}: no alert thresholds were set")
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
