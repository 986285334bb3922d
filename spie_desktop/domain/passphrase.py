"""The passphrase policy: how strong a new passphrase is, whether it is accepted, and why not.

This is the one place that states the rule and its French messages: the set-up wizard, the
"new passphrase" dialogs, the device services and the command line all ask
:func:`new_passphrase_problem` / :func:`check_new_passphrase`, so they refuse the same
passphrases with the same sentence.

The estimate is deliberately simple and conservative: a length-based entropy (characters x
log2 of the alphabet they are drawn from) from which predictable parts are taken out —
common passwords and keyboard rows, repeated characters or blocks, runs such as ``1234``
or ``abcd``, and years. It is a guide for people choosing a passphrase, not a proof of
strength: Argon2id in the key slots is what makes guessing slow.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from .errors import ValidationError
from .interface_sentence import Sentence, say, verbatim

MIN_LENGTH = 10
MIN_SCORE = 2

# bits needed for scores 1, 2, 3, 4
_SCORE_THRESHOLDS = (40.0, 55.0, 70.0, 90.0)

# What guessers try first, in France and elsewhere (folded: lower case, no accents).
COMMON_WORDS = frozenset(
    [
        "motdepasse",
        "password",
        "passwort",
        "azerty",
        "qwerty",
        "qwertz",
        "azertyuiop",
        "qwertyuiop",
        "wxcvbn",
        "soleil",
        "bonjour",
        "bonsoir",
        "salut",
        "coucou",
        "doudou",
        "chouchou",
        "loulou",
        "nounours",
        "marseille",
        "paris",
        "france",
        "amour",
        "jetaime",
        "jtm",
        "liberte",
        "secret",
        "admin",
        "administrateur",
        "utilisateur",
        "chocolat",
        "princesse",
        "football",
        "iloveyou",
        "dragon",
        "monkey",
        "sunshine",
        "welcome",
        "letmein",
        "spie",
        "insertion",
        "emploi",
        "conseil",
        "travail",
        "diagnostic",
        "accueil",
        "famille",
        "bebe",
        "chien",
        "chat",
        "maman",
        "papa",
        "camille",
        "nicolas",
        "thomas",
        "julien",
        "nadia",
        "sophie",
        "celine",
        "pierre",
        "marie",
        "changeme",
        "default",
        "azerty123",
        "motdepass",
        "mdp",
        "pass",
        "test",
    ]
)

_KEYBOARD_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_YEAR = re.compile(r"(19|20)\d\d")

SCORE_LABELS_FR = ("Très faible", "Faible", "Moyenne", "Solide", "Très solide")

HINT_EMPTY = "Choisissez une phrase de passe : une phrase de 4 mots est facile à retenir et solide."
HINT_TOO_SHORT = "Trop courte : au moins 10 caractères."
HINT_COMMON = "Évitez les mots de passe courants (« motdepasse », « azerty », prénoms…) : ils sont essayés en premier."
HINT_REPEAT = "Évitez les répétitions (« aaaa », « abcabc ») : elles n'ajoutent presque rien."
HINT_SEQUENCE = "Évitez les suites (« 1234 », « abcd », rangées du clavier) et les années."
HINT_ADD_WORDS = "Ajoutez quelques mots : une phrase de 4 mots est facile à retenir et solide."
HINT_FAIR = "Acceptée ; un mot de plus la rendrait plus solide."
HINT_STRONG = "Acceptée : difficile à deviner."
HINT_VERY_STRONG = "Acceptée : très difficile à deviner."

#: Every hint, for the interface's catalogue (the windows show them through it).
HINTS_FR = (
    HINT_EMPTY,
    HINT_TOO_SHORT,
    HINT_COMMON,
    HINT_REPEAT,
    HINT_SEQUENCE,
    HINT_ADD_WORDS,
    HINT_FAIR,
    HINT_STRONG,
    HINT_VERY_STRONG,
)

REFUSED_WEAK = "Phrase de passe trop faible. {hint}"
REFUSED_MISMATCH = "Les deux phrases de passe ne sont pas identiques."


@dataclass(frozen=True, slots=True)
class PassphraseAssessment:
    score: int  # 0 (very weak) .. 4 (very strong)
    hint_fr: str
    acceptable: bool

    @property
    def label_fr(self) -> str:
        return SCORE_LABELS_FR[self.score]

    @property
    def summary_fr(self) -> str:
        """The line shown under the field: the level, then the hint (which never restates it)."""
        return f"{self.label_fr} — {self.hint_fr}"


def assess_passphrase(text: str) -> PassphraseAssessment:
    """Score a passphrase 0..4 with one French hint; acceptable needs 10+ chars and score ≥ 2."""
    if not text:
        return PassphraseAssessment(0, HINT_EMPTY, False)
    bits, flaws = estimate_bits(text)
    score = sum(1 for threshold in _SCORE_THRESHOLDS if bits >= threshold)
    long_enough = len(text) >= MIN_LENGTH
    if not long_enough:
        score = min(score, 1)
    acceptable = long_enough and score >= MIN_SCORE
    return PassphraseAssessment(score, _hint(score, long_enough, flaws), acceptable)


class PassphraseRefused(ValidationError):
    """A new passphrase the policy refuses; shown next to the passphrase field."""

    def __init__(self, message: Sentence, message_en: str) -> None:
        super().__init__(message, message_en, "passphrase")


class WeakPassphrase(PassphraseRefused):
    def __init__(self, hint_fr: str, too_short: bool) -> None:
        detail = f"shorter than {MIN_LENGTH} characters" if too_short else "too predictable"
        super().__init__(say(REFUSED_WEAK, hint=verbatim(hint_fr)), f"passphrase refused: {detail}")


class PassphrasesDiffer(PassphraseRefused):
    def __init__(self) -> None:
        super().__init__(say(REFUSED_MISMATCH), "passphrase refused: the two entries differ")


def new_passphrase_problem(
    passphrase: str, confirmation: str | None = None
) -> PassphraseRefused | None:
    """Why a new passphrase is refused, or ``None`` if it is accepted.

    It must be long and unpredictable enough (:func:`assess_passphrase`); when it was typed
    twice, ``confirmation`` must match it. Strength is told first: retyping a weak one
    identically would not help.
    """
    assessment = assess_passphrase(passphrase)
    if not assessment.acceptable:
        return WeakPassphrase(assessment.hint_fr, len(passphrase) < MIN_LENGTH)
    if confirmation is not None and confirmation != passphrase:
        return PassphrasesDiffer()
    return None


def check_new_passphrase(passphrase: str, confirmation: str | None = None) -> None:
    """Raise :class:`PassphraseRefused` unless :func:`new_passphrase_problem` finds none."""
    problem = new_passphrase_problem(passphrase, confirmation)
    if problem is not None:
        raise problem


def _hint(score: int, long_enough: bool, flaws: set[str]) -> str:
    if not long_enough:
        return HINT_TOO_SHORT
    if score < MIN_SCORE:
        for flaw, hint in (
            ("common", HINT_COMMON),
            ("repeat", HINT_REPEAT),
            ("sequence", HINT_SEQUENCE),
        ):
            if flaw in flaws:
                return hint
        return HINT_ADD_WORDS
    return (HINT_FAIR, HINT_STRONG, HINT_VERY_STRONG)[score - MIN_SCORE]


def estimate_bits(text: str) -> tuple[float, set[str]]:
    """Entropy estimate in bits, and the predictable patterns found (common/repeat/sequence)."""
    per_char = math.log2(_alphabet_size(text))
    folded = _fold(text)
    flaws: set[str] = set()
    unit = _repeated_unit(folded)
    if unit is not None:
        flaws.add("repeat")
        unit_bits, unit_flaws = estimate_bits(text[: len(unit)])
        return unit_bits + math.log2(len(folded) // len(unit)), flaws | unit_flaws
    bits = 0.0
    i = 0
    while i < len(folded):
        span, cost, flaw = _predictable_span(folded, i, per_char)
        if flaw:
            flaws.add(flaw)
            bits += cost + (1.0 if any(c.isupper() for c in text[i : i + span]) else 0.0)
        else:
            bits += per_char
        i += span
    return bits, flaws


def _predictable_span(folded: str, start: int, per_char: float) -> tuple[int, float, str]:
    """Length, cost in bits and kind of the predictable run starting here (kind "" if none)."""
    word = _longest_common_word(folded, start)
    if word:
        return len(word), math.log2(len(COMMON_WORDS)), "common"
    year = _YEAR.match(folded, start)
    if year:
        return 4, 7.0, "sequence"
    repeat = _run_length(folded, start, step=0)
    if repeat >= 3:
        return repeat, per_char + repeat - 1, "repeat"
    for step in (1, -1):
        run = _run_length(folded, start, step)
        if run >= 3:
            return run, per_char + run - 1, "sequence"
    row = _keyboard_run(folded, start)
    if row >= 4:
        return row, per_char + row - 1, "sequence"
    return 1, per_char, ""


def _longest_common_word(folded: str, start: int) -> str:
    best = ""
    for end in range(start + 3, len(folded) + 1):
        candidate = folded[start:end]
        if candidate in COMMON_WORDS and len(candidate) > len(best):
            best = candidate
    return best


def _run_length(folded: str, start: int, step: int) -> int:
    """How many characters from ``start`` follow each other by code point ``step``."""
    length = 1
    while start + length < len(folded):
        prev, cur = folded[start + length - 1], folded[start + length]
        if not (prev.isalnum() and ord(cur) - ord(prev) == step):
            break
        length += 1
    return length


def _keyboard_run(folded: str, start: int) -> int:
    best = 0
    for row in _KEYBOARD_ROWS:
        for sequence in (row, row[::-1]):
            length = 0
            while start + length < len(folded) and folded[start : start + length + 1] in sequence:
                length += 1
            best = max(best, length)
    return best


def _repeated_unit(folded: str) -> str | None:
    """The shortest block the whole text repeats (``abcabcabc`` → ``abc``), if any."""
    n = len(folded)
    for size in range(1, n // 2 + 1):
        if n % size == 0 and folded[:size] * (n // size) == folded:
            return folded[:size]
    return None


def _alphabet_size(text: str) -> int:
    size = 0
    if any(c.islower() and c.isascii() for c in text):
        size += 26
    if any(c.isupper() and c.isascii() for c in text):
        size += 26
    if any(c.isdigit() for c in text):
        size += 10
    if any(c == " " for c in text):
        size += 1
    if any(not c.isalnum() and c != " " and c.isascii() for c in text):
        size += 33
    if any(not c.isascii() for c in text):
        size += 20  # accented letters and other symbols typed on a French keyboard
    return max(size, 2)


def _fold(text: str) -> str:
    """Lower case without accents, one character for one (so indexes match ``text``)."""
    return "".join(_fold_char(c) for c in text)


def _fold_char(char: str) -> str:
    lower = char.lower()
    plain = "".join(c for c in unicodedata.normalize("NFD", lower) if not unicodedata.combining(c))
    return plain if len(plain) == 1 else lower[:1] or char
