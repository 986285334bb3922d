"""Server indicators benchmark (issue 17): a territory of 100,000 people and 1,000,000
follow-up events on PostgreSQL; the time to read everyone's facts and compute the table, and
the peak memory of the process that does it.

The records are generated as a device would push them (sealed documents of people, events,
interviews, signed plans with their signature, objectives and actions, immersions) and loaded
with COPY, so generation takes a few minutes at most. The export runs in a child process (its
peak resident memory is the figure, not the generator's). Prints figures; asserts nothing.
PostgreSQL is a throwaway cluster (skipped with a note when Debian's postgresql is missing).
"""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from spie_server.db import make_engine, session_scope, upgrade
from spie_server.models import Territory
from spie_server.sealing import Keyring, TerritoryKey, attach_keyring, keys_for
from spie_server.server_key import load_or_create_secret
from tests.server.pg import PG_BIN, start_cluster

PEOPLE = 100_000
EVENTS = 1_000_000
CODE = "973"
STRUCTURES = ("CD Guyane", "France Travail Cayenne", "Mission locale de l'Ouest")
THEMES = ("mobilite", "logement", "sante", "emploi", "contraintes_familiales")
STATUSES = ("planned", "in_progress", "done", "abandonned")
KINDS = ("contact", "contact", "contact", "missed_appointment", "review", "step_start", "step_end")
COLUMNS = (
    "territory_id, entity, entity_id, version, doc, deleted, hlc, device_id, seq, updated_at, "
    "owner_structure"
)
YEAR = datetime(2026, 1, 5, 13, 0, tzinfo=UTC)


def _instant(rng: random.Random, after: datetime, days: int) -> datetime:
    return after + timedelta(days=rng.randrange(days), minutes=rng.randrange(600))


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _ids(index: int) -> tuple[uuid.UUID, str, str]:
    """A structure's record id and its social and employment counsellors' ids (text)."""
    return (
        uuid.UUID(int=3 * index + 1, version=4),
        str(uuid.UUID(int=3 * index + 2, version=4)),
        str(uuid.UUID(int=3 * index + 3, version=4)),
    )


def _organisation() -> Iterator[tuple[str, uuid.UUID, dict[str, Any], str]]:
    """The structures and one social and one employment counsellor of each: the indicators
    name a person's structure after their counsellors' (as the devices do)."""
    for index, name in enumerate(STRUCTURES):
        structure, social, emploi = _ids(index)
        common = {"updated_at": _iso(YEAR), "updated_by": None}
        yield (
            "structures",
            structure,
            {"name": name, "kind": "other", "territory_code": CODE, **common},
            name,
        )
        for counsellor, field in ((social, "social"), (emploi, "emploi")):
            doc = {"display_name": field, "field": field, "structure_id": str(structure)}
            yield "counsellors", uuid.UUID(counsellor), {**doc, "active": True, **common}, name


def generate(rng: random.Random) -> Iterator[tuple[str, uuid.UUID, dict[str, Any], str]]:
    """(entity, id, document, owner structure) for a whole territory, owners first."""
    yield from _organisation()
    events_each, extra = divmod(EVENTS, PEOPLE)
    for n in range(PEOPLE):
        person = uuid.UUID(int=rng.getrandbits(128), version=4)
        structure = STRUCTURES[n % len(STRUCTURES)]
        _, social, emploi = _ids(n % len(STRUCTURES))
        person_text = str(person)
        oriented = _instant(rng, YEAR, 300)
        yield (
            "people",
            person,
            {
                "first_name": f"Prénom{n}",
                "last_name": f"Nom{n}",
                "birth_date": "1990-01-01",
                "commune": "Saint-Laurent-du-Maroni",
                "phone": "",
                "email": "",
                "status": "active",
                "last_contact": None,
                "created_at": _iso(oriented),
                "updated_at": _iso(oriented),
                "updated_by": social,
            },
            structure,
        )
        count = events_each + (1 if n < extra else 0)
        kinds = ["orientation", "first_contact"] + [
            KINDS[rng.randrange(len(KINDS))] for _ in range(max(0, count - 2))
        ]
        if n % 5 == 0 and count >= 4:
            kinds[-2:] = ["employment", "check_in"]
        moment = oriented
        for kind in kinds[:count]:
            details: dict[str, Any] = {}
            if kind == "check_in":
                moment += timedelta(days=183)
                details = {"month": 6, "still_in_work": rng.random() < 0.7}
            else:
                moment += timedelta(days=rng.randrange(1, 20))
            yield (
                "follow_up_events",
                uuid.UUID(int=rng.getrandbits(128), version=4),
                {
                    "person_id": person_text,
                    "kind": kind,
                    "occurred_at": _iso(moment),
                    "note": "",
                    "action_id": None,
                    "details": details,
                    "updated_at": _iso(moment),
                    "updated_by": None,
                },
                structure,
            )
        yield from _diagnostic_and_plan(rng, n, person_text, oriented, structure)


def _diagnostic_and_plan(
    rng: random.Random, n: int, person: str, oriented: datetime, structure: str
) -> Iterator[tuple[str, uuid.UUID, dict[str, Any], str]]:
    _, social, emploi = _ids(n % len(STRUCTURES))
    if n % 10 >= 7:  # 70 % have had their diagnostic
        return
    interview = uuid.UUID(int=rng.getrandbits(128), version=4)
    done = oriented + timedelta(days=rng.randrange(10, 60))
    yield (
        "interviews",
        interview,
        {
            "person_id": person,
            "definition_id": "diagnostic",
            "definition_version": 1,
            "status": "completed",
            "current_step": "priorites",
            "started_at": _iso(done),
            "social_counsellor_id": social,
            "emploi_counsellor_id": emploi if n % 3 else None,
            "place": "",
            "updated_at": _iso(done),
            "updated_by": None,
        },
        structure,
    )
    if n % 2:
        return
    plan = uuid.uuid4()
    signed = done + timedelta(days=rng.randrange(1, 20))
    common = {"updated_at": _iso(signed), "updated_by": None}
    yield (
        "plans",
        plan,
        {
            "person_id": person,
            "interview_id": str(interview),
            "plan_version": 1,
            "supersedes_id": None,
            "status": "signed",
            "contract": "",
            "contract_commitment": False,
            "next_review": None,
            **common,
        },
        structure,
    )
    yield (
        "signatures",
        uuid.uuid4(),
        {
            "plan_id": str(plan),
            "role": "person",
            "signer_name": "",
            "strokes": [],
            "signed_at": _iso(signed),
            "counsellor_id": None,
            **common,
        },
        structure,
    )
    objective = uuid.uuid4()
    theme = THEMES[n % len(THEMES)]
    yield (
        "objectives",
        objective,
        {
            "plan_id": str(plan),
            "position": 0,
            "theme": theme,
            "label": "",
            "status": "in_progress",
            **common,
        },
        structure,
    )
    for position in range(2):
        start = (signed + timedelta(days=rng.randrange(1, 40))).date()
        yield (
            "actions",
            uuid.uuid4(),
            {
                "objective_id": str(objective),
                "position": position,
                "label": "",
                "responsible_structure": "",
                "referent": "",
                "start_date": start.isoformat(),
                "due_date": (start + timedelta(days=90)).isoformat(),
                "status": STATUSES[rng.randrange(len(STATUSES))],
                "offer_id": None,
                "linked_offer": None,
                **common,
            },
            structure,
        )
    if n % 20 == 0:
        start = (signed + timedelta(days=30)).date()
        yield (
            "immersions",
            uuid.uuid4(),
            {
                "person_id": person,
                "action_id": str(uuid.uuid4()),
                "periods": [{"start": start.isoformat(), "end": start.isoformat()}],
                **common,
            },
            structure,
        )


def load(url: str, data_dir: Path) -> tuple[int, int]:
    """Create the territory and COPY its records in; (territory id, records)."""
    from spie_server.territory.territories import add_territory

    secret = load_or_create_secret(data_dir)
    engine = make_engine(url)
    upgrade(engine, lambda: secret)
    attach_keyring(engine, Keyring(lambda: secret))
    with session_scope(engine) as session:
        add_territory(session, CODE, "Guyane", secret)
    with session_scope(engine) as session:
        territory_id = session.scalar(select(Territory.id).where(Territory.code == CODE))
        assert territory_id is not None
        key: TerritoryKey = keys_for(session, territory_id)
    rng = random.Random(17)
    device = uuid.uuid4()
    received = datetime(2026, 12, 1, 12, 0)
    rows = 0
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        with cursor.copy(f"COPY records ({COLUMNS}) FROM STDIN") as copy:  # type: ignore[attr-defined]
            for entity, entity_id, doc, structure in generate(rng):
                rows += 1
                sealed = key.seal_doc(entity, entity_id, 1, doc)
                copy.write_row(
                    (territory_id, entity, entity_id, 1, sealed, False, f"h{rows}", device)
                    + (rows, received, structure)
                )
        cursor.execute("ANALYZE records")
        raw.commit()
    finally:
        raw.close()
    engine.dispose()
    return territory_id, rows


def measure(url: str, data_dir: str, territory_id: int) -> None:
    """In the child: what ``spie-server indicators export`` does, step by step."""
    from spie_protocol.indicators.compute import compute
    from spie_protocol.indicators.export import write_json
    from spie_server.indicators.facts import facts_for_territory
    from spie_server.indicators.table import publishable

    secret = load_or_create_secret(Path(data_dir))
    engine = make_engine(url)
    attach_keyring(engine, Keyring(lambda: secret))
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    began = time.perf_counter()
    with session_scope(engine) as session:
        people, evaluations = facts_for_territory(session, territory_id, start, end)
    facts_s = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"   facts: {len(people):,} people in {facts_s:.1f} s (peak {peak:.0f} MiB)", flush=True)
    began = time.perf_counter()
    table = compute(CODE, start, end, people, evaluations)
    compute_s = time.perf_counter() - began
    print(f"   compute: {len(table.cells):,} cells in {compute_s:.1f} s")
    began = time.perf_counter()
    table = publishable(table)
    with tempfile.TemporaryDirectory(prefix="spie-bench-out-") as out:
        write_json(table, Path(out) / "indicateurs.json")
    publish_s = time.perf_counter() - began
    hidden = sum(cell.suppressed for cell in table.cells)
    print(f"   suppression and file: {hidden:,} cells suppressed, {publish_s:.1f} s")
    print(
        f"   export (facts + compute + suppression + file): {facts_s + compute_s + publish_s:.1f} s"
    )


def _peak() -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"   peak memory of the export process: {peak:.0f} MiB")


# The targets of bench/targets.toml this module measures (none: its figures are informational).
MEASURES: tuple[str, ...] = ()


def main() -> None:
    if not (PG_BIN / "initdb").exists():
        print(f"   postgresql: skipped, {PG_BIN / 'initdb'} not installed (see .ci/run)")
        return
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory(prefix="spie-bench-ind-") as folder:
            url = cluster.create_database("indicators")
            began = time.perf_counter()
            territory_id, rows = load(url, Path(folder))
            print(
                f"   generated and loaded {rows:,} records "
                f"({PEOPLE:,} people, {EVENTS:,} events) in {time.perf_counter() - began:.0f} s",
                flush=True,
            )
            code = "import sys; from bench.bench_indicators_server import _peak, measure; " + (
                "measure(sys.argv[1], sys.argv[2], int(sys.argv[3])); _peak()"
            )
            subprocess.run([sys.executable, "-c", code, url, folder, str(territory_id)], check=True)
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
