"""Run a unit of work in one transaction, retrying races the database resolved for us.

Two pushes creating the same record, or replaying the same op_id at the same moment, end with
one of them failing on a unique key; a PostgreSQL deadlock or serialisation failure likewise
rolls the whole transaction back. Retrying then gives the right answer (``conflict`` or
``duplicate``), never a partial write.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from spie_server.db import session_scope

T = TypeVar("T")
RETRIES = 8
_RETRYABLE_SQLSTATES = {"40001", "40P01"}


def in_transaction(engine: Engine, work: Callable[[Session], T], *, snapshot: bool = False) -> T:
    """Run ``work`` in one transaction and commit it; retry it whole after a lost race.

    ``snapshot``: on PostgreSQL, read everything from one snapshot (REPEATABLE READ), so a
    change another transaction commits half-way cannot be seen by some reads and not others;
    the database then aborts one of two colliding transactions, and it is retried. (SQLite
    serialises writers with BEGIN IMMEDIATE, which is stronger still.)
    """
    if snapshot and engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    for attempt in range(RETRIES):
        try:
            with session_scope(engine) as session:
                return work(session)
        except (IntegrityError, OperationalError, DBAPIError) as error:
            if attempt == RETRIES - 1 or not _retryable(error):
                raise
            time.sleep(random.uniform(0.002, 0.01) * (attempt + 1))
    raise AssertionError("unreachable")


def _retryable(error: DBAPIError) -> bool:
    if isinstance(error, IntegrityError):
        return True
    sqlstate = getattr(error.orig, "sqlstate", None)
    if sqlstate in _RETRYABLE_SQLSTATES:
        return True
    return isinstance(error, OperationalError) and "locked" in str(error.orig)
