"""config.toml: round trip through the tiny writer, atomic replace, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_desktop.config import (
    ConfigCorrupt,
    DeviceConfig,
    config_path,
    default_data_dir,
    load_config,
    save_config,
)


def test_round_trip_with_quotes_accents_and_control_characters(data_dir: Path) -> None:
    cfg = DeviceConfig(
        territory_code="973",
        structure_name='Mission locale "Ouest" de Saint-Laurent\\Maroni\n\tété',
        structure_kind="mission_locale",
        server_url="https://spie.example.org/api",
        lock_timeout_minutes=5,
        territory_locked=True,
    )
    assert load_config(data_dir) is None
    save_config(data_dir, cfg)
    assert load_config(data_dir) == cfg
    assert [p.name for p in data_dir.iterdir()] == ["config.toml"]  # no temp file left


def test_unreadable_or_mistyped_config_is_reported(data_dir: Path) -> None:
    config_path(data_dir).write_text('territory_code = "12"\nstructure_name = ', "utf-8")
    with pytest.raises(ConfigCorrupt):
        load_config(data_dir)
    config_path(data_dir).write_text(
        'territory_code = 12\nstructure_name = "x"\nstructure_kind = "ccas"\n', "utf-8"
    )
    with pytest.raises(ConfigCorrupt):
        load_config(data_dir)


def test_data_dir_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SPIE_DATA_DIR", str(tmp_path / "ici"))
    assert default_data_dir() == tmp_path / "ici"
    monkeypatch.delenv("SPIE_DATA_DIR")
    assert default_data_dir().name == "spie-desktop"
