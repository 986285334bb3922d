"""An unlocked store, the counsellor who unlocked it, and the device settings.

A :class:`Session` is what every service takes. Each operation opens one short unit of work
through :meth:`Session.uow` (one transaction, committed at the end of the ``with`` block).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from spie_desktop.config import DeviceConfig
from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.events import AuditAction
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.organisation import Counsellor
from spie_desktop.domain.territory import Territory

from .store_guard import StoreFileGuard

if TYPE_CHECKING:
    from .store import Store, UnitOfWork

log = logging.getLogger(__name__)


class SessionClosed(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("La session est verrouillée : déverrouillez-la pour continuer."),
            "the session is locked (store closed)",
        )


class Session:
    """The unlocked store for one counsellor. Close it to lock."""

    def __init__(
        self,
        *,
        data_dir: Path,
        store: Store,
        counsellor: Counsellor,
        territory: Territory,
        config: DeviceConfig,
        data_key: bytes,
    ) -> None:
        self.data_dir = data_dir
        self.store = store
        self.counsellor = counsellor
        self.territory = territory
        self.config = config
        # Kept in memory only while unlocked: adding an account wraps it in a new key slot.
        self._data_key: bytes | None = data_key
        self._open = True
        self._file_guard = StoreFileGuard(store.path)

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def data_key(self) -> bytes:
        if not self._open or self._data_key is None:
            raise SessionClosed()
        return self._data_key

    @contextmanager
    def uow(self, *, read_only: bool = False) -> Iterator[UnitOfWork]:
        """One short transaction acting as this counsellor (``read_only``: no write lock)."""
        if not self._open:
            raise SessionClosed()
        self._file_guard.check()
        with self.store.unit_of_work(actor_id=self.counsellor.id, read_only=read_only) as uow:
            yield uow
        self._file_guard.check()  # a commit into a deleted file is lost: say so at once

    def close(self) -> None:
        """Audit the lock, close the store and forget the key. Safe to call twice."""
        if not self._open:
            return
        try:
            with self.uow() as uow:
                uow.audit.record(AuditAction.LOCKED, "counsellor", self.counsellor.id)
        except Exception as exc:  # the store must close even if the audit cannot be written
            log.warning("could not audit the lock: %s", type(exc).__name__)
        finally:
            self._open = False
            self._data_key = None
            self.store.close()
            log.info("session closed for account %s", self.counsellor.id)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
