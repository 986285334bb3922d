"""The pictogram of each theme of the referential: which SVG file, and where it is shipped.

The theme → file table is data (``data/pictograms.csv``); the SVG files and their licence sit
in ``resources/pictograms``. The plan PDF and the large-print view both draw a theme's
pictogram through this module, so a theme has one picture everywhere.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from pathlib import Path

from spie_desktop.resources import resource_path

PICTOGRAM_FOLDER = "pictograms"


@cache
def pictogram_files() -> dict[str, str]:
    """Theme name → SVG file name, as listed in ``data/pictograms.csv``."""
    text = resources.files("spie_desktop.domain").joinpath("data", "pictograms.csv")
    rows = csv.DictReader(text.read_text("utf-8").splitlines())
    return {row["theme"]: row["file"] for row in rows}


def pictogram_path(theme: str) -> Path | None:
    """The SVG file of ``theme``'s pictogram; ``None`` for a theme without one (or "")."""
    name = pictogram_files().get(theme)
    return resource_path(PICTOGRAM_FOLDER, name) if name else None


@cache
def pictogram_svg(theme: str) -> bytes | None:
    """The SVG text of ``theme``'s pictogram, ``None`` when it has none."""
    path = pictogram_path(theme)
    return path.read_bytes() if path is not None else None
