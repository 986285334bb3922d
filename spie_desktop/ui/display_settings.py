"""The device's display choice (« Affichage » › « Contraste élevé »), kept beside its store
in ``display.json``: a preference of the screen, not of any person or account."""

from __future__ import annotations

import json
from pathlib import Path

from .theme import NORMAL, THEMES, Theme

FILE_NAME = "display.json"


def load_theme(data_dir: Path) -> Theme:
    """The theme chosen on this device; the everyday one when none was or the file is bad."""
    try:
        chosen = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError, AttributeError):
        return NORMAL
    return THEMES.get(chosen, NORMAL) if isinstance(chosen, str) else NORMAL


def save_theme(data_dir: Path, theme: Theme) -> None:
    path = data_dir / FILE_NAME
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps({"theme": theme.key}), encoding="utf-8")
    temporary.replace(path)
