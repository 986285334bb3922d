"""Reading one person-facing language file: a TOML file a territory's staff can edit.

The format (docs/languages.md)::

    [language]
    code = "pt-BR"                  # BCP 47
    name = "Português (Brasil)"     # in the language itself
    direction = "ltr"               # or "rtl"

    [texts]
    "consent.kept" = "Nous gardons votre dossier."
    "plan.next_review" = "Prochain rendez-vous : le {date}."

A file is refused as a whole, with its name, the key and the line, when a key is unknown
(not in the French file), when a sentence's braces are unbalanced, or when it names a
placeholder the French sentence does not have: a half-right file would print a broken
sentence in front of the person.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from string import Formatter

from spie_desktop.domain.interface_sentence import say

from .errors import SpieError

#: A BCP 47 tag as this layer accepts it: a language, then optional script/region subtags.
_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def is_language_code(code: str) -> bool:
    """Whether ``code`` has the shape of a BCP 47 tag this layer accepts ("pt-BR")."""
    return len(code) <= 35 and _CODE.match(code) is not None


class Direction(StrEnum):
    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # BCP 47: "fr", "pt-BR", "ar"
    name: str  # in the language itself: "Português (Brasil)"
    direction: Direction


@dataclass(frozen=True, slots=True)
class LanguageFile:
    language: Language
    texts: dict[str, str]
    source: str  # the file's name, for messages


class LanguageFileError(SpieError):
    """A language file that cannot be used: names the file, the key and the line."""

    def __init__(self, source: str, problem: str, key: str = "", line: int = 0) -> None:
        where = f"{source}, ligne {line}" if line else source
        where_en = f"{source}, line {line}" if line else source
        about = f" (clé « {key} »)" if key else ""
        about_en = f" (key {key!r})" if key else ""
        super().__init__(
            say(
                "Fichier de langue refusé — {where}{about} : {problem}",
                where=where,
                about=about,
                problem=problem,
            ),
            f"language file refused: {where_en}{about_en}: {problem}",
        )
        self.source, self.key, self.line, self.problem = source, key, line, problem


def placeholders(sentence: str) -> set[str]:
    """The ``{name}`` placeholders of ``sentence``; ValueError if its braces are broken."""
    names: set[str] = set()
    for _literal, name, spec, conversion in Formatter().parse(sentence):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"placeholder {{{name}}} must be a plain name")
        names.add(name)
    return names


def key_line(text: str, key: str) -> int:
    """The 1-based line where ``key`` is given a value (0 if it cannot be found)."""
    pattern = re.compile(r'^\s*(?:"' + re.escape(key) + r'"|' + re.escape(key) + r")\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 0


def parse_language_file(text: str, source: str, french: dict[str, str] | None) -> LanguageFile:
    """Parse and validate one file. ``french`` is the reference file's texts (None when
    ``text`` is the French file itself, whose placeholders are only checked for balance)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(exc))) else 0
        raise LanguageFileError(
            source, f"le fichier n'est pas du TOML valide ({exc})", line=line
        ) from None
    unknown_tables = set(data) - {"language", "texts"}
    if unknown_tables:
        name = sorted(unknown_tables)[0]
        raise LanguageFileError(source, "section inconnue", name, key_line(text, f"[{name}]"))
    language = _language(data.get("language"), text, source)
    raw = data.get("texts")
    if not isinstance(raw, dict):
        raise LanguageFileError(source, "la section [texts] manque")
    texts: dict[str, str] = {}
    for key, sentence in _flat(raw):
        line = key_line(text, key)
        if not isinstance(sentence, str):
            raise LanguageFileError(
                source, "la valeur doit être une phrase entre guillemets", key, line
            )
        if french is not None and key not in french:
            raise LanguageFileError(source, "clé inconnue (absente du fichier français)", key, line)
        try:
            names = placeholders(sentence)
        except ValueError:
            raise LanguageFileError(
                source, "accolades mal fermées ou champ mal écrit ({nom} attendu)", key, line
            ) from None
        if french is not None:
            extra = names - placeholders(french[key])
            if extra:
                raise LanguageFileError(
                    source,
                    f"champ {{{sorted(extra)[0]}}} absent de la phrase française",
                    key,
                    line,
                )
        texts[key] = sentence
    return LanguageFile(language, texts, source)


def _flat(table: dict[str, object], prefix: str = "") -> list[tuple[str, object]]:
    """Keys written bare (``consent.title = …``) are nested tables in TOML: dotted again."""
    pairs: list[tuple[str, object]] = []
    for name, value in table.items():
        if isinstance(value, dict):
            pairs.extend(_flat(value, f"{prefix}{name}."))
        else:
            pairs.append((f"{prefix}{name}", value))
    return pairs


def _language(table: object, text: str, source: str) -> Language:
    if not isinstance(table, dict):
        raise LanguageFileError(source, "la section [language] manque")
    for field in ("code", "name", "direction"):
        if not isinstance(table.get(field), str) or not table[field].strip():
            raise LanguageFileError(source, "valeur manquante", field, key_line(text, field))
    unknown = set(table) - {"code", "name", "direction"}
    if unknown:
        name = sorted(unknown)[0]
        raise LanguageFileError(source, "clé inconnue", name, key_line(text, name))
    if not is_language_code(table["code"]):
        raise LanguageFileError(
            source, "code de langue BCP 47 attendu (fr, pt-BR…)", "code", key_line(text, "code")
        )
    try:
        direction = Direction(table["direction"])
    except ValueError:
        raise LanguageFileError(
            source,
            "direction « ltr » ou « rtl » attendue",
            "direction",
            key_line(text, "direction"),
        ) from None
    return Language(table["code"], table["name"].strip(), direction)
