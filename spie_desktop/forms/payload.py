"""The JSON form of an interview's answers, always stamped with its definition id and version.

::

    {"format": 1,
     "definition": {"id": "socle-commun", "version": 1},
     "current_step": "situation",
     "answers": {"mobilite.permis": {"value": true, "author_id": "<uuid>|null",
                                      "updated_at": "2025-03-04T10:42:17+00:00"}}}

Values are kept verbatim (even for a key the definition does not know), so a read-only
interview is written back exactly as it was read.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from .errors import PayloadError

FORMAT = 1

AnswerTuple = tuple[Any, uuid.UUID | None, datetime]


def dump(
    definition_id: str, version: int, current_step: str | None, answers: dict[str, AnswerTuple]
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "definition": {"id": definition_id, "version": version},
        "current_step": current_step,
        "answers": {
            key: {
                "value": value,
                "author_id": str(author) if author else None,
                "updated_at": at.isoformat(),
            }
            for key, (value, author, at) in answers.items()
        },
    }


def load(data: Any) -> tuple[str, int, str | None, dict[str, AnswerTuple]]:
    """(definition id, version, current step, answers) from :func:`dump`'s output."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PayloadError("not a format-1 payload")
    ref = data.get("definition")
    if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
        raise PayloadError("missing definition id")
    version = ref.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PayloadError("missing definition version")
    step = data.get("current_step")
    raw_answers = data.get("answers")
    if not isinstance(raw_answers, dict) or not (step is None or isinstance(step, str)):
        raise PayloadError("answers must be an object")
    answers: dict[str, AnswerTuple] = {}
    for key, entry in raw_answers.items():
        if not isinstance(key, str) or not isinstance(entry, dict) or "value" not in entry:
            raise PayloadError(f"malformed answer {key!r}")
        try:
            author = uuid.UUID(entry["author_id"]) if entry.get("author_id") else None
            at = datetime.fromisoformat(entry["updated_at"])
        except (KeyError, TypeError, ValueError) as exc:
            raise PayloadError(f"malformed answer {key!r}") from exc
        answers[key] = (entry["value"], author, at)
    return ref["id"], version, step, answers
