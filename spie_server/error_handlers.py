"""Every error leaves as ``{"error": {"code", "message", ...}}`` with a precise 4xx status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from spie_server.errors import ApiError
from spie_server.logs import get_logger

_HTTP_CODES = {
    400: "malformed_json",
    404: "not_found",
    405: "method_not_allowed",
    401: "unauthorized",
}


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def _json(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body = {"error": {"code": code, "message": message, **extra}}
    return JSONResponse(body, status_code=status)


async def _api_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ApiError)
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


async def _validation_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = list(error.errors())
    if any(p.get("type") == "json_invalid" for p in problems):
        return _json(400, "malformed_json", "the request body is not valid JSON")
    # Never echo the input back: it may hold personal data, and it would reach the logs.
    details = [
        {
            "loc": [str(part) for part in p.get("loc", ())],
            "type": p.get("type"),
            "msg": p.get("msg"),
        }
        for p in problems[:50]
    ]
    return _json(422, "invalid_request", "the request does not match the protocol", details=details)


async def _http_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    code = _HTTP_CODES.get(error.status_code, f"http_{error.status_code}")
    return JSONResponse(
        {"error": {"code": code, "message": str(error.detail)}},
        status_code=error.status_code,
        headers=error.headers,
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    get_logger().error("unexpected_error", exc_info=error, extra={"path": request.url.path})
    return _json(500, "internal_error", "unexpected server error; it has been logged")
