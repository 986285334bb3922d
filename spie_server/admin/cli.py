"""``spie-server``: run the territory server and administer it.

Every command takes --data-dir (default: SPIE_SERVER_DATA_DIR or the platform's data dir) and
--database-url (default: SPIE_SERVER_DATABASE_URL or an SQLite file in the data dir). A failure
exits non-zero with one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from spie_protocol.fingerprint import certificate_fingerprint
from spie_server.admin.admin_engine import admin_engine
from spie_server.admin.history_cmd import register as register_history
from spie_server.admin.indicators_cmd import register as register_indicators
from spie_server.admin.manager_cmd import register as register_manager
from spie_server.admin.offers_cmd import register as register_offers
from spie_server.admin.retention_cmd import register as register_retention
from spie_server.admin.rotation import (
    finish_interrupted_rotation,
    rotate_secret,
    rotate_territory_key,
)
from spie_server.admin.territory_settings_cmd import register as register_territory_settings
from spie_server.db import DatabaseUrlError, session_scope
from spie_server.errors import ApiError
from spie_server.sealing import WrongSecretError
from spie_server.server_key import (
    SECRET_FILE,
    SecretError,
    adopt_pending_secret,
)
from spie_server.serving import serve
from spie_server.settings import Settings
from spie_server.territory.crl import territory_crl
from spie_server.territory.devices import list_devices, revoke_device
from spie_server.territory.enrolment import DEFAULT_EXPIRY, create_code, parse_duration
from spie_server.territory.shared_secret import bound_secret
from spie_server.territory.territories import (
    add_territory,
    ca_cert_pem,
    get_territory,
    list_territories,
    listed_territory,
)

Handler = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.resolve(
            getattr(args, "data_dir", None),
            getattr(args, "database_url", None),
            getattr(args, "trusted_proxies", None),
        )
        handler: Handler = args.handler
        return handler(args, settings)
    except ApiError as error:
        return _fail(error.message)
    except (DatabaseUrlError, SecretError, WrongSecretError, ValueError, OSError) as error:
        return _fail(str(error))
    except SQLAlchemyError as error:
        return _fail(
            f"database error: {str(error.orig if hasattr(error, 'orig') else error).splitlines()[0]}"
        )
    except KeyboardInterrupt:
        return 130


def _fail(message: str) -> int:
    print(f"spie-server: error: {message}", file=sys.stderr)
    return 1


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: an option given before the sub-command is not reset by the sub-parser's default.
    common.add_argument(
        "--data-dir", default=argparse.SUPPRESS, help="server data folder (SPIE_SERVER_DATA_DIR)"
    )
    common.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        help="sqlite:///FILE or postgresql+psycopg://USER@HOST/DB (SPIE_SERVER_DATABASE_URL)",
    )
    parser = argparse.ArgumentParser(
        prog="spie-server", description=__doc__.splitlines()[0], parents=[common]
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", parents=[common], help="serve the sync API")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8750)
    run.add_argument("--workers", type=int, default=1)
    run.add_argument(
        "--trusted-proxy",
        dest="trusted_proxies",
        action="append",
        metavar="ADDR",
        help="a reverse proxy whose X-Forwarded-For is believed for rate limits (address or "
        "network; repeatable; default none: SPIE_SERVER_TRUSTED_PROXIES)",
    )
    run.set_defaults(handler=_run)

    territory = commands.add_parser("territory", parents=[common], help="territories")
    sub = territory.add_subparsers(dest="action", required=True)
    add = sub.add_parser(
        "add",
        parents=[common],
        help="add a territory of the shared list (12, 69M, 20R, CTG…) and create its CA",
    )
    add.add_argument("code")
    add.add_argument("--name", help="shown name (default: the list's, e.g. Métropole de Lyon)")
    add.set_defaults(handler=_territory_add)
    sub.add_parser("list", parents=[common]).set_defaults(handler=_territory_list)
    ca = sub.add_parser(
        "ca-cert",
        parents=[common],
        help="the CA certificate (PEM, to --out or stdout) and its SHA-256 fingerprint (stderr)",
    )
    ca.add_argument("code")
    ca.add_argument("--out", type=Path, help="write the PEM here instead of stdout")
    ca.set_defaults(handler=_territory_ca)
    crl = sub.add_parser(
        "crl", parents=[common], help="export the territory's revocation list (DER CRL)"
    )
    crl.add_argument("code")
    crl.add_argument("--out", required=True, type=Path)
    crl.set_defaults(handler=_territory_crl)
    register_territory_settings(sub, common)

    code = commands.add_parser("enrolment-code", parents=[common], help="print a one-time code")
    code.add_argument("--territory", required=True)
    code.add_argument("--structure", required=True)
    code.add_argument("--expires", default="48h", help="e.g. 30m, 48h, 7d (default 48h)")
    code.set_defaults(handler=_enrolment_code)

    device = commands.add_parser("device", parents=[common], help="enrolled devices")
    dsub = device.add_subparsers(dest="action", required=True)
    dlist = dsub.add_parser("list", parents=[common])
    dlist.add_argument("--territory")
    dlist.set_defaults(handler=_device_list)
    revoke = dsub.add_parser("revoke", parents=[common])
    revoke.add_argument("device_id")
    revoke.set_defaults(handler=_device_revoke)
    register_history(commands, dsub, common)
    register_retention(commands, common)
    register_offers(commands, common)
    register_manager(commands, common)
    register_indicators(commands, common)

    rotate = commands.add_parser(
        "rotate-key",
        parents=[common],
        help="new server secret (re-wraps the territory keys), or a new territory data key",
    )
    rotate.add_argument(
        "--territory", help="give this territory a new data key (re-seals its data) instead"
    )
    rotate.set_defaults(handler=_rotate_key)

    db = commands.add_parser("db", parents=[common], help="database")
    dbsub = db.add_subparsers(dest="action", required=True)
    dbsub.add_parser("upgrade", parents=[common]).set_defaults(handler=_db_upgrade)
    return parser


def _engine(settings: Settings) -> Engine:
    return admin_engine(settings)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    engine = _engine(settings)  # migrate once, before any worker starts
    with session_scope(engine) as session:
        finish_interrupted_rotation(session, settings.data_dir)
    bound_secret(engine, settings.data_dir)  # refuse to serve with another secret, or none
    engine.dispose()
    os.environ.update(settings.export_env())
    serve("spie_server.app:app_from_env", args.host, args.port, args.workers)
    return 0


def _territory_add(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    secret = bound_secret(engine, settings.data_dir)
    with session_scope(engine) as session:
        listed = listed_territory(args.code)
        territory = add_territory(session, listed.code, args.name or listed.name, secret)
        print(f"territory {territory.code} added ({territory.name})")
    return 0


def _territory_list(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        for t in list_territories(session):
            print(
                f"{t.code}\t{t.name}\tcreated {t.created_at:%Y-%m-%dT%H:%M:%SZ}\t{t.devices} devices"
            )
    return 0


def _territory_ca(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        pem = ca_cert_pem(session, args.code)
    if args.out is None:
        sys.stdout.write(pem)
    else:
        args.out.write_text(pem)
        print(f"CA certificate of {args.code} written to {args.out}", file=sys.stderr)
    # Read out to whoever enrols a device that was not provisioned with this CA.
    print(f"SHA-256 fingerprint: {certificate_fingerprint(pem)}", file=sys.stderr)
    return 0


def _territory_crl(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    secret = bound_secret(engine, settings.data_dir)
    with session_scope(engine) as session:
        data = territory_crl(session, get_territory(session, args.code), secret)
    args.out.write_bytes(data)
    print(f"revocation list of {args.code} written to {args.out}")
    return 0


def _enrolment_code(args: argparse.Namespace, settings: Settings) -> int:
    expires: timedelta = parse_duration(args.expires) if args.expires else DEFAULT_EXPIRY
    with session_scope(_engine(settings)) as session:
        code = create_code(session, args.territory, args.structure, expires)
    print(code)
    return 0


def _device_list(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        devices = list_devices(session, args.territory)
    print("id\tstructure\tterritory\tenrolled_at\tlast_seen\trevoked")
    for d in devices:
        print(
            "\t".join(
                [
                    str(d.id),
                    d.structure,
                    d.territory,
                    _when(d.enrolled_at),
                    _when(d.last_seen_at),
                    _when(d.revoked_at) if d.revoked_at else "no",
                ]
            )
        )
    return 0


def _device_revoke(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(_engine(settings)) as session:
        changed = revoke_device(session, args.device_id)
    print(f"device {args.device_id} {'revoked' if changed else 'was already revoked'}")
    return 0


def _rotate_key(args: argparse.Namespace, settings: Settings) -> int:
    engine = _engine(settings)
    with session_scope(engine) as session:
        if finish_interrupted_rotation(session, settings.data_dir):
            print("an interrupted rotation was finished: its new server secret is in place")
    if args.territory:
        secret = bound_secret(engine, settings.data_dir)
        with session_scope(engine) as session:
            counts = rotate_territory_key(session, args.territory, secret)
        print(
            f"territory {args.territory}: new data key; {counts.records} records, "
            f"{counts.versions} versions and {counts.chunks} file chunks re-sealed"
        )
        return 0
    bound_secret(engine, settings.data_dir)  # the secret the database knows, never a new one
    with session_scope(engine) as session:
        territories = rotate_secret(session, settings.data_dir)
    adopt_pending_secret(settings.data_dir)
    print(
        f"new server secret in {settings.data_dir / SECRET_FILE}; keys of {territories} "
        "territories re-wrapped; back up the secret and the database together now"
    )
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    _engine(settings).dispose()
    print("database schema is up to date")
    return 0


def _when(moment: object) -> str:
    return "-" if moment is None else f"{moment:%Y-%m-%dT%H:%M:%SZ}"


if __name__ == "__main__":
    sys.exit(main())
