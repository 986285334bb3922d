"""argparse's own words in French: ``--help`` (usage line, section titles, ``-h``) and its
error messages (unknown command, missing argument...), so that the whole command line speaks
one language.

argparse looks these up through the module's ``_`` and ``ngettext`` names (``gettext``
without a catalogue), so those names are pointed at these tables once, when the parser is
built.
"""

from __future__ import annotations

import argparse

FRENCH = {
    "usage: ": "utilisation : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ignored explicit argument %r": "valeur non attendue : %r",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "unexpected option string: %s": "option inattendue : %s",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (au choix : %(choices)s)"
    ),
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
}
#: Singular and plural forms, by argparse's English singular.
FRENCH_PLURALS = {
    "expected %s argument": ("%s valeur est attendue", "%s valeurs sont attendues"),
}


def french(message: str) -> str:
    return FRENCH.get(message, message)


def french_ngettext(singular: str, plural: str, n: int) -> str:
    forms = FRENCH_PLURALS.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n <= 1 else forms[1]


def speak_french() -> None:
    """Make argparse's help and error messages French (idempotent)."""
    argparse._ = french  # type: ignore[attr-defined]
    argparse.ngettext = french_ngettext  # type: ignore[attr-defined]
