"""The offer catalogue's tables: data·inclusion structures and services as pulled from the
territory server, read-only on the device and never pushed (no version, no clock: not
records of the entity registry). Registered on the same metadata as :mod:`.models`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Float, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base


class CatalogueStructureRow(Base):
    """A structure of the offer catalogue (data·inclusion record): read-only, never pushed."""

    __tablename__ = "catalogue_structures"
    key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(100))
    id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(Text)
    code_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    commune_key: Mapped[str | None] = mapped_column(String(200), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("source", "id", name="uq_catalogue_structures_source_id"),)


class CatalogueServiceRow(Base):
    """A service of the offer catalogue (data·inclusion record): read-only, never pushed.

    List-valued fields are kept as ``|a|b|`` so a filter is one ``LIKE``; ``key`` is the rowid
    of the service's entry in the full-text index.
    """

    __tablename__ = "catalogue_services"
    key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source: Mapped[str] = mapped_column(String(100))
    id: Mapped[str] = mapped_column(String(200))
    structure_id: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(Text)
    thematiques: Mapped[str] = mapped_column(Text, default="|")
    type: Mapped[str] = mapped_column(String(64), default="")
    publics: Mapped[str] = mapped_column(Text, default="|")
    frais: Mapped[str] = mapped_column(String(64), default="|")
    modes_accueil: Mapped[str] = mapped_column(String(64), default="|")
    code_insee: Mapped[str | None] = mapped_column(String(5), index=True)
    commune_key: Mapped[str | None] = mapped_column(String(200), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    __table_args__ = (
        UniqueConstraint("source", "id", name="uq_catalogue_services_source_id"),
        # Covers every column a search filters or orders on: a search scans this index, not
        # the rows with their records (far fewer encrypted pages to read).
        Index(
            "ix_catalogue_services_search",
            "thematiques",
            "type",
            "publics",
            "frais",
            "modes_accueil",
            "latitude",
            "longitude",
            "name",
        ),
    )
