"""``enroll`` and ``sync``: join a territory server, and one headless sync (for schedulers).

``sync`` prints its progress on stderr (one line per step, and the French summary at the
end), exits 0 when everything went through, and otherwise 1 with one line saying why. It
unlocks with the chosen account (``--account``); that account, if it still signs with a
self-signed certificate (added after enrolment), gets its territory certificate on the way.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from spie_desktop.server_address import is_clear_text_to_another_host
from spie_desktop.services import device
from spie_desktop.storage.session import Session
from spie_desktop.sync.certificate_requests import ensure_certificate
from spie_desktop.sync.client import SyncClient
from spie_desktop.sync.engine import SyncOptions, sync_now
from spie_desktop.sync.enrolment import (
    ca_file,
    enroll,
    enrolment_of,
    require_enrolment,
)
from spie_desktop.sync.errors import SyncError
from spie_desktop.sync.progress import SyncProgress
from spie_desktop.sync.transport_policy import check_server_url

from .error_line import WARNING_PREFIX, print_error, with_hint
from .options import data_dir_of, positive_seconds
from .passphrases import read_passphrase
from .upgrade_lines import UpgradeLines


def register(subparsers: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    enrol = subparsers.add_parser(
        "enroll", parents=[common], help="inscrire cet appareil auprès d'un serveur de territoire"
    )
    enrol.add_argument("--server", required=True, metavar="URL", help="adresse du serveur")
    enrol.add_argument(
        "--code",
        required=True,
        metavar="CODE",
        help="code à usage unique donné par l'administrateur",
    )
    enrol.add_argument(
        "--ca-fingerprint",
        metavar="HEX",
        help="empreinte SHA-256 de l'autorité du territoire, telle que l'affiche "
        "`spie-server territory ca-cert` (inutile pour une installation préconfigurée ; "
        "sinon demandée dans le terminal)",
    )
    _insecure_option(enrol)
    enrol.set_defaults(func=run_enroll)

    sync = subparsers.add_parser(
        "sync",
        parents=[common],
        help="une synchronisation avec le serveur de territoire, sans fenêtre",
    )
    sync.add_argument(
        "--stall-timeout",
        type=positive_seconds,
        default=30.0,
        metavar="SECONDS",
        help="abandonner une requête quand rien ne passe pendant ce temps (30 s par défaut)",
    )
    _insecure_option(sync)
    sync.set_defaults(func=run_sync_command)


def _insecure_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--insecure",
        action="store_true",
        help="autoriser http:// en clair vers un autre ordinateur : le jeton de l'appareil et "
        "les données personnelles traversent alors le réseau en clair (inutile vers cet "
        "ordinateur)",
    )


def _warn_if_clear_text(url: str, insecure: bool) -> None:
    if insecure and is_clear_text_to_another_host(url):
        print(
            f"{WARNING_PREFIX}--insecure : http:// en clair vers un autre ordinateur ; le jeton "
            "de l'appareil et les données personnelles traversent le réseau sans chiffrement",
            file=sys.stderr,
        )


def run_enroll(args: argparse.Namespace) -> int:
    # Refused before the passphrase is asked for, and before any connection.
    check_server_url(args.server, insecure=args.insecure)
    _warn_if_clear_text(args.server, args.insecure)
    passphrase = _passphrase(args)
    with open_session_with(args, passphrase) as session:
        enrolment = enroll(
            session,
            args.server,
            args.code,
            passphrase,
            insecure=args.insecure,
            ca_fingerprint=args.ca_fingerprint,
            confirm_ca=None if args.ca_fingerprint else _terminal_confirmation(),
        )
    print(f"Appareil inscrit : {enrolment.device_id} (territoire {enrolment.territory})")
    return 0


def run_sync_command(args: argparse.Namespace) -> int:
    passphrase = _passphrase(args)
    options = SyncOptions(stall_timeout_s=args.stall_timeout, insecure=args.insecure)
    with open_session_with(args, passphrase) as session:
        stored = enrolment_of(session)
        if stored is not None:
            _warn_if_clear_text(stored.server_url, args.insecure)
        report = sync_now(session, on_progress=_print_progress, options=options)
        if report.ok:
            _certificate_for_this_account(session, passphrase, args.insecure)
    for warning in report.warnings_fr:
        print(f"attention : {warning}", file=sys.stderr)
    if not report.ok:
        print_error(with_hint(report.error_fr, report.error_hint_fr))
        return 1
    print(report.summary_fr, file=sys.stderr)
    return 0


def _print_progress(item: SyncProgress) -> None:
    total = f"/{item.items_total}" if item.items_total is not None else ""
    kib = (item.bytes_sent + item.bytes_received) / 1024
    print(f"{item.message_fr} … {item.items_done}{total} ({kib:.1f} Kio)", file=sys.stderr)


def _certificate_for_this_account(session: Session, passphrase: str, insecure: bool) -> None:
    enrolment = require_enrolment(session)
    client = SyncClient(
        enrolment.server_url,
        enrolment.token,
        ca_file=ca_file(session.data_dir),
        insecure=insecure,
    )
    try:
        if ensure_certificate(session, client, passphrase):
            print("Certificat du territoire installé pour ce compte.", file=sys.stderr)
    except SyncError as error:  # the sync itself went through: say so, and carry on
        print(f"attention : {error.message_fr}", file=sys.stderr)
    finally:
        client.close()


def _terminal_confirmation() -> Callable[[str], bool] | None:
    """Ask the person at the terminal to compare the CA's fingerprint with the administrator's;
    ``None`` without a terminal, so enrolment refuses before sending the code."""
    if sys.stdin is None or sys.stdin.closed or not sys.stdin.isatty():
        return None

    def confirm(fingerprint: str) -> bool:
        print(
            "Empreinte SHA-256 du certificat du territoire envoyé par le serveur :\n"
            f"  {fingerprint}\n"
            "Est-ce exactement celle que votre administrateur vous a donnée "
            "(spie-server territory ca-cert) ? [o/N] ",
            end="",
            file=sys.stderr,
            flush=True,
        )
        answer = sys.stdin.readline().strip().lower()
        return answer in ("y", "yes", "o", "oui")

    return confirm


def _passphrase(args: argparse.Namespace) -> str:
    slot = device.resolve_account(data_dir_of(args), getattr(args, "account", None))
    return read_passphrase(
        getattr(args, "passphrase_file", None), prompt=f"Phrase de passe de {slot.display_name} : "
    )


def open_session_with(args: argparse.Namespace, passphrase: str) -> Session:
    """Unlock with an already-read passphrase (needed twice: the store and the signing key)."""
    data_dir = data_dir_of(args)
    slot = device.resolve_account(data_dir, getattr(args, "account", None))
    return device.unlock(data_dir, slot.account_id, passphrase, on_upgrade=UpgradeLines())
