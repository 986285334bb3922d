"""One cell of an orientation list: dates, INSEE commune codes, and formulas refused.

Every function returns the value as stored or raises :class:`ValidationError` with a French
message that says what to fix in the file.
"""

from __future__ import annotations

import re
from datetime import date

from spie_desktop.domain.interface_sentence import say
from spie_protocol.territories import territory_list

from .errors import ValidationError

OLDEST_YEAR = 1900
CELL_MAX = 500

_FRENCH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_INSEE = re.compile(r"(?:\d{2}|2A|2B)\d{3}")
#: After a leading + or -, what a phone number or a plain number may hold; anything else
#: (a letter, an operator, a parenthesised call) makes the cell a formula.
_SIGNED_NUMBER = re.compile(r"[+-][\d .]*(?:\(0\))?[\d .]*")
FORMULA_STARTS = ("=", "+", "-", "@")


def is_formula(text: str) -> bool:
    """A spreadsheet formula (``=SOMME(A1)``, ``@A1``, ``+A1*2``, ``-1+1``), which a
    spreadsheet would run if the value were exported again: refused, never stored.
    A phone number (``+33 6 12 34 56 78``) or a signed number is not one."""
    if not text.startswith(FORMULA_STARTS):
        return False
    if text[0] in "=@":
        return True
    return not (_SIGNED_NUMBER.fullmatch(text) and "+" not in text[1:] and "-" not in text[1:])


def is_placeholder(text: str) -> bool:
    """A cell holding only dashes (``-``, ``--``): an export's way to say empty."""
    return bool(text) and set(text) <= {"-", "—", "–"}


def parsed_date(text: str, field: str, label: str, today: date) -> date | None:
    """``jj/mm/aaaa`` (or ``jj.mm.aaaa``, ``jj-mm-aaaa``) or ISO ``aaaa-mm-jj``; empty is
    ``None``. Refused when not a date, in the future or before 1900."""
    if not text:
        return None
    french = _FRENCH_DATE.fullmatch(text)
    iso = None if french else _ISO_DATE.fullmatch(text)
    try:
        if french:
            day = date(int(french[3]), int(french[2]), int(french[1]))
        elif iso:
            day = date(int(iso[1]), int(iso[2]), int(iso[3]))
        else:
            raise ValueError(text)
    except ValueError:
        raise ValidationError(
            say(
                "{label} « {text} » n'est pas une date : écrivez-la jj/mm/aaaa (ex. 05/03/2024) "
                "ou aaaa-mm-jj.",
                label=label,
                text=text,
            ),
            f"{field} is not a date",
            field,
        ) from None
    if day > today:
        raise ValidationError(
            say("{label} ({day}) est dans le futur.", label=label, day=format(day, "%d/%m/%Y")),
            f"{field} in the future",
            field,
        )
    if day.year < OLDEST_YEAR:
        raise ValidationError(
            say(
                "{label} ({day}) est antérieure à {OLDEST_YEAR} : vérifiez-la.",
                label=label,
                day=format(day, "%d/%m/%Y"),
                OLDEST_YEAR=OLDEST_YEAR,
            ),
            f"{field} before {OLDEST_YEAR}",
            field,
        )
    return day


def checked_insee_code(text: str) -> str:
    """An INSEE commune code, checked structurally: five characters whose département
    prefix is a département a territory covers (``01``–``95`` but 20, ``2A``/``2B``, overseas ``971``–
    ``978`` and ``986``–``988``), the commune number not all zeros. It does not say that the
    commune exists in the official code list. A code of four digits (a spreadsheet dropped
    the leading zero) is completed. Empty stays empty."""
    code = text.strip().upper()
    if not code:
        return ""
    if len(code) == 4 and code.isdigit():
        code = "0" + code
    prefix = code[:3] if code.startswith(("97", "98")) else code[:2]
    number = code[len(prefix) :]
    if (
        not _INSEE.fullmatch(code)
        or prefix not in territory_list().departement_codes()
        or not number.isdigit()
        or int(number) == 0
    ):
        raise ValidationError(
            say(
                "Le code INSEE « {text} » n'est pas un code de commune : il faut cinq caractères "
                "commençant par un numéro de département (ex. 97302 pour Cayenne, 2A004 pour "
                "Ajaccio).",
                text=text,
            ),
            "INSEE code is not a commune code of a known territory",
            "insee_code",
        )
    return code


def looks_like_insee_code(text: str) -> bool:
    """A commune cell holding a code rather than a name (``97302``, ``2A004``, ``1004``)."""
    compact = text.strip().upper()
    return compact.isdigit() or bool(re.fullmatch(r"2[AB]\d{3}", compact))
