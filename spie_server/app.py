"""The FastAPI application: routers, middleware, error handlers, state."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress

from anyio import to_thread
from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import Engine
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from spie_protocol.limits import MAX_BODY_BYTES
from spie_protocol.version import PROTOCOL_VERSION
from spie_server import routes_meta
from spie_server.body_limits import BodyLimitMiddleware
from spie_server.client_address import parse_trusted_proxies
from spie_server.dashboard import routes_pages
from spie_server.dashboard.login_limits import LoginLimits
from spie_server.dashboard.table_cache import CachedTables
from spie_server.dashboard.table_source import TableProvider, territory_table
from spie_server.db import REQUEST_LANES, make_engine, upgrade
from spie_server.error_handlers import install_error_handlers
from spie_server.logs import log_event, setup_logging
from spie_server.offers import routes_offers
from spie_server.ratelimit import TokenBuckets
from spie_server.retention.schedule import every
from spie_server.sealing import Keyring, attach_keyring
from spie_server.server_key import load_or_create_secret
from spie_server.settings import Settings
from spie_server.sync import routes_blobs, routes_sync
from spie_server.territory import routes_enroll, routes_settings
from spie_server.territory.shared_secret import bound_secret


def create_app(
    settings: Settings,
    *,
    migrate: bool = True,
    engine: Engine | None = None,
    indicator_table: TableProvider | None = None,
) -> FastAPI:
    """``indicator_table``: where the dashboard takes a territory's figures from (by default
    the territory's records, each table kept until they change: ``dashboard.table_cache``)."""
    setup_logging()
    engine = engine or make_engine(settings.database_url)
    secret = _lazy_secret(settings)
    if migrate:
        upgrade(engine, secret)
        secret = _checked_secret(engine, settings)
    attach_keyring(engine, Keyring(secret))
    app = FastAPI(
        lifespan=_scheduled_retention(settings, engine),
        title="SPIE territory server",
        version=PROTOCOL_VERSION,
        description="Sync protocol v1 for spie-desktop devices; see docs/sync-protocol.md.",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.secret = secret
    app.state.enrol_limiter = TokenBuckets(engine, settings.enrol_rate, "enrol")
    app.state.trusted_proxies = parse_trusted_proxies(settings.trusted_proxies)
    app.state.login_limits = LoginLimits(engine)
    app.state.indicator_table = (
        CachedTables(territory_table) if indicator_table is None else indicator_table
    )
    install_error_handlers(app)
    # Each route checks the protocol header if its endpoint says so (spie_server.routing).
    for router in (
        routes_meta.router,
        routes_enroll.router,
        routes_settings.router,
        routes_sync.router,
        routes_blobs.router,
        routes_offers.router,
        routes_pages.router,  # the managers' dashboard: HTML pages, not the wire contract
    ):
        app.include_router(router)
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(AccessLogMiddleware)
    return app


def _scheduled_retention(
    settings: Settings, engine: Engine
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The lifespan: the request lanes; the daily retention run in the background."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Sync routes (and dependencies) run in anyio's thread pool, 40 threads by default:
        # bounded to the connections the pool keeps, the others queue (db.REQUEST_LANES).
        to_thread.current_default_thread_limiter().total_tokens = REQUEST_LANES
        hours = settings.retention_every_hours
        task = asyncio.create_task(every(hours, engine)) if hours else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task

    return lifespan


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: ``spie-server run`` exported the settings to the env."""
    return create_app(Settings.resolve())


def _checked_secret(engine: Engine, settings: Settings) -> Callable[[], bytes]:
    """Checked once before serving (never inside a request's transaction): every process of
    every host opens the keys with the one secret the database knows (shared_secret.py)."""
    bound = bound_secret(engine, settings.data_dir)

    def secret() -> bytes:
        return bound

    return secret


def _lazy_secret(settings: Settings) -> Callable[[], bytes]:
    lock = threading.Lock()
    cached: list[bytes] = []

    def secret() -> bytes:
        with lock:
            if not cached:
                cached.append(load_or_create_secret(settings.data_dir))
            return cached[0]

    return secret


class AccessLogMiddleware:
    """One JSON line per request: method, path, status, duration, device id. No bodies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def send_and_note(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            state = scope.get("state") or {}
            log_event(
                "request",
                method=scope["method"],
                path=scope["path"],
                status=status[0],
                ms=round((time.perf_counter() - started) * 1000, 1),
                device_id=state.get("device_id"),
            )
