"""When a person's path needs someone's attention: a territory's alert thresholds.

The defaults are those the SPIE's point de situation asks for; a territory may set its own
(on its server, synchronised to every device, or on the device while it has none).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from spie_desktop.domain.interface_sentence import say

from .errors import ValidationError

#: The longest threshold a territory may set: beyond a year an alert says nothing useful.
MAX_DAYS = 365


@dataclass(frozen=True)
class AlertRules:
    """Thresholds in days, counted in the territory's own calendar."""

    #: Oriented to the SPIE and not seen (no first contact, no diagnostic) within this many days.
    not_seen_after_orientation_days: int = 30
    #: No contact of any kind for this many days.
    no_contact_days: int = 45
    #: A planned action of the signed plan overdue by this many days.
    action_overdue_days: int = 15
    #: More than this many days between the end of one step and the start of the next.
    gap_between_steps_days: int = 30

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_DAYS:
                raise ValidationError(
                    say(
                        "Un seuil d'alerte est un nombre de jours entre 1 et {MAX_DAYS}.",
                        MAX_DAYS=MAX_DAYS,
                    ),
                    f"alert threshold {item.name} must be an integer in 1..{MAX_DAYS}",
                    item.name,
                )

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> AlertRules:
        """Rules from their JSON form; unknown keys are ignored (a newer version's), missing
        ones take the default."""
        try:
            raw = json.loads(text)
        except ValueError as exc:
            raise ValidationError(
                say("Les seuils d'alerte enregistrés sont illisibles."),
                "alert rules are not JSON",
                "alert_rules",
            ) from exc
        if not isinstance(raw, dict):
            raise ValidationError(
                say("Les seuils d'alerte enregistrés sont illisibles."),
                "alert rules are not a JSON object",
                "alert_rules",
            )
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})
