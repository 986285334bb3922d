"""French text folded for the offer search: accents, case and plurals do not matter.

The same folding is applied to what is indexed and to what the counsellor types, so
"mobilite" finds "Mobilité" and "formations" finds "formation". The plural rule is crude on
purpose (it only has to agree with itself): a final "aux" becomes "al", a final "s" or "x"
goes, on words of four letters or more.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
#: Ligatures that NFKD leaves whole.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def fold_word(word: str) -> str:
    """One lower-case, unaccented word reduced to its singular."""
    if len(word) >= 5 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) >= 4 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def fold_words(text: str) -> list[str]:
    """The words of ``text``, lower case, without accents, each in its singular."""
    lowered = text.lower().translate(_LIGATURES)
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(c)
    )
    return [fold_word(w) for w in _WORD.findall(bare)]


def fold(text: str) -> str:
    """``text`` as the search index holds it: folded words separated by spaces."""
    return " ".join(fold_words(text))
