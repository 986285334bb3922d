"""``spie-server`` commands over record history: restore, device undo, held deletions.

They print ids, versions and counts only, never a record's content.
"""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from spie_protocol.entities import ENTITIES
from spie_server.admin.admin_engine import admin_engine
from spie_server.admin.undo import undo_device
from spie_server.db import session_scope
from spie_server.models import utc_now
from spie_server.settings import Settings
from spie_server.sync.held_deletions import decide_held, list_held
from spie_server.sync.history import history_of, restore_record

_AGO = re.compile(r"^\s*(\d+)\s*([mhd])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}

SubParsers = Any  # argparse's _SubParsersAction is private


def register(commands: SubParsers, device_actions: SubParsers, common: Any) -> None:
    """Add ``device undo``, ``record history|restore`` and ``deletions list|approve|reject``."""
    undo = device_actions.add_parser(
        "undo", parents=[common], help="revert every change a device made (new versions)"
    )
    undo.add_argument("device_id")
    undo.add_argument(
        "--since", type=parse_since, help="UTC time (2026-12-05T14:00) or age (90m, 6h, 2d)"
    )
    undo.set_defaults(handler=_device_undo)

    record = commands.add_parser("record", parents=[common], help="record history")
    rsub = record.add_subparsers(dest="action", required=True)
    history = rsub.add_parser("history", parents=[common], help="list a record's versions")
    _record_key(history)
    history.set_defaults(handler=_record_history)
    restore = rsub.add_parser("restore", parents=[common], help="bring a record version back")
    _record_key(restore)
    restore.add_argument("--version", type=int, help="default: the last live version")
    restore.set_defaults(handler=_record_restore)

    deletions = commands.add_parser("deletions", parents=[common], help="held deletions")
    hsub = deletions.add_subparsers(dest="action", required=True)
    hlist = hsub.add_parser("list", parents=[common])
    hlist.add_argument("--territory")
    hlist.add_argument("--all", action="store_true", help="also those already decided")
    hlist.set_defaults(handler=_deletions_list)
    for name, approve in (("approve", True), ("reject", False)):
        decide = hsub.add_parser(name, parents=[common])
        decide.add_argument("ids", nargs="*", type=int, help="held deletion ids (see list)")
        decide.add_argument("--device", help="every waiting deletion of this device")
        decide.set_defaults(handler=_deletions_decide, approve=approve)


def parse_since(text: str) -> datetime:
    """An ISO time (UTC unless it says otherwise) or an age such as ``6h``: naive UTC."""
    match = _AGO.match(text)
    if match:
        return utc_now() - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither a time (2026-12-05T14:00) nor an age (90m, 6h, 2d)"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _record_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("territory")
    parser.add_argument("entity", choices=ENTITIES)
    parser.add_argument("record_id")


def _engine(settings: Settings) -> Engine:
    return admin_engine(settings)


def _device_undo(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        report = undo_device(session, args.device_id, args.since)
    print(
        f"device {args.device_id} undone: {report.restored} records restored, "
        f"{report.deleted} deleted, {report.kept_append_only} append-only kept, "
        f"{report.changed_since} changed since by others (left), "
        f"{report.unrecoverable} without earlier history, "
        f"{report.held_rejected} held deletions rejected"
    )
    if not report.revoked:
        print(f"note: device {args.device_id} is not revoked (spie-server device revoke)")
    return 0


def _record_history(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        versions = history_of(session, args.territory, args.entity, args.record_id)
    print("version\tseq\tdeleted\tdevice\tstored_at")
    for v in versions:
        device = str(v.device_id) if v.device_id else "administrator"
        deleted = "yes" if v.deleted else "no"
        print(f"{v.version}\t{v.seq}\t{deleted}\t{device}\t{v.stored_at:%Y-%m-%dT%H:%M:%SZ}")
    return 0


def _record_restore(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        done = restore_record(session, args.territory, args.entity, args.record_id, args.version)
    if done.version is None:
        print(f"{done.entity} {done.entity_id} already holds version {done.from_version}")
    else:
        print(
            f"{done.entity} {done.entity_id} restored from version {done.from_version} "
            f"as version {done.version}"
        )
    return 0


def _deletions_list(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        held = list_held(session, args.territory, include_decided=args.all)
    print("id\tterritory\tdevice\tentity\trecord\theld_at\tstatus")
    for h in held:
        print(
            f"{h.id}\t{h.territory}\t{h.device_id}\t{h.entity}\t{h.entity_id}\t"
            f"{h.held_at:%Y-%m-%dT%H:%M:%SZ}\t{h.status}"
        )
    return 0


def _deletions_decide(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        decided, deleted = decide_held(session, args.ids, args.device, approve=args.approve)
    verb = "approved" if args.approve else "rejected"
    print(f"{decided} held deletions {verb}; {deleted} records deleted")
    return 0
