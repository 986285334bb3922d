"""What in a free-text note may identify someone: names, phone numbers, e-mails, dates, places.

Pure text work, no storage: :func:`detect_spans` takes a note and what is known of the
people it may name (the person's names and commune, their counsellors' names) and returns
typed spans, as character offsets into the note, for the redaction step to highlight.

Names are the person's own and their counsellors' (case- and accent-insensitive, also as a
part of a hyphenated name), a capitalised word found in the list of common French first
names (``data/prenoms.txt``), or a capitalised word after a civility (« M. », « Mme »,
« Madame »…). Phone numbers in French forms (national, +33 and the overseas codes, with
spaces, dots or dashes), e-mail addresses, dates (« 12/03/2024 », « 12 mars 2024 »,
« mars 2024 »), and places: the person's commune, a postal code, a street address.

A detector errs on the side of flagging: it is a help to the counsellor who reviews the
note, never a proof that a note is anonymous. Names, phone numbers and e-mail addresses
block the export while they remain (:data:`BLOCKING_KINDS`); dates and places are shown
for the counsellor to judge (« en mars » may matter to the group, a street never does).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources


class SpanKind(StrEnum):
    NAME = "name"
    PHONE = "phone"
    EMAIL = "email"
    DATE = "date"
    BIRTH_DATE = "birth_date"  # a date that is the person's birth date
    PLACE = "place"

    @property
    def label(self) -> str:
        return SPAN_KIND_LABELS[self]


SPAN_KIND_LABELS = {
    SpanKind.NAME: "nom",
    SpanKind.PHONE: "téléphone",
    SpanKind.EMAIL: "courriel",
    SpanKind.DATE: "date",
    SpanKind.BIRTH_DATE: "date de naissance",
    SpanKind.PLACE: "lieu",
}
#: Kinds that may not remain in a note that enters an anonymised document.
BLOCKING_KINDS = frozenset({SpanKind.NAME, SpanKind.PHONE, SpanKind.EMAIL, SpanKind.BIRTH_DATE})
#: When a span lies wholly inside another, the one whose kind comes first here is kept
#: (the date « 06.12.34 » inside a phone number is the phone number).
_PRIORITY = (
    SpanKind.EMAIL,
    SpanKind.PHONE,
    SpanKind.BIRTH_DATE,
    SpanKind.NAME,
    SpanKind.PLACE,
    SpanKind.DATE,
)

#: Parts of a name too common to stand for it alone (« Jean de La Fontaine »).
NAME_PARTICLES = frozenset({"de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "el", "al", "ben", "bin"})  # fmt: skip
MIN_NAME_PART = 2


@dataclass(frozen=True, slots=True)
class Span:
    kind: SpanKind
    start: int
    end: int  # exclusive

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class KnownIdentity:
    """What is known of the people a note may name."""

    #: The person's first and last names, their counsellors' display names.
    names: tuple[str, ...] = ()
    #: The person's commune (and postal code, when known).
    places: tuple[str, ...] = ()
    #: The person's birth date: a date of the note equal to it is flagged as such.
    birth_date: date | None = None


def fold(text: str) -> str:
    """Lower case without accents, one character for one: offsets stay those of ``text``."""
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=4096)  # a note has few distinct characters; folding is per keystroke
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    lowered = base.lower()
    return lowered[0] if lowered else char


@cache
def first_names() -> frozenset[str]:
    """The folded first names of ``data/prenoms.txt`` (and of each part of a compound one)."""
    data = resources.files("spie_desktop.domain").joinpath("data", "prenoms.txt")
    names: set[str] = set()
    for line in data.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.add(fold(line))
            names.update(fold(part) for part in line.split("-") if part)
    return frozenset(names)


_MONTHS = (
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}][\w'’-]*\w"
_PHONE = re.compile(
    r"(?<![\d+])(?:"
    r"(?:\+|00)\s?(?:33|262|269|508|590|594|596|687|689)[\s.-]?(?:\(0\)[\s.-]?)?[1-9](?:[\s.-]?\d){8}"
    r"|(?:\+|00)\s?[1-9]\d{0,2}(?:[\s.-]?\d){7,12}"
    r"|0[1-9](?:[\s.-]?\d{2}){4}"
    r")(?![\d])"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})(?:[/.-](?P<y>\d{4}|\d{2}))?(?![\d/]|[.-]\d)"
)
_ISO_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_WORDED_DATE = re.compile(
    rf"\b(?:(?:1er|\d{{1,2}})\s+(?:{_MONTHS})(?:\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{4}})\b",
    re.IGNORECASE,
)
_POSTAL_CODE = re.compile(r"(?<![\d+])(?<!\d[\s.-])\b(?:\d{5}|2[AB]\d{3})\b(?![\s.-]?\d)")
_STREET_TYPES = (
    r"rue|avenue|av\.|boulevard|bd|chemin|impasse|all[ée]e|place|route|quai|cours|"
    r"lotissement|r[ée]sidence|cit[ée]|lieu-dit|hameau|square|passage|voie"
)
_ADDRESS = re.compile(
    rf"\b\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?:{_STREET_TYPES})\b[^\n,;:()]{{0,60}}",
    re.IGNORECASE,
)
_NAMED_STREET = re.compile(
    rf"\b(?i:{_STREET_TYPES})\s+(?:(?i:de la|de l'|de l’|du|des|de|d'|d’)\s*)?{_WORD}(?:[\s-]+{_WORD})*"
)
_CIVILITY = re.compile(
    rf"\b(?:M\.|MM\.|Mme|Mmes|Mlle|Mr|Dr|Pr|Me|Monsieur|Madame|Mademoiselle|Docteur|Ma[iî]tre)"
    rf"\s+{_WORD}(?:[\s-]+{_WORD})*"
)
_CAPITALISED = re.compile(rf"(?<![\w'’]){_WORD}|(?<![\w'’])[{_UPPER}]\w?")


def detect_spans(text: str, known: KnownIdentity = KnownIdentity()) -> tuple[Span, ...]:
    """Every span of ``text`` that may identify someone, in text order."""
    folded = fold(text)
    found: list[Span] = []
    found += _matches(_EMAIL, text, SpanKind.EMAIL)
    found += _matches(_PHONE, text, SpanKind.PHONE)
    found += _known(folded, _name_parts(known.names), SpanKind.NAME)
    found += _matches(_CIVILITY, text, SpanKind.NAME)
    found += _listed_first_names(text)
    found += _known(folded, _place_forms(known.places), SpanKind.PLACE)
    found += _matches(_ADDRESS, text, SpanKind.PLACE, strip=True)
    found += _matches(_NAMED_STREET, text, SpanKind.PLACE)
    found += _matches(_POSTAL_CODE, text, SpanKind.PLACE)
    dates = [*_worded_dates(text), *_iso_dates(text), *_numeric_dates(text)]
    found += [
        Span(SpanKind.BIRTH_DATE if _is_birth(day, known) else SpanKind.DATE, start, end)
        for start, end, day in dates
    ]
    return _resolved(found)


def blocking_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(span for span in spans if span.kind in BLOCKING_KINDS)


def _matches(
    pattern: re.Pattern[str], text: str, kind: SpanKind, *, strip: bool = False
) -> Iterator[Span]:
    for match in pattern.finditer(text):
        start, end = match.span()
        if strip:
            end = start + len(match.group().rstrip(" .\t"))
        yield Span(kind, start, end)


def _name_parts(names: Iterable[str]) -> set[str]:
    """Each whole name and each part of it long enough to point at someone."""
    parts: set[str] = set()
    for name in names:
        whole = " ".join(fold(name).split())
        if len(whole.replace(".", "")) >= MIN_NAME_PART:
            parts.add(whole)
        for part in re.split(r"[\s'’.-]+", whole):
            if len(part) >= MIN_NAME_PART and part not in NAME_PARTICLES:
                parts.add(part)
    return parts


def _place_forms(places: Iterable[str]) -> set[str]:
    forms = {" ".join(fold(place).split()) for place in places}
    return {form for form in forms if len(form) >= MIN_NAME_PART}


def _known(folded: str, forms: Iterable[str], kind: SpanKind) -> Iterator[Span]:
    for form in sorted(forms, key=len, reverse=True):
        spaced = r"[\s-]+".join(re.escape(word) for word in re.split(r"[\s-]+", form))
        for match in re.finditer(rf"(?<!\w){spaced}(?!\w)", folded):
            yield Span(kind, match.start(), match.end())


def _listed_first_names(text: str) -> Iterator[Span]:
    names = first_names()
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if word.isupper() and len(word) > 1:
            continue  # an acronym (CAF, RSA) more often than a name
        parts = [p for p in re.split(r"[-'’]", word) if p]
        if any(fold(part) in names for part in parts if part[:1].isupper()):
            yield Span(SpanKind.NAME, match.start(), match.end())


DatedSpan = tuple[int, int, date | None]  # start, end, the day it names when whole


def _numeric_dates(text: str) -> Iterator[DatedSpan]:
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match["d"]), int(match["m"])
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = match["y"]
            full = None
            if year is not None:
                full = int(year) if len(year) == 4 else _century(int(year))
            yield match.start(), match.end(), _day(full, month, day)


def _iso_dates(text: str) -> Iterator[DatedSpan]:
    for match in _ISO_DATE.finditer(text):
        year, month, day = (int(part) for part in match.group().split("-"))
        yield match.start(), match.end(), _day(year, month, day)


def _worded_dates(text: str) -> Iterator[DatedSpan]:
    for match in _WORDED_DATE.finditer(text):
        words = fold(match.group()).split()
        day = 1 if words[0] == "1er" else int(words[0]) if words[0].isdigit() else None
        month_word = words[1] if day is not None else words[0]
        year = int(words[-1]) if words[-1].isdigit() and len(words[-1]) == 4 else None
        yield match.start(), match.end(), _day(year, _MONTH_NUMBERS[month_word], day)


_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
         "octobre", "novembre", "decembre"),
        start=1,
    )
}  # fmt: skip


def _is_birth(day: date | None, known: KnownIdentity) -> bool:
    return day is not None and day == known.birth_date


def _century(year: int) -> int:
    """A two-digit year: the nearest past one (« 79 » is 1979, « 12 » is 2012)."""
    return 2000 + year if year <= date.today().year % 100 else 1900 + year


def _day(year: int | None, month: int, day: int | None) -> date | None:
    if year is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolved(spans: list[Span]) -> tuple[Span, ...]:
    """Spans in text order, each once; one lying inside a span of a kind that comes first
    in :data:`_PRIORITY` (or of the same kind) is dropped."""
    rank = {kind: index for index, kind in enumerate(_PRIORITY)}
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (rank[s.kind], s.start, -(s.end - s.start))):
        if span.end <= span.start:
            continue
        inside = any(
            k.start <= span.start and span.end <= k.end and rank[k.kind] <= rank[span.kind]
            for k in kept
        )
        if not inside:
            kept.append(span)
    return tuple(sorted(kept, key=lambda s: (s.start, s.end)))
