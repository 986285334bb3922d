"""``python -m spie_desktop`` and the ``spie-desktop`` script."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    gui = _plain_launch(args)
    if gui is not None:
        # Fast path to the first window: the command-line package imports every service
        # (SQLAlchemy, the forms engine...), which costs a second before anything shows.
        from spie_desktop.app import run_gui
        from spie_desktop.config import default_data_dir
        from spie_desktop.logging_setup import setup_logging

        data_dir = gui[0]
        setup_logging(data_dir if data_dir is not None else default_data_dir())
        return run_gui(data_dir)
    from spie_desktop.cli import main as cli_main

    return cli_main(args)


def _plain_launch(args: list[str]) -> tuple[Path | None] | None:
    """``(data_dir,)`` when the arguments only ask to launch the application, else ``None``."""
    if not args:
        return (None,)
    if len(args) == 1 and args[0].startswith("--data-dir=") and len(args[0]) > len("--data-dir="):
        return (Path(args[0].split("=", 1)[1]),)
    if len(args) == 2 and args[0] == "--data-dir" and not args[1].startswith("-"):
        return (Path(args[1]),)
    return None


if __name__ == "__main__":
    sys.exit(main())
