"""The ``spie-desktop`` command line: argument parsing, dispatch and error reporting.

Each subcommand module exposes ``register(subparsers, common)`` and sets ``func`` (taking the
parsed arguments, returning an exit status). Every failure ends as one line on stderr,
``spie-desktop: error: ...``, and a non-zero status; tracebacks go to the log (without
messages, which may quote personal data), never to the terminal.
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
from spie_desktop.domain.passphrase import PassphraseRefused
from spie_desktop.logging_setup import log_unexpected, setup_logging
from spie_desktop.self_check import SelfCheckAction

from . import device_cmd, forms_cmd, people_cmd, plan_cmd, setup_cmd, sync_cmd, timeline_cmd
from .environment_errors import describe_environment_error
from .french_argparse import speak_french
from .options import common_options, data_dir_of

PROG = "spie-desktop"
log = logging.getLogger("spie_desktop.cli")


class CliError(SpieError):
    """A command-line usage problem (English only: it is never shown in the UI)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, message)


class ArgumentParser(argparse.ArgumentParser):
    """argparse that reports errors as one line instead of usage + message."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message} (see {PROG} --help)\n")


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
    forms_cmd.register(subparsers)
    plan_cmd.register(subparsers, common)
    sync_cmd.register(subparsers, common)
    setup_cmd.register(subparsers, common)
    timeline_cmd.register(subparsers, common)
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
    except PassphraseRefused as exc:
        # The passphrase policy speaks to people: the same French sentence as the UI's.
        log.warning("command failed: %s", type(exc).__name__)
        return _fail(exc.message_fr)
    except SpieError as exc:
        log.warning("command failed: %s", type(exc).__name__)
        return _fail(exc.message_en)
    except KeyboardInterrupt:
        return _fail("interrupted", status=130)
    except OSError as exc:
        log.warning("command failed: %s (errno %s)", type(exc).__name__, exc.errno)
        return _fail(describe_environment_error(exc) or type(exc).__name__)
    except Exception as exc:
        plain = describe_environment_error(exc, data_dir_of(args))
        if plain is not None:
            log.warning("command failed: %s (%s)", type(exc).__name__, plain)
            return _fail(plain)
        log_unexpected(exc, _command_name(args))
        return _fail(
            f"unexpected internal error ({type(exc).__name__}); details in the log under "
            f"{data_dir_of(args) / 'logs'}"
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


def _fail(message: str, status: int = 1) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return status


def _run_gui(args: argparse.Namespace) -> int:
    # Imported here so that the command line never loads Qt.
    from spie_desktop.app import run_gui

    setup_logging(data_dir_of(args))  # the same log as the commands (if the dir exists)
    return run_gui(getattr(args, "data_dir", None))
