"""``enroll`` and ``sync``: join a territory server, and one headless sync (for schedulers).

``sync`` prints its progress on stderr (one line per step, and the French summary at the
end), exits 0 when everything went through, and otherwise 1 with one line saying why. It
unlocks with the chosen account (``--account``); that account, if it still signs with a
self-signed certificate (added after enrolment), gets its territory certificate on the way.
"""

from __future__ import annotations

import argparse
import sys

from spie_desktop.services import device
from spie_desktop.services.session import Session
from spie_desktop.sync.client import SyncClient
from spie_desktop.sync.engine import SyncOptions, sync_now
from spie_desktop.sync.enrolment import ca_file, enroll, ensure_certificate, require_enrolment
from spie_desktop.sync.errors import SyncError
from spie_desktop.sync.progress import SyncProgress

from .options import data_dir_of, positive_seconds
from .passphrases import read_passphrase


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    enrol = subparsers.add_parser(
        "enroll", parents=[common], help="enrol this device with a territory server"
    )
    enrol.add_argument("--server", required=True, metavar="URL", help="the server's address")
    enrol.add_argument(
        "--code", required=True, metavar="CODE", help="one-time code from the administrator"
    )
    enrol.set_defaults(func=run_enroll)

    sync = subparsers.add_parser(
        "sync", parents=[common], help="one headless sync with the territory server"
    )
    sync.add_argument(
        "--stall-timeout",
        type=positive_seconds,
        default=30.0,
        metavar="SECONDS",
        help="give up a request when no byte moved for this long (default 30)",
    )
    sync.set_defaults(func=run_sync_command)


def run_enroll(args: argparse.Namespace) -> int:
    passphrase = _passphrase(args)
    with open_session_with(args, passphrase) as session:
        enrolment = enroll(session, args.server, args.code, passphrase)
    print(f"Enrolled as device {enrolment.device_id} (territory {enrolment.territory})")
    return 0


def run_sync_command(args: argparse.Namespace) -> int:
    passphrase = _passphrase(args)
    options = SyncOptions(stall_timeout_s=args.stall_timeout)
    with open_session_with(args, passphrase) as session:
        report = sync_now(session, on_progress=_print_progress, options=options)
        if report.ok:
            _certificate_for_this_account(session, passphrase)
    for warning in report.warnings_fr:
        print(f"attention : {warning}", file=sys.stderr)
    if not report.ok:
        print(f"spie-desktop: error: {report.error_en}", file=sys.stderr)
        return 1
    print(report.summary_fr, file=sys.stderr)
    return 0


def _print_progress(item: SyncProgress) -> None:
    total = f"/{item.items_total}" if item.items_total is not None else ""
    kib = (item.bytes_sent + item.bytes_received) / 1024
    print(f"{item.message_fr} … {item.items_done}{total} ({kib:.1f} Kio)", file=sys.stderr)


def _certificate_for_this_account(session: Session, passphrase: str) -> None:
    enrolment = require_enrolment(session)
    client = SyncClient(enrolment.server_url, enrolment.token, ca_file=ca_file(session.data_dir))
    try:
        if ensure_certificate(session, client, passphrase):
            print("Certificat du territoire installé pour ce compte.", file=sys.stderr)
    except SyncError as error:  # the sync itself went through: say so, and carry on
        print(f"attention : {error.message_fr}", file=sys.stderr)
    finally:
        client.close()


def _passphrase(args: argparse.Namespace) -> str:
    slot = device.resolve_account(data_dir_of(args), getattr(args, "account", None))
    return read_passphrase(
        getattr(args, "passphrase_file", None), prompt=f"Passphrase for {slot.display_name}: "
    )


def open_session_with(args: argparse.Namespace, passphrase: str) -> Session:
    """Unlock with an already-read passphrase (needed twice: the store and the signing key)."""
    data_dir = data_dir_of(args)
    slot = device.resolve_account(data_dir, getattr(args, "account", None))
    return device.unlock(data_dir, slot.account_id, passphrase)
