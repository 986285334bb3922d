"""``spie-server manager add|disable|list``: the logins of the territory dashboard.

``add --territory CODE LOGIN`` asks for the password twice at a prompt, or reads it from the
first line of standard input with ``--password-stdin`` (for scripts); never from the command
line, where any local user could read it in the process list. The password is kept only as an
Argon2id hash. ``disable LOGIN`` refuses the login from then on and ends its sessions.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from spie_server.admin.admin_engine import admin_engine
from spie_server.dashboard.accounts import add_manager, disable_manager, list_managers
from spie_server.db import session_scope
from spie_server.settings import Settings

SubParsers = Any  # argparse's _SubParsersAction is private


def register(commands: SubParsers, common: Any) -> None:
    manager = commands.add_parser(
        "manager", parents=[common], help="logins of the indicators dashboard (/indicators)"
    )
    msub = manager.add_subparsers(dest="action", required=True)
    add = msub.add_parser("add", parents=[common], help="create a manager login")
    add.add_argument("login")
    add.add_argument("--territory", required=True, help="the territory the manager sees")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input instead of a prompt",
    )
    add.set_defaults(handler=_add)
    disable = msub.add_parser("disable", parents=[common], help="refuse a login from now on")
    disable.add_argument("login")
    disable.set_defaults(handler=_disable)
    msub.add_parser("list", parents=[common], help="every manager login").set_defaults(
        handler=_list
    )


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def _add(args: argparse.Namespace, settings: Settings) -> int:
    password = _read_password(args.password_stdin)
    with session_scope(admin_engine(settings)) as session:
        manager = add_manager(session, args.territory, args.login, password)
        print(f"manager {manager.login} added for territory {args.territory}")
    return 0


def _disable(args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        disable_manager(session, args.login)
    print(f"manager {args.login} disabled")
    return 0


def _list(_args: argparse.Namespace, settings: Settings) -> int:
    with session_scope(admin_engine(settings)) as session:
        for m in list_managers(session):
            state = f"disabled {m.disabled_at:%Y-%m-%dT%H:%M:%SZ}" if m.disabled_at else "active"
            print(f"{m.login}\t{m.territory}\tcreated {m.created_at:%Y-%m-%dT%H:%M:%SZ}\t{state}")
    return 0
