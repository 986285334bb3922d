"""View-model of « Offre locale »: the search typed and filtered, its results, the one shown.

Every search is a read on the database lane (``context.query`` through a coalescing
query: typing fast runs the newest search once the one in flight ends). The catalogue only
changes with a sync, so an announced sync reads again.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.offers import OfferQuery, OfferResult, Position
from spie_desktop.services import offer_search
from spie_desktop.services.changes import Change, Changes

from .window_context import CoalescedQuery, touches

if TYPE_CHECKING:
    from spie_desktop.services.device import Session

    from .window_context import WindowContext

#: The origin of distances: none, a commune of the catalogue (INSEE code), or the person's.
PERSON_ORIGIN = "person"
Read = tuple[OfferQuery, list[OfferResult], list[tuple[str, str]], bool, int]


class OfferSearchModel(QObject):
    changed = Signal()

    def __init__(
        self,
        context: WindowContext,
        parent: QObject | None = None,
        *,
        person_id: uuid.UUID | None = None,
        thematiques: tuple[str, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id = person_id
        self.query = OfferQuery(thematiques=thematiques, limit=100)
        #: The thématiques the search was opened with (an action's theme): a filter choice.
        self.preset_thematiques = thematiques
        self.origin = PERSON_ORIGIN if person_id is not None else ""
        self.results: list[OfferResult] = []
        self.communes: list[tuple[str, str]] = []
        self.selected: OfferResult | None = None
        self.origin_unknown = False
        #: Services on the device, whatever the search (0: the catalogue never arrived).
        self.catalogue_size: int | None = None
        self.loading = False
        self.error = ""
        self.on_screen = False
        self._stale = True
        self._read = CoalescedQuery(context, self._work, self._on_read, self._on_failed, self)
        context.changed.connect(self._on_changed)
        context.locked.connect(self.clear)

    # -- what the counsellor sets ------------------------------------------------------------

    def set_text(self, text: str) -> None:
        self._set(replace(self.query, text=text))

    def set_thematiques(self, values: tuple[str, ...]) -> None:
        self._set(replace(self.query, thematiques=values))

    def set_filter(self, name: str, value: str) -> None:
        """``types``, ``publics``, ``frais`` or ``modes_accueil``: one value, or "" for any."""
        values: tuple[str, ...] = (value,) if value else ()
        if name == "types":
            self._set(replace(self.query, types=values))
        elif name == "publics":
            self._set(replace(self.query, publics=values))
        elif name == "frais":
            self._set(replace(self.query, frais=values))
        else:
            self._set(replace(self.query, modes_accueil=values))

    def set_origin(self, origin: str) -> None:
        """ "" (no distance), an INSEE code, or :data:`PERSON_ORIGIN`."""
        self.origin = origin
        self.load()

    def select(self, index: int) -> None:
        self.selected = self.results[index] if 0 <= index < len(self.results) else None
        self.changed.emit()

    @property
    def catalogue_empty(self) -> bool:
        """Read, and no service at all on the device (not merely none matching)."""
        return self.catalogue_size == 0

    # -- reading -----------------------------------------------------------------------------

    def set_on_screen(self, shown: bool) -> None:
        self.on_screen = shown
        if shown and self._stale:
            self.load()

    def load(self) -> None:
        self._stale = False
        if self._read.run():
            self.loading = True
            self.changed.emit()

    def clear(self) -> None:
        self._stale = True
        self.results, self.selected, self.communes = [], None, []
        self.changed.emit()

    def _set(self, query: OfferQuery) -> None:
        self.query = query
        self.load()

    def _work(self, session: Session) -> Read:
        query, origin = self.query, self._position(session)
        found = offer_search.search_offers(session, replace(query, origin=origin))
        unknown = bool(self.origin) and origin is None
        communes = offer_search.catalogue_communes(session)
        return query, found, communes, unknown, offer_search.catalogue_size(session)

    def _position(self, session: Session) -> Position | None:
        if self.origin == PERSON_ORIGIN and self.person_id is not None:
            return offer_search.person_position(session, self.person_id)
        if self.origin:
            return offer_search.commune_position(session, code_insee=self.origin)
        return None

    def _on_read(self, read: Read) -> None:
        asked, self.results, self.communes, self.origin_unknown, self.catalogue_size = read
        self.loading, self.error = False, ""
        keep = self.selected
        self.selected = next(
            (r for r in self.results if keep and (r.source, r.id) == (keep.source, keep.id)),
            None,
        )
        if asked != self.query:
            self.load()
        self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
        self.changed.emit()

    def _on_changed(self, announced: Changes) -> None:
        if not touches(announced, Change.SYNC):
            return
        if self.on_screen:
            self.load()
        else:
            self._stale = True
