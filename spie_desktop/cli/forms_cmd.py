"""``spie-desktop forms check [FILE]``: validate the built-in form definitions, or one file.

The CLI package calls :func:`register` with its sub-parser collection; the handler is
stored as ``args.func`` (taking the parsed namespace, returning the exit status). A summary goes to stdout; every problem goes to stderr as ``FILE:LINE: reason``;
the exit status is 1 when anything is invalid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from spie_desktop.forms.errors import DefinitionError
from spie_desktop.forms.registry import BUILTIN_DIR, DefinitionRegistry


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    forms = subparsers.add_parser("forms", help="définitions de formulaires du diagnostic partagé")
    actions = forms.add_subparsers(dest="subcommand", required=True)
    check_parser = actions.add_parser(
        "check",
        help="valider les définitions intégrées, ou un fichier YAML",
        description="Valide les définitions intégrées (sans FILE) ou un fichier de définition ou d'extension.",
    )
    check_parser.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="fichier YAML à valider"
    )
    check_parser.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    return check(args.file)


def check(file: Path | None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Validate one file (or every built-in definition); return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    if file is not None:
        if not file.is_file():
            err.write(f"{file}: fichier introuvable\n")
            return 1
        # The file may extend a built-in definition, or another definition next to it.
        registry = DefinitionRegistry(
            extension_dirs=[] if file.resolve().parent == BUILTIN_DIR else [file.parent]
        )
        try:
            definition = registry.load_file(file)
        except DefinitionError as exc:
            _report(exc, err)
            return 1
        out.write(definition.summary() + "\n")
        return 0
    registry = DefinitionRegistry()
    for definition_id, version in registry.available():
        out.write(registry.get(definition_id, version).summary() + "\n")
    for problem in registry.problems:
        _report(problem, err)
    if not registry.available() and not registry.problems:
        err.write(f"{BUILTIN_DIR}: aucune définition intégrée\n")
        return 1
    return 1 if registry.problems else 0


def _report(error: DefinitionError, err: TextIO) -> None:
    for issue in error.issues:
        err.write(f"{issue}\n")
    err.write(f"{error.file}: {len(error.issues)} erreur(s), fichier refusé\n")
