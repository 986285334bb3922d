"""The record of administrative events (enrolments, revocations, codes, territories)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from spie_server.models import AdminEvent, utc_now


def record_event(
    session: Session,
    kind: str,
    *,
    territory_id: int | None = None,
    device_id: uuid.UUID | None = None,
    **detail: Any,
) -> None:
    session.add(
        AdminEvent(
            at=utc_now(),
            kind=kind,
            territory_id=territory_id,
            device_id=device_id,
            detail=detail,
        )
    )
