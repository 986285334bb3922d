"""Files shipped inside the package (fonts, icons, templates), found the same way everywhere.

Resources live in this package so that they resolve identically from a checkout, an
installed wheel and a PyInstaller bundle. :func:`resource_path` returns a real file path:
in a frozen bundle the files sit under ``sys._MEIPASS/spie_desktop/resources`` (the spec
file must copy this folder there), elsewhere ``importlib.resources`` finds them.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        base = Path(frozen_root) / "spie_desktop" / "resources"
        if base.is_dir():
            return base.joinpath(*parts)
    # The package is a plain directory (checkout, wheel): a real path, no extraction needed.
    return Path(str(resources.files(__name__).joinpath(*parts)))
