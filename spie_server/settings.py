"""Where the server keeps its files and database, and its tunable limits."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from spie_server.client_address import parse_trusted_proxies

DATA_DIR_ENV = "SPIE_SERVER_DATA_DIR"
DATABASE_URL_ENV = "SPIE_SERVER_DATABASE_URL"
ENROL_RATE_ENV = "SPIE_SERVER_ENROL_RATE"  # "BURST/PER_MINUTE", e.g. "10/10"
DELETIONS_PER_HOUR_ENV = "SPIE_SERVER_DELETIONS_PER_HOUR"
#: Deletions one device may make in an hour before the next ones wait for an administrator.
DEFAULT_DELETIONS_PER_HOUR = 20
TRUSTED_PROXIES_ENV = "SPIE_SERVER_TRUSTED_PROXIES"  # "10.0.0.5,10.1.0.0/16"
#: Hours between two retention runs while the server runs; "0" or "off": never.
RETENTION_EVERY_HOURS_ENV = "SPIE_SERVER_RETENTION_EVERY_HOURS"
DEFAULT_RETENTION_EVERY_HOURS = 24.0


def default_data_dir() -> Path:
    env = os.environ.get(DATA_DIR_ENV)
    return Path(env) if env else Path(user_data_dir("spie-server", appauthor=False))


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'server.db'}"


@dataclass(frozen=True)
class RateLimit:
    burst: int = 10
    per_minute: float = 10.0

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        burst, _, per_minute = text.partition("/")
        try:
            limit = cls(int(burst), float(per_minute or burst))
        except ValueError:
            raise ValueError(f"rate limit must look like BURST/PER_MINUTE, not {text!r}") from None
        if limit.burst < 1 or limit.per_minute <= 0:
            raise ValueError(f"rate limit must be positive, not {text!r}")
        return limit


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    enrol_rate: RateLimit = RateLimit()
    deletions_per_hour: int = DEFAULT_DELETIONS_PER_HOUR
    #: Proxies whose X-Forwarded-For is believed (addresses or networks); none by default.
    trusted_proxies: tuple[str, ...] = ()
    #: Hours between two retention runs while the server runs; None: no scheduled run (the
    #: default of a Settings built in code, as tests do; ``resolve`` says once a day).
    retention_every_hours: float | None = None

    @classmethod
    def resolve(
        cls,
        data_dir: str | Path | None = None,
        database_url: str | None = None,
        trusted_proxies: Sequence[str] | None = None,
    ) -> Settings:
        """Command-line values first, then the environment, then the platform's defaults."""
        directory = Path(data_dir) if data_dir else default_data_dir()
        url = database_url or os.environ.get(DATABASE_URL_ENV) or sqlite_url(directory)
        rate = os.environ.get(ENROL_RATE_ENV)
        deletions = os.environ.get(DELETIONS_PER_HOUR_ENV)
        if trusted_proxies is None:
            listed = os.environ.get(TRUSTED_PROXIES_ENV, "")
            trusted_proxies = [p for p in listed.split(",") if p.strip()]
        proxies = tuple(p.strip() for p in trusted_proxies)
        parse_trusted_proxies(proxies)  # refuse a typo before anything starts
        return cls(
            directory,
            url,
            RateLimit.parse(rate) if rate else RateLimit(),
            _parse_deletions(deletions) if deletions else DEFAULT_DELETIONS_PER_HOUR,
            proxies,
            _parse_every(os.environ.get(RETENTION_EVERY_HOURS_ENV)),
        )

    def export_env(self) -> dict[str, str]:
        """Environment that makes ``Settings.resolve()`` in a worker process return ``self``."""
        return {
            DATA_DIR_ENV: str(self.data_dir),
            DATABASE_URL_ENV: self.database_url,
            ENROL_RATE_ENV: f"{self.enrol_rate.burst}/{self.enrol_rate.per_minute}",
            DELETIONS_PER_HOUR_ENV: str(self.deletions_per_hour),
            TRUSTED_PROXIES_ENV: ",".join(self.trusted_proxies),
            RETENTION_EVERY_HOURS_ENV: str(self.retention_every_hours or "off"),
        }


def _parse_deletions(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{DELETIONS_PER_HOUR_ENV} must be a whole number, not {text!r}") from None
    if value < 0:
        raise ValueError(f"{DELETIONS_PER_HOUR_ENV} must be 0 or more, not {text!r}")
    return value


def _parse_every(text: str | None) -> float | None:
    if text is None or not text.strip():
        return DEFAULT_RETENTION_EVERY_HOURS
    if text.strip().lower() in ("0", "off"):
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ValueError(
            f"{RETENTION_EVERY_HOURS_ENV} must be a number of hours, 0 or off, not {text!r}"
        )
    return value
