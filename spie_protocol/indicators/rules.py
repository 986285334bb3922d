"""The few labels both readers of the facts (device and server) must spell alike, and the
rule that turns a catalogue offer's thématiques into the one it is counted under."""

from __future__ import annotations

from collections.abc import Iterable

#: The structure of a file no counsellor of a known structure is named on (records the system
#: made, such as a demo's): never "", which is every structure.
UNKNOWN_STRUCTURE = "Structure non renseignée"
#: The thématique of a linked offer the territory's catalogue does not hold (any more).
UNKNOWN_THEMATIQUE = "non-renseignee"


def offer_thematique(thematiques: Iterable[str]) -> str:
    """The thématique a linked offer counts under: the first, in alphabetical order, of the
    top levels of its catalogue thématiques (``mobilite--preparer-un-permis`` →
    ``mobilite``), so one offer counts once whatever order its tags were stored in;
    :data:`UNKNOWN_THEMATIQUE` when the catalogue gives none."""
    tops = [name.split("--", 1)[0] for name in thematiques if name]
    return min(tops) if tops else UNKNOWN_THEMATIQUE
