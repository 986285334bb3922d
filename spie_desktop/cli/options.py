"""Options shared by every subcommand, and where the data directory is."""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from spie_desktop.config import default_data_dir


def common_options() -> argparse.ArgumentParser:
    """Options accepted before or after the subcommand (SUPPRESS: a later one wins)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="DIR",
        help="device data directory (default: $SPIE_DATA_DIR or the platform's data dir)",
    )
    common.add_argument(
        "--account",
        default=argparse.SUPPRESS,
        metavar="NAME_OR_ID",
        help="account to unlock (default: the first account)",
    )
    common.add_argument(
        "--passphrase-file",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="read the passphrase from FILE (else $SPIE_PASSPHRASE, else a prompt)",
    )
    return common


def data_dir_of(args: argparse.Namespace) -> Path:
    chosen: Path | None = getattr(args, "data_dir", None)
    return (chosen or default_data_dir()).expanduser()


def positive_seconds(text: str) -> float:
    """A duration in seconds: a finite number above zero (argparse ``type``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number of seconds above 0: {text!r}")
    return value
