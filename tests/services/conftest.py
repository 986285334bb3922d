"""Fixtures for service tests: a freshly initialised device and an unlocked session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services import device
from spie_desktop.storage.session import Session

NADIA_PASSPHRASE = "lune rousse sur le Larzac"
JULIEN_PASSPHRASE = "Chouette aveyronnaise 42"


@dataclass
class Device:
    data_dir: Path
    setup: device.SetupResult


def initialise(data_dir: Path, territory: str = "12") -> device.SetupResult:
    return device.initialise_device(
        data_dir,
        territory_code=territory,
        structure_name="Conseil départemental de l'Aveyron",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Nadia B.",
        field=Field.SOCIAL,
        passphrase=NADIA_PASSPHRASE,
    )


@pytest.fixture
def ready_device(data_dir: Path) -> Device:
    return Device(data_dir, initialise(data_dir))


@pytest.fixture
def session(ready_device: Device) -> Iterator[Session]:
    opened = device.unlock(
        ready_device.data_dir, ready_device.setup.counsellor_id, NADIA_PASSPHRASE
    )
    yield opened
    opened.close()
