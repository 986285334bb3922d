"""Who may receive a person's file: the words of the consent the server reads, and which
answers are sensitive.

The server decides which devices receive a person's records (docs/sync-protocol.md,
"Sharing"): the structures that follow the person, and the other structures of the
territory only when the person's latest consent holds :data:`SHARE_CONSORTIUM`. Answers of
a sensitive theme (health) or to a sensitive question (justice) reach only the structure
that recorded them, unless that consent also holds :data:`SHARE_SENSITIVE`.

The method (the desktop's form definitions) marks those themes and questions ``sensitive``;
the server cannot read the definitions, so they are listed here, and a desktop test keeps
this list equal to what every released definition marks.
"""

from __future__ import annotations

#: Consent scope: share the file with the other structures of the territory (the SPIE
#: consortium), not only with those of the person's counsellors.
SHARE_CONSORTIUM = "share_consortium"
#: Consent scope: the structures that follow the person also see their health and justice
#: answers (otherwise only the structure that recorded an answer sees it).
SHARE_SENSITIVE = "share_sensitive"

#: Themes of the referential whose every answer is sensitive.
SENSITIVE_THEMES: tuple[str, ...] = ("sante",)
#: Questions outside those themes whose answer is sensitive (theme.question keys).
SENSITIVE_QUESTIONS: tuple[str, ...] = ("difficulte_administrative.justice",)


def is_sensitive_answer(key: str) -> bool:
    """True for the key of an answer only its recording structure may see by default."""
    return key.split(".", 1)[0] in SENSITIVE_THEMES or key in SENSITIVE_QUESTIONS
