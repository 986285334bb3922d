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
        help="dossier de données de l'appareil (par défaut : $SPIE_DATA_DIR ou celui du système)",
    )
    common.add_argument(
        "--account",
        default=argparse.SUPPRESS,
        metavar="NAME_OR_ID",
        help="compte à déverrouiller (par défaut : le premier)",
    )
    common.add_argument(
        "--passphrase-file",
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="lire la phrase de passe dans FILE (sinon $SPIE_PASSPHRASE, sinon elle est demandée)",
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
        raise argparse.ArgumentTypeError(f"pas un nombre de secondes : {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"un nombre fini de secondes, plus grand que 0 : {text!r}")
    return value
