"""The catalogue page column by column (``GET /v1/offers/changes?format=columns``).

A device stores and shows a few fields of a data·inclusion record, not the thirty-odd a
national export carries: :data:`DEVICE_FIELDS` names them per kind, and only they cross the
wire. Each field is one list (a value per change, ``null`` where absent): names next to names,
descriptions next to descriptions, enumerations next to each other, which is what lets a page
compress to about half its size as records (measured by ``python -m bench offer_sync``).

Both sides go through here: the server packs a page with :func:`to_columns`, the device reads
it back into :class:`~spie_protocol.messages.OfferRecord` with :func:`from_columns`.
"""

from __future__ import annotations

from typing import Any, Literal

from spie_protocol.messages import OfferColumns, OfferRecord

Kind = Literal["structure", "service"]

#: The content coding a device may ask for catalogue pages (``Accept-Encoding: bzip2, gzip``):
#: the standard library's bz2 on both sides, about a third smaller than gzip on these pages.
#: A server that does not offer it answers gzip, which every device reads.
PAGE_ENCODING = "bzip2"

#: What a device keeps of each record (and reads back: search, results, a linked offer).
DEVICE_FIELDS: dict[Kind, tuple[str, ...]] = {
    "structure": ("nom", "date_maj", "adresse", "code_postal", "commune", "code_insee")
    + ("latitude", "longitude"),
    "service": (
        "structure_id",
        "nom",
        "description",
        "date_maj",
        "type",
        "thematiques",
        "publics",
        "frais",
        "modes_accueil",
        "modes_mobilisation",
        "mobilisation_precisions",
        "adresse",
        "complement_adresse",
        "code_postal",
        "commune",
        "code_insee",
        "latitude",
        "longitude",
        "telephone",
        "courriel",
        "contact_nom_prenom",
        "lien_mobilisation",
        "lien_source",
    ),
}

#: Every column a page may carry, in a fixed order (a field of either kind).
COLUMN_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(DEVICE_FIELDS["structure"] + DEVICE_FIELDS["service"])
)


def to_columns(changes: list[OfferRecord]) -> OfferColumns:
    """The changes as columns, keeping only :data:`DEVICE_FIELDS` of each record."""
    fields: dict[str, list[Any]] = {name: [] for name in COLUMN_NAMES}
    deleted: list[int] = []
    for position, change in enumerate(changes):
        record = change.record if not change.deleted and change.record is not None else None
        if record is None:
            deleted.append(position)
        kept = DEVICE_FIELDS[change.kind]
        for name, values in fields.items():
            values.append(record.get(name) if record is not None and name in kept else None)
    return OfferColumns(
        kind=[c.kind for c in changes],
        source=[c.source for c in changes],
        id=[c.id for c in changes],
        seq=[c.seq for c in changes],
        deleted=deleted,
        fields={
            name: values for name, values in fields.items() if any(v is not None for v in values)
        },
    )


def from_columns(columns: OfferColumns) -> list[OfferRecord]:
    """The changes back as records (``source`` and ``id`` inside each record too, as a
    data·inclusion record spells them); ValueError when the lists disagree in length."""
    count = len(columns.seq)
    lists: list[list[Any]] = [columns.kind, columns.source, columns.id, *columns.fields.values()]
    if any(len(values) != count for values in lists):
        raise ValueError("offer columns of different lengths")
    if any(not 0 <= position < count for position in columns.deleted):
        raise ValueError("a deleted position outside the page")
    removed = set(columns.deleted)
    changes: list[OfferRecord] = []
    for i in range(count):
        record: dict[str, Any] | None = None
        if i not in removed:
            record = {"source": columns.source[i], "id": columns.id[i]}
            record |= {n: v[i] for n, v in columns.fields.items() if v[i] is not None}
        changes.append(
            OfferRecord(
                kind=columns.kind[i],
                source=columns.source[i],
                id=columns.id[i],
                seq=columns.seq[i],
                deleted=i in removed,
                record=record,
            )
        )
    return changes
