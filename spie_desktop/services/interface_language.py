"""Which language the application's own words are in, kept in the device's ``config.toml``.

The choice is read once, at start-up, before any window is built; changing it takes effect
at the next start (the windows are not rebuilt in another language while open).
"""

from __future__ import annotations

import logging
from pathlib import Path

from spie_desktop.config import load_config, save_config
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_texts import FRENCH, INTERFACE_LANGUAGES

log = logging.getLogger(__name__)


def interface_language(data_dir: Path) -> str:
    """The chosen interface language's code; French when none is chosen, when the device is
    not set up yet, or when its configuration cannot be read (the start-up explains that)."""
    try:
        config = load_config(data_dir)
    except (SpieError, OSError):
        return FRENCH
    code = config.interface_language if config is not None else FRENCH
    if code not in INTERFACE_LANGUAGES:
        log.warning("unknown interface language %r in config.toml: French is used", code)
        return FRENCH
    return code


def set_interface_language(data_dir: Path, code: str) -> None:
    """Keep ``code`` as the interface language for the next start. ValueError for a code
    that is not an interface language or a device with no configuration yet."""
    if code not in INTERFACE_LANGUAGES:
        raise ValueError(f"not an interface language: {code!r}")
    config = load_config(data_dir)
    if config is None:
        raise ValueError("this device has no configuration yet")
    if config.interface_language != code:
        config.interface_language = code
        save_config(data_dir, config)
