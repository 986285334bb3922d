"""Import of data·inclusion export files into a territory's catalogue: each record checked
against the schema, the territory's own kept, everything else counted; one transaction per
file, so a file that cannot be read to its end leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from spie_server.offers.catalogue import CatalogueWriter, stored_structures
from spie_server.offers.reading import FileFormatError, read_records
from spie_server.offers.schema import Kind, fault, kind_of
from spie_server.offers.territory_filter import located_in, serves


@dataclass(frozen=True)
class Rejection:
    #: The record's place in the file, from 1.
    number: int
    record_id: str | None
    reason: str


@dataclass
class FileReport:
    kind: Kind | None = None
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    #: Valid records that do not serve the territory (not stored).
    outside: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


class MixedFileError(FileFormatError):
    """Structures and services in one file: the exports publish them apart."""


def file_kind(path: Path) -> Kind | None:
    """The kind of a file's first record (None: no record, or not readable)."""
    try:
        first = next(iter(read_records(path)), None)
    except (FileFormatError, UnicodeDecodeError):
        return None
    return kind_of(first) if isinstance(first, dict) else None


def import_file(
    session: Session, territory_id: int, path: Path, wanted: frozenset[str] | None
) -> FileReport:
    """Import one file into the caller's transaction (``wanted``: the territory's
    départements; None keeps every record). Raises ``FileFormatError`` when the file cannot
    be read to its end: the caller rolls the transaction back."""
    try:
        return _import(session, territory_id, read_records(path), wanted)
    except UnicodeDecodeError:
        raise FileFormatError("the file is not UTF-8 text") from None


def import_records(
    session: Session,
    territory_id: int,
    records: Iterable[object],
    wanted: frozenset[str] | None,
) -> FileReport:
    return _import(session, territory_id, iter(records), wanted)


def _import(
    session: Session,
    territory_id: int,
    records: Iterator[object],
    wanted: frozenset[str] | None,
) -> FileReport:
    report = FileReport()
    writer: CatalogueWriter | None = None
    structures: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[object, object], int] = {}
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            report.rejected.append(Rejection(number, None, "not a JSON object"))
            continue
        record_id = record.get("id") if isinstance(record.get("id"), str) else None
        kind = kind_of(record)
        if report.kind is None:
            report.kind = kind
            writer = CatalogueWriter(session, territory_id, kind)
            if kind is Kind.SERVICE and wanted is not None:
                structures = stored_structures(session, territory_id)
        elif kind is not report.kind:
            raise MixedFileError(
                f"record {number} is a {kind.value} but record 1 is a {report.kind.value}: "
                "structures and services go in separate files"
            )
        reason = fault(kind, record)
        if reason is not None:
            report.rejected.append(Rejection(number, record_id, reason))
            continue
        key = (record["source"], record["id"])
        if key in seen:
            report.rejected.append(
                Rejection(number, record_id, f"duplicate id: record {seen[key]} has it too")
            )
            continue
        seen[key] = number
        if wanted is not None and not _keeps(kind, record, structures, wanted):
            report.outside += 1
            continue
        assert writer is not None
        report.count(writer.upsert(record))
    if writer is not None:
        writer.finish()
    return report


def _keeps(
    kind: Kind,
    record: dict[str, Any],
    structures: dict[str, dict[str, Any]],
    wanted: frozenset[str],
) -> bool:
    if kind is Kind.STRUCTURE:
        return located_in(record, wanted) is True
    return serves(record, structures.get(record["structure_id"]), wanted)
