"""How to reach a person: French phone numbers, e-mail addresses and communes, checked.

Each ``checked_*`` function takes what a counsellor typed and returns the form that is
stored, or raises :class:`ValidationError` naming the field, with a French message that says
what to fix. An empty value is always accepted (the person may have no phone or no e-mail).

Phone numbers: the ten-digit national form (``06 12 34 56 78``, overseas ``0694 …``,
``0262 …``, ``0590 …``), or the international form of metropolitan France and the overseas
départements (``+33 6 …``, ``+594 694 …``, ``+262 692 …``, ``0033 …``), both stored as the
national number in pairs. A number of another country (``+32 …``) is kept in its
international form when it has a plausible length: a person may keep a foreign line.
"""

from __future__ import annotations

import re

from spie_desktop.domain.interface_sentence import Sentence, say

from .errors import ValidationError

#: Country calling codes whose numbers are dialled in France as ``0`` + nine digits:
#: metropolitan France, Réunion and Mayotte, Guadeloupe (and Saint-Martin, Saint-Barthélemy),
#: Guyane, Martinique.
FRENCH_CALLING_CODES = ("33", "262", "590", "594", "596")
#: E.164: at most fifteen digits, country code included.
INTERNATIONAL_DIGITS = range(8, 16)
PHONE_SEPARATORS = re.compile(r"[\s.\-/]+")
EMAIL_MAX = 254
COMMUNE_MAX = 100

_NATIONAL = re.compile(r"0[1-9]\d{8}")
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_DOMAIN_LABEL = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?")
_COMMUNE = re.compile(r"[\w' ’().-]+")


def checked_phone(text: str) -> str:
    """The phone number as stored (``06 12 34 56 78``), or a French error on ``phone``."""
    compact = PHONE_SEPARATORS.sub("", text.strip()).replace("(0)", "")
    if not compact:
        return ""
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    digits = compact.removeprefix("+")
    if not digits.isdigit() or not digits.isascii():
        raise _phone_error(
            say("Le numéro de téléphone ne peut contenir que des chiffres (et un + au début)."),
            "phone number has characters other than digits",
        )
    if compact.startswith("+"):
        return _international(digits)
    if not _NATIONAL.fullmatch(digits):
        raise _phone_error(
            say(
                "Numéro de téléphone incomplet ou erroné : dix chiffres commençant par 0 (ex. 06 "
                "12 34 56 78), ou +33 suivi de neuf chiffres."
            ),
            "phone number is not ten digits starting with 0",
        )
    return _pairs(digits)


def _international(digits: str) -> str:
    for code in FRENCH_CALLING_CODES:
        if digits.startswith(code):
            national = digits[len(code) :]
            if len(national) == 9 and national[0] != "0":
                return _pairs("0" + national)
            raise _phone_error(
                say(
                    "Numéro de téléphone incomplet ou erroné : +{code} doit être suivi de neuf "
                    "chiffres (ex. +33 6 12 34 56 78).",
                    code=code,
                ),
                "French international number is not nine digits after the country code",
            )
    if len(digits) not in INTERNATIONAL_DIGITS:
        raise _phone_error(
            say(
                "Numéro de téléphone étranger incomplet ou trop long (de 8 à 15 chiffres après "
                "le +)."
            ),
            "international number has an implausible length",
        )
    return "+" + digits


def _pairs(national: str) -> str:
    return " ".join(national[i : i + 2] for i in range(0, len(national), 2))


def _phone_error(message_fr: Sentence, message_en: str) -> ValidationError:
    return ValidationError(message_fr, message_en, "phone")


def checked_email(text: str) -> str:
    """The e-mail address as stored (domain in lower case), or a French error on ``email``."""
    address = text.strip()
    if not address:
        return ""
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        raise _email_error(
            say(
                "Adresse électronique incomplète : il faut un nom, un @ et un domaine (ex. "
                "marie.dupont@exemple.fr)."
            ),
            "e-mail address lacks a local part, an @ or a domain",
        )
    labels = domain.split(".")
    if (
        len(address) > EMAIL_MAX
        or not _EMAIL_LOCAL.fullmatch(local)
        or len(labels) < 2
        or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels)
        or len(labels[-1]) < 2
        or labels[-1].isdigit()
    ):
        raise _email_error(
            say(
                "Adresse électronique erronée : vérifiez-la (ex. marie.dupont@exemple.fr, sans "
                "espace ni accent avant le @)."
            ),
            "e-mail address is malformed",
        )
    return f"{local}@{domain.lower()}"


def _email_error(message_fr: Sentence, message_en: str) -> ValidationError:
    return ValidationError(message_fr, message_en, "email")


def checked_commune(text: str) -> str:
    """The commune's name, single-spaced, or a French error on ``commune``."""
    name = " ".join(text.split())
    if not name:
        return ""
    if len(name) > COMMUNE_MAX:
        raise ValidationError(
            say(
                "Le nom de la commune est trop long (au plus {COMMUNE_MAX} caractères).",
                COMMUNE_MAX=COMMUNE_MAX,
            ),
            "commune name too long",
            "commune",
        )
    if not _COMMUNE.fullmatch(name) or not any(c.isalpha() for c in name) or "_" in name:
        raise ValidationError(
            say(
                "Écrivez le nom de la commune en lettres (ex. Saint-Laurent-du-Maroni), sans "
                "code postal seul ni signe particulier."
            ),
            "commune name has unexpected characters",
            "commune",
        )
    return name
