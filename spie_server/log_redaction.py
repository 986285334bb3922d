"""Keep database error text out of the logs: it quotes the statement and its parameters.

A failed statement's exception says ``[SQL: ...] [parameters: ...]``, and the database's own
message may quote the data (``Key (...)=(...)``, ``JSON data, line 1: {"first_name": ...``).
On PostgreSQL one failed push put every first and last name of its batch in the log. Engines
are created with ``hide_parameters=True``; on top of that this filter, installed on the
server's loggers and on every handler, replaces the text of a database exception (and of
any exception or message quoting SQL) by its types and stack frames only.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

#: What SQLAlchemy puts around a statement and its parameters in an exception's text.
SQL_MARKERS = ("[SQL:", "[parameters:", "[SQL parameters")
#: Modules whose exceptions carry a statement or the database's description of the data.
DATABASE_MODULES = ("sqlalchemy", "psycopg", "sqlite3", "alembic")
#: Loggers whose records are filtered at the source (whatever handlers are added later).
LOGGERS = (
    "spie_server",
    "uvicorn",
    "uvicorn.error",
    "uvicorn.access",
    "fastapi",
    "starlette",
    "sqlalchemy",
    "sqlalchemy.engine",
    "sqlalchemy.engine.Engine",
    "sqlalchemy.pool",
    "alembic",
    "asyncio",
)
WITHHELD = "(message withheld: database errors may quote personal data)"


class DatabaseTextFilter(logging.Filter):
    """Rewrites a record so that no SQL, parameter or database message reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            if _quotes_the_database(error):
                record.exc_text = redacted_traceback(error)
        message = _message_of(record)
        if any(marker in message for marker in SQL_MARKERS):
            record.msg, record.args = _before_markers(message), None
        return True


def _message_of(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except (TypeError, ValueError):
        return str(record.msg)


def _before_markers(message: str) -> str:
    cut = min(message.index(m) for m in SQL_MARKERS if m in message)
    return message[:cut].rstrip() + " " + WITHHELD


def _chain(error: BaseException) -> list[BaseException]:
    """The exception and its causes, outermost first (as ``raise ... from`` links them)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        suppressed = current.__suppress_context__
        current = current.__cause__ or (None if suppressed else current.__context__)
    return chain


def _quotes_the_database(error: BaseException) -> bool:
    for item in _chain(error):
        if type(item).__module__.split(".")[0] in DATABASE_MODULES:
            return True
        if any(marker in _safe_str(item) for marker in SQL_MARKERS):
            return True
    return False


def _safe_str(error: BaseException) -> str:
    try:
        return str(error)
    except Exception:  # a broken __str__ must not break logging
        return ""


def redacted_traceback(error: BaseException) -> str:
    """The traceback as Python prints it, with every exception's message withheld."""
    parts: list[str] = []
    for index, item in enumerate(reversed(_chain(error))):
        if index:
            parts.append("\nThe above exception led to the following one:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(item.__traceback__))
        parts.append(f"{_name(item)}{_sqlstate(item)}: {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


def _name(error: BaseException) -> str:
    kind = type(error)
    return f"{kind.__module__}.{kind.__qualname__}"


def _sqlstate(error: BaseException) -> str:
    state: Any = getattr(getattr(error, "orig", error), "sqlstate", None)
    return f" [sqlstate {state}]" if isinstance(state, str) else ""


_FILTER = DatabaseTextFilter()


def install_redaction() -> None:
    """Filter the server's loggers at the source and every handler that exists now
    (uvicorn's included; it configures its handlers before loading the app)."""
    manager = logging.Logger.manager
    for name in LOGGERS:
        _add(logging.getLogger(name))
    _add(logging.getLogger())
    handlers: list[logging.Handler] = list(logging.getLogger().handlers)
    for logger in list(manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            handlers.extend(logger.handlers)
    if logging.lastResort is not None:
        handlers.append(logging.lastResort)
    for handler in handlers:
        _add(handler)


def _add(target: logging.Logger | logging.Handler) -> None:
    if _FILTER not in target.filters:
        target.addFilter(_FILTER)
