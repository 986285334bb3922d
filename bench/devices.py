"""A bench device: a real encrypted store set up in a temporary folder, optionally filled with
people from the demo builder (names, birth dates, statuses and contacts: what a list holds).

Not a benchmark itself (``python -m bench`` runs the ``bench_*`` modules only).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spie_desktop.domain.people import Person
    from spie_desktop.services.device import SetupResult
    from spie_desktop.storage.session import Session


def bench_device(folder: Path, passphrase: str) -> tuple[SetupResult, Session]:
    """Set up a device in ``folder``/device for one social counsellor, and unlock it."""
    from spie_desktop.domain.organisation import Field, StructureKind
    from spie_desktop.services import device

    data_dir = folder / "device"
    data_dir.mkdir(exist_ok=True)
    setup = device.initialise_device(
        data_dir,
        territory_code="12",
        structure_name="Banc d'essai",
        structure_kind=StructureKind.CONSEIL_DEPARTEMENTAL,
        counsellor_name="Banc",
        field=Field.SOCIAL,
        passphrase=passphrase,
    )
    return setup, device.unlock(data_dir, setup.counsellor_id, passphrase)


def add_people(session: Session, count: int, *, batch: int = 2000) -> list[Person]:
    """``count`` people from the demo builder, written in transactions of ``batch``."""
    from spie_desktop.services.demo import DemoBuilder

    builder = DemoBuilder(session.territory, 1, date.today(), session.counsellor.id)
    people = [builder.person().person for _ in range(count)]
    for first in range(0, count, batch):
        with session.uow() as uow:
            for person in people[first : first + batch]:
                uow.people.add(person)
    return people
