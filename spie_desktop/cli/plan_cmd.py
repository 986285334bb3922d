"""``spie-desktop plan verify FILE.pdf``: check the signatures of a plan PDF.

One line per signature (signer, time, intact or not, whether the document changed after
it, trust in the certificate), then the verdict. Exit status 0 only when every signature is
intact and the document was not modified after the last one; 1 otherwise (including a
file that is not a PDF, is truncated or carries no signature); 2 for a missing file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from spie_desktop.plan.verify import report_lines, verify_pdf


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    plan = subparsers.add_parser("plan", help="plans d'action signés")
    actions = plan.add_subparsers(dest="subcommand", required=True)
    verify_parser = actions.add_parser(
        "verify",
        help="vérifier les signatures d'un plan PDF",
        description="Vérifie chaque signature électronique d'un plan d'action au format PDF.",
    )
    verify_parser.add_argument("file", type=Path, metavar="FILE.pdf", help="le PDF à vérifier")
    verify_parser.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    return verify_file(args.file)


def verify_file(file: Path, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Verify one file and print the report; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        data = file.read_bytes()
    except OSError as exc:
        err.write(f"{file}: fichier illisible ({exc.strerror or type(exc).__name__})\n")
        return 2
    report = verify_pdf(data)
    for line in report_lines(report):
        out.write(line + "\n")
    return 0 if report.ok else 1
