"""Process logging: a rotating English log under ``<data dir>/logs``, ids only.

Log lines carry record ids and English event names, never names, answers or exception
messages (which may quote personal data, e.g. SQL parameters). Unexpected errors are logged
by :func:`log_unexpected` as the exception type and the stack frames, without the message.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from spie_desktop.config import logs_dir

LOG_FILE = "spie-desktop.log"
LOGGER_NAME = "spie_desktop"
_HANDLER_TAG = "_spie_file_handler"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send the ``spie_desktop`` loggers to ``logs/spie-desktop.log`` under ``data_dir``.

    Returns the log file, or ``None`` if the data dir does not exist (nothing is created
    outside an existing data dir) or the log cannot be opened (read-only folder, full disk,
    permission refused: the command still runs, without a log). Calling it again for another
    dir moves the handler. A write that fails later is dropped, never shown on stderr.
    """
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if getattr(handler, _HANDLER_TAG, False):
            logger.removeHandler(handler)
            handler.close()
    logger.propagate = False  # never to the terminal: stderr is for the one error line
    folder = logs_dir(data_dir)
    path = folder / LOG_FILE
    try:
        if not data_dir.is_dir():
            _no_log(logger)
            return None
        folder.mkdir(exist_ok=True)
        file_handler = _QuietRotatingHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        _no_log(logger)
        return None
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    setattr(file_handler, _HANDLER_TAG, True)
    logger.addHandler(file_handler)
    logger.setLevel(level)
    return path


class _QuietRotatingHandler(logging.handlers.RotatingFileHandler):
    """A log write that fails (disk full...) must not print a traceback on stderr."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


def _no_log(logger: logging.Logger) -> None:
    null = logging.NullHandler()
    setattr(null, _HANDLER_TAG, True)
    logger.addHandler(null)


def describe_unexpected(exc: BaseException) -> str:
    """The exception type and its frames (file:line in function), never its message."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in reversed(frames))
    return f"{type(exc).__module__}.{type(exc).__qualname__} at {where or '?'}"


def log_unexpected(exc: BaseException, context: str) -> None:
    logging.getLogger(LOGGER_NAME).error(
        "unexpected error during %s: %s", context, describe_unexpected(exc)
    )
