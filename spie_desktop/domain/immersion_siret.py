"""The SIRET of a host company: 14 digits whose Luhn key checks, with La Poste's exception.

La Poste's establishments share the SIREN 356 000 000 and are too many for the Luhn key: INSEE
numbers them so that the sum of their 14 digits is a multiple of 5 instead (its head office,
356 000 000 00048, passes the Luhn key too).
"""

from __future__ import annotations

from .errors import ValidationError
from .interface_sentence import Sentence, say

SIRET_LENGTH = 14
LA_POSTE_SIREN = "356000000"


def normalised_siret(text: str) -> str:
    """The SIRET as typed, spaces and dots taken out (« 362 521 879 00034 »)."""
    return "".join(c for c in text if c not in " .\u00a0\u202f")


def luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def siret_key_ok(digits: str) -> bool:
    """Whether 14 digits carry a valid control key (La Poste's rule for its SIREN)."""
    if luhn_ok(digits):
        return True
    return digits.startswith(LA_POSTE_SIREN) and sum(int(c) for c in digits) % 5 == 0


def siret_problem(text: str) -> str | None:
    """What is wrong with a typed SIRET, in French; None when it is valid."""
    said = siret_said(text)
    return None if said is None else said.french


def siret_said(text: str) -> Sentence | None:
    """What is wrong with a typed SIRET, for the interface; None when it is valid."""
    siret = normalised_siret(text)
    if not siret:
        return say("Indiquez le SIRET de l'entreprise d'accueil (14 chiffres).")
    if not siret.isascii() or not siret.isdigit():
        return say("Le SIRET {siret} ne doit contenir que des chiffres.", siret=siret)
    if len(siret) != SIRET_LENGTH:
        return say("Le SIRET doit compter 14 chiffres : {n} saisis.", n=len(siret))
    if not siret_key_ok(siret):
        return say("Le SIRET {siret} n'est pas valide (clé de contrôle).", siret=siret)
    return None


def checked_siret(text: str) -> str:
    """The SIRET, normalised; ValidationError (French message) when it is not valid."""
    problem = siret_said(text)
    if problem is not None:
        raise ValidationError(problem, "invalid SIRET", "siret")
    return normalised_siret(text)
