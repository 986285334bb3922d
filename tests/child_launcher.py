"""Run the application (or a test's script) in a child process with the suite's cheap key
derivation, as the test process itself runs.

    python -m tests.child_launcher -m spie_desktop init --data-dir …
    python -m tests.child_launcher -c "script" arg …

Tests that start the application as a child process (the command line, a crash in the middle
of a write) test what the process does, not the key derivation: at the application's real
cost every child paid half a second or more per derivation, three of them to set a device up.
The launcher switches the two deriving modules to :func:`tests.cheap_kdf.cheap_hash_secret_raw`
(the same function the test process uses, so a device set up by either opens in the other),
then runs the target exactly as ``python -m`` or ``python -c`` would: same ``sys.argv``,
``__main__`` module, exit status and exceptions.

A child started without the launcher (``python -m spie_desktop``) derives at the full cost:
tests/cli/test_real_derivation.py keeps one such run to prove it.
"""

from __future__ import annotations

import runpy
import sys
from collections.abc import Sequence

import argon2.low_level

from tests.cheap_kdf import DERIVING_MODULES, cheap_hash_secret_raw

USAGE = "usage: python -m tests.child_launcher (-m MODULE | -c CODE) [ARG ...]"


def use_cheap_derivation() -> None:
    """Every derivation of this process at the suite's tiny cost.

    The deriving modules take ``hash_secret_raw`` from argon2 when they are imported: argon2's
    is replaced before that, so a command that never derives does not pay for importing them
    (the store's package and the signing keys' cryptography) here. One already imported is
    switched directly. No other module of the application calls ``hash_secret_raw``.
    """
    argon2.low_level.hash_secret_raw = cheap_hash_secret_raw
    for name in DERIVING_MODULES:
        if name in sys.modules:
            sys.modules[name].hash_secret_raw = cheap_hash_secret_raw  # type: ignore[attr-defined]


def command(*argv: str) -> list[str]:
    """The command line that runs ``python *argv`` through the launcher (the repository's
    root must be on the child's ``PYTHONPATH`` or its working directory)."""
    return [sys.executable, "-m", "tests.child_launcher", *argv]


def main(argv: Sequence[str]) -> None:
    if len(argv) < 2 or argv[0] not in ("-m", "-c"):
        raise SystemExit(USAGE)
    use_cheap_derivation()
    option, target, args = argv[0], argv[1], list(argv[2:])
    if option == "-m":
        sys.argv = [target, *args]  # run_module puts the module's file in sys.argv[0]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    else:
        sys.argv = ["-c", *args]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102


if __name__ == "__main__":
    main(sys.argv[1:])
