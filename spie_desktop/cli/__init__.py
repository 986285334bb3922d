"""The ``spie-desktop`` command line: argument parsing, dispatch and error reporting.

Each subcommand module exposes ``register(subparsers, common)`` and sets ``func`` (taking the
parsed arguments, returning an exit status). Every failure ends as one French line on
stderr, ``spie-desktop : erreur : ...``, and a non-zero status; the log gets the error's kind
in English, and tracebacks (without messages, which may quote personal data), never the
terminal.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from spie_desktop import __version__
from spie_desktop.domain.errors import SpieError
from spie_desktop.logging_setup import log_unexpected, setup_logging
from spie_desktop.self_check import SelfCheckAction

from . import (
    device_cmd,
    forms_cmd,
    offers_cmd,
    people_cmd,
    person_cmd,
    person_erase_cmd,
    plan_cmd,
    retention_cmd,
    setup_cmd,
    sync_cmd,
    timeline_cmd,
)
from .environment_errors import describe_environment_error
from .error_line import ERROR_PREFIX, PROG, french_message, print_error
from .french_argparse import speak_french
from .options import common_options, data_dir_of

log = logging.getLogger("spie_desktop.cli")


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports errors as one line instead of usage + message (in French,
    through :mod:`.french_argparse`)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{ERROR_PREFIX}{message} (voir {PROG} --help)\n")


def build_parser() -> ArgumentParser:
    speak_french()
    common = common_options()
    parser = ArgumentParser(
        prog=PROG,
        parents=[common],
        description="Outil hors ligne du diagnostic partagé SPIE. "
        "Sans commande, lance l'application.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{PROG} {__version__}",
        help="afficher la version et quitter",
    )
    parser.add_argument(
        "--self-check",
        action=SelfCheckAction,
        help="vérifier cette installation (sans écran) et quitter",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE")
    device_cmd.register(subparsers, common)
    people_cmd.register(subparsers, common)
    person_cmd.register(subparsers, common)
    forms_cmd.register(subparsers)
    plan_cmd.register(subparsers, common)
    sync_cmd.register(subparsers, common)
    setup_cmd.register(subparsers, common)
    timeline_cmd.register(subparsers, common)
    offers_cmd.register(subparsers, common)
    retention_cmd.register(subparsers, common)
    person_erase_cmd.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        func = _run_gui
    else:
        func = args.func
        setup_logging(data_dir_of(args))
        log.info("command: %s", _command_name(args))
    try:
        status = int(func(args))
        sys.stdout.flush()  # a reader gone away (``| head``) shows here, not at exit
        return status
    except BrokenPipeError:
        return _reader_gone()
    except SpieError as exc:
        # The same French sentence as the windows' (plus the option that helps, if any).
        log.warning("command failed: %s", type(exc).__name__)
        return _fail(french_message(exc))
    except KeyboardInterrupt:
        return _fail("interrompu", status=130)
    except OSError as exc:
        log.warning("command failed: %s (errno %s)", type(exc).__name__, exc.errno)
        described = describe_environment_error(exc)
        return _fail(described.message_fr if described else type(exc).__name__)
    except Exception as exc:
        plain = describe_environment_error(exc, data_dir_of(args))
        if plain is not None:
            log.warning("command failed: %s (%s)", type(exc).__name__, plain.message_en)
            return _fail(plain.message_fr)
        log_unexpected(exc, _command_name(args))
        return _fail(
            f"erreur interne inattendue ({type(exc).__name__}) ; détails dans le journal, "
            f"sous {data_dir_of(args) / 'logs'}"
        )


def _reader_gone() -> int:
    """The output's reader stopped reading (``| head``): that is its right, not a failure.
    Whatever is still buffered goes nowhere, so that the exit flush raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


def _command_name(args: argparse.Namespace) -> str:
    sub = getattr(args, "subcommand", None)
    return f"{args.command} {sub}" if sub else str(args.command or "gui")


def _fail(message_fr: str, status: int = 1) -> int:
    print_error(message_fr)
    return status


def _run_gui(args: argparse.Namespace) -> int:
    # Imported here so that the command line never loads Qt.
    from spie_desktop.app import run_gui

    setup_logging(data_dir_of(args))  # the same log as the commands (if the dir exists)
    return run_gui(getattr(args, "data_dir", None))
