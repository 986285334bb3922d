"""The one line a failed command prints on stderr, in French like the rest of the CLI.

``spie-desktop : erreur : <message>``: a :class:`SpieError` speaks with its French message
followed by its command-line hint; the English message goes to the log only.
"""

from __future__ import annotations

import sys

from spie_desktop.domain.errors import SpieError

PROG = "spie-desktop"
ERROR_PREFIX = f"{PROG} : erreur : "
WARNING_PREFIX = f"{PROG} : attention : "


def french_message(error: SpieError) -> str:
    """What the command line says about ``error``: its French message, then its hint."""
    return with_hint(error.message_fr, error.cli_hint_fr)


def with_hint(message_fr: str, hint_fr: str) -> str:
    return f"{message_fr} {hint_fr}" if hint_fr else message_fr


def print_error(message_fr: str) -> None:
    print(f"{ERROR_PREFIX}{message_fr}", file=sys.stderr)
