"""Signing on the keyboard: the signer types their full name, as it is shown, and confirms.

The name typed must be the signer's name; capitals, accents, hyphens and extra spaces do
not count (a screen-reader user types « Joana Silva » for « Joana SILVA »).
"""

from __future__ import annotations

import unicodedata

#: The refusal of a name typed that is not the signer's, without the name (an error raised
#: may reach a log; the signing screen says which name is expected).
TYPED_NAME_MISMATCH_FR = (
    "Un nom tapé au clavier n'est pas celui du signataire : tapez son nom complet, tel qu'il "
    "est affiché (majuscules et accents sans importance)."
)


def folded_name(name: str) -> str:
    """The name without capitals, accents, hyphens or apostrophes, single-spaced."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in "-'’‐‑":
        plain = plain.replace(mark, " ")
    return " ".join(plain.split())


def typed_name_matches(typed: str, expected: str) -> bool:
    """``typed`` is ``expected``, whatever its capitals and accents."""
    return bool(folded_name(expected)) and folded_name(typed) == folded_name(expected)


def typed_name_refusal(typed: str, expected: str) -> str | None:
    """The French message when the name typed is not the signer's; ``None`` when it is."""
    if not " ".join(typed.split()):
        return f"Tapez le nom complet : « {expected} »."
    if typed_name_matches(typed, expected):
        return None
    return (
        f"Le nom tapé n'est pas celui du signataire. Tapez « {expected} » "
        "(majuscules et accents sans importance)."
    )
