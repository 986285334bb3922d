"""Device: pulled records applied per second of CPU — twenty interviews of forty answers with
their signed plans, written by one device and applied by another in pages of 500, on a fresh
copy of the same SQLCipher store at each repeat (no server: only the apply is measured)."""

from __future__ import annotations

import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.sync_devices import fill, unenrolled_device
from spie_desktop.config import store_path
from spie_desktop.storage.entities import ENTITY_SPECS
from spie_desktop.storage.models import InterviewRow, table_of
from spie_desktop.storage.repositories.sync_rows import to_doc
from spie_desktop.storage.store import Store
from spie_desktop.sync import pull
from spie_desktop.sync.apply import ApplyCounts, Remote


@dataclass(frozen=True)
class ApplyRun:
    records: int  # applied per repeat
    per_cpu_s: list[float]  # records per second of the process's CPU, one per repeat
    per_wall_s: list[float]


def measure_apply(quick: bool) -> ApplyRun:
    """Device: pulled records applied per second of CPU (the work is CPU-bound; the wall
    clock of a shared machine mostly measures waiting for a core, given in the note).
    Twenty interviews of forty answers with signed plans, made on one device, are stored on
    a second one as the pull stores them (pages of 500 in the order they were journalled, one
    transaction per page with its checkpoint), on a real SQLCipher store, a fresh copy per
    repeat; no network: the figure is the device's own work."""
    repeats = 1 if quick else 3
    rates: list[float] = []
    wall: list[float] = []
    with tempfile.TemporaryDirectory(prefix="spie-bench-apply-") as tmp:
        root = Path(tmp)
        writer, reader = unenrolled_device(root / "writer"), unenrolled_device(root / "reader")
        fill(writer, signed=True)
        with writer.uow() as uow:  # forty answers per interview, as issue 19 counts them
            interviews = select(table_of(InterviewRow).c.id)
            ids: list[uuid.UUID] = list(uow.session.execute(interviews).scalars())
            for interview in ids:
                for i in range(40 - len(uow.answers.list_for(interview))):
                    uow.answers.upsert(interview, f"bench.q{i}", f"réponse {i} " * 4, None)
        with writer.uow(read_only=True) as uow:
            order = [(e.entity, e.entity_id) for e in uow.outbox.pending(limit=1_000_000)]
            rows = {
                (name, row._mapping["id"]): row._mapping
                for name, spec in ENTITY_SPECS.items()
                for row in uow.session.execute(spec.table.select())
            }
        records = [
            Remote(e, i, int(m["version"]), to_doc(e, m), str(m["hlc"]), False, "writer")
            for e, i in dict.fromkeys(order)
            if (m := rows.get((e, i))) is not None
        ]
        pdfs = {
            str(m["sha256"]): bytes(m["pdf"])
            for (e, _), m in rows.items()
            if ENTITY_SPECS[e].blob is not None
        }
        writer.close()
        key, account, pristine = reader.data_key, reader.counsellor.id, reader.data_dir
        reader.close()
        pages = [records[n : n + 500] for n in range(0, len(records), 500)]
        for n in range(repeats):
            copy = root / f"copy{n}"
            shutil.copytree(pristine, copy)
            store = Store.open(store_path(copy), key, verify=False)
            counts = ApplyCounts()
            started, started_cpu = time.perf_counter(), time.process_time()
            for since, page in enumerate(pages, start=1):
                with store.unit_of_work(account) as uow:
                    pull.store_page(uow, page, pdfs, counts)
                    uow.inbox.set_checkpoint(since)
            rates.append(len(records) / (time.process_time() - started_cpu))
            wall.append(len(records) / (time.perf_counter() - started))
            store.close()
    return ApplyRun(len(records), rates, wall)
