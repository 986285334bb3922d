"""Device settings: where the data lives and which territory/structure this device serves.

The data directory holds ``store.db`` (SQLCipher), ``keyslots.json``, ``config.toml`` and
``logs/``. ``config.toml`` holds no personal data: territory, structure, server URL, lock
timeout. It is read with :mod:`tomllib` and written by the tiny writer below (only flat
string/int/bool keys are needed), replaced atomically so a crash never leaves half a file.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.input_limits import CONFIG_FILE_MAX, read_bounded

APP_NAME = "spie-desktop"
DATA_DIR_ENV = "SPIE_DATA_DIR"

STORE_FILE = "store.db"
KEYSLOTS_FILE = "keyslots.json"
CONFIG_FILE = "config.toml"
LOGS_DIR = "logs"
#: Where a territory drops the person-facing language files it adds (docs/languages.md).
LANGUAGES_DIR = "languages"


class ConfigCorrupt(SpieError):
    """config.toml exists but cannot be read."""


@dataclass
class DeviceConfig:
    territory_code: str
    structure_name: str
    structure_kind: str
    server_url: str = ""
    lock_timeout_minutes: int = 10
    territory_locked: bool = False
    auto_sync: bool = False  # sync in the background when the server answers
    interface_language: str = "fr"  # the application's own words: "fr" or "en"


def default_data_dir() -> Path:
    """``$SPIE_DATA_DIR`` if set, else the platform's per-user data directory."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_path(data_dir: Path) -> Path:
    return data_dir / STORE_FILE


def keyslots_path(data_dir: Path) -> Path:
    return data_dir / KEYSLOTS_FILE


def config_path(data_dir: Path) -> Path:
    return data_dir / CONFIG_FILE


def logs_dir(data_dir: Path) -> Path:
    return data_dir / LOGS_DIR


def languages_dir(data_dir: Path) -> Path:
    return data_dir / LANGUAGES_DIR


def load_config(data_dir: Path) -> DeviceConfig | None:
    """The device configuration, or ``None`` if this data dir has none yet."""
    path = config_path(data_dir)
    try:
        raw = read_bounded(path, CONFIG_FILE_MAX, "a device configuration")
    except FileNotFoundError:
        return None
    try:
        table = tomllib.loads(raw.decode("utf-8"))
        known = {f.name for f in fields(DeviceConfig)}
        values = {k: v for k, v in table.items() if k in known}
        cfg = DeviceConfig(**values)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, TypeError, RecursionError) as exc:
        raise ConfigCorrupt(
            say("Le fichier de configuration de l'appareil est illisible."),
            f"config.toml is unreadable ({type(exc).__name__})",
        ) from None
    _check_types(cfg)
    return cfg


def _check_types(cfg: DeviceConfig) -> None:
    expected = {f.name: f.type for f in fields(DeviceConfig)}
    for name, value in asdict(cfg).items():
        kind = {"str": str, "int": int, "bool": bool}[str(expected[name])]
        if type(value) is not kind:
            raise ConfigCorrupt(
                say("Le fichier de configuration de l'appareil contient une valeur invalide."),
                f"config.toml: {name} should be {kind.__name__}",
            )


def save_config(data_dir: Path, cfg: DeviceConfig) -> None:
    """Write ``config.toml`` atomically (temp file in the same dir, fsync, replace)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    text = "# spie-desktop device settings (no personal data)\n" + dumps_toml(asdict(cfg))
    path = config_path(data_dir)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def dumps_toml(table: dict[str, object]) -> str:
    """Serialise a flat table of str/int/bool values as TOML."""
    lines = []
    for key, value in table.items():
        if not key.replace("_", "").replace("-", "").isalnum():
            raise ValueError(f"unsupported TOML key: {key!r}")
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    raise TypeError(f"unsupported TOML value type: {type(value).__name__}")


_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
