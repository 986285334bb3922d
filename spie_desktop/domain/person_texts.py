"""What the person reads, in their language: consent, plan, referential labels, evaluation.

Texts come from the language files of ``domain/data/languages`` (one per language, French
first: it is the reference, and every other file is checked against it) and from the files
a territory drops into the device's ``languages`` directory (same format, same checks; a
dropped file with a shipped code replaces the shipped one). A sentence missing from a
language falls back to French for that sentence only, and says so (``fallback``), so that
a document can mark it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from .language_file import Language, LanguageFile, LanguageFileError, parse_language_file

FRENCH = "fr"
SHIPPED_FILES = ("fr.toml", "pt-BR.toml", "es.toml", "en.toml", "ar.toml")
#: The consent's information text, sentence group by sentence group, in reading order.
CONSENT_WORDING_KEYS = (
    "consent.purpose",
    "consent.kept",
    "consent.who_sees",
    "consent.rights",
    "consent.sensitive",
)


@dataclass(frozen=True, slots=True)
class PersonText:
    text: str
    language: str  # the code of the language the text is actually in
    fallback: bool  # True when the person's language lacks this sentence: French instead


@dataclass(frozen=True, slots=True)
class PersonTexts:
    """The texts of one language, with French behind each missing sentence."""

    language: Language
    texts: Mapping[str, str]
    french: Mapping[str, str]

    def get(self, key: str, **values: object) -> PersonText:
        """The sentence ``key`` with its ``{placeholders}`` filled. KeyError for a key
        the French file does not have: a caller's typo, not a translator's gap."""
        reference = self.french[key]
        own = self.texts.get(key)
        if own is None:
            return PersonText(reference.format(**values), FRENCH, self.language.code != FRENCH)
        return PersonText(own.format(**values), self.language.code, False)

    def text(self, key: str, **values: object) -> str:
        return self.get(key, **values).text

    def consent_wording(self) -> PersonText:
        """The consent's information text; ``fallback`` when any part of it is French."""
        parts = [self.get(key) for key in CONSENT_WORDING_KEYS]
        language = self.language.code if not any(p.fallback for p in parts) else FRENCH
        return PersonText(" ".join(p.text for p in parts), language, any(p.fallback for p in parts))

    def missing(self) -> list[str]:
        return sorted(set(self.french) - set(self.texts))


def _shipped_text(filename: str) -> str:
    folder = resources.files("spie_desktop.domain").joinpath("data", "languages")
    return folder.joinpath(filename).read_text("utf-8")


@cache
def french_file() -> LanguageFile:
    return parse_language_file(_shipped_text("fr.toml"), "fr.toml", None)


@cache
def shipped_files() -> tuple[LanguageFile, ...]:
    """Every shipped language file, validated (French first)."""
    french = french_file()
    others = (
        parse_language_file(_shipped_text(name), name, french.texts)
        for name in SHIPPED_FILES
        if name != "fr.toml"
    )
    return (french, *others)


def territory_files(directory: Path | None) -> list[LanguageFile]:
    """The ``*.toml`` files a territory dropped into ``directory``, validated; raises
    :class:`LanguageFileError` for the first bad one."""
    if directory is None or not directory.is_dir():
        return []
    french = french_file().texts
    return [
        parse_language_file(path.read_text("utf-8"), path.name, french)
        for path in sorted(directory.glob("*.toml"))
    ]


def language_files(directory: Path | None = None) -> dict[str, LanguageFile]:
    """Every language by code: shipped, then the territory's (which win on the same code).
    French stays the shipped reference: a territory file cannot replace it."""
    files = {f.language.code: f for f in shipped_files()}
    for dropped in territory_files(directory):
        if dropped.language.code == FRENCH:
            raise LanguageFileError(dropped.source, "le français de référence ne se remplace pas")
        files[dropped.language.code] = dropped
    return files


def available_languages(directory: Path | None = None) -> list[Language]:
    """French first, then the others by code."""
    files = language_files(directory)
    return [files[FRENCH].language] + [
        files[code].language for code in sorted(files) if code != FRENCH
    ]


def person_texts(code: str, directory: Path | None = None) -> PersonTexts:
    """The texts in ``code``; an unknown code gets French (a file removed since)."""
    files = language_files(directory)
    french = files[FRENCH]
    chosen = files.get(code, french)
    return PersonTexts(chosen.language, chosen.texts, french.texts)


# -- keys of the referential's labels ----------------------------------------------------------


def label_slug(label: str) -> str:
    """``"Accès à un mode de garde"`` -> ``"acces_a_un_mode_de_garde"``."""
    folded = unicodedata.normalize("NFD", label.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def theme_key(theme: str) -> str:
    return f"theme.{theme}"


def objective_key(label: str) -> str:
    """The key of a referential objective's label (free-typed objectives have none: see
    :func:`referential_key`)."""
    return f"objective.{label_slug(label)}"


def action_key(label: str) -> str:
    return f"action.{label_slug(label)}"


def situation_key(label: str) -> str:
    return f"situation.{label_slug(label)}"


def referential_key(kind: str, label: str) -> str | None:
    """The key of ``label`` when it is one of the referential's objectives (``kind`` =
    "objective"), actions ("action") or situations ("situation"); None for a label a
    counsellor typed."""
    key = f"{kind}.{label_slug(label)}"
    return (
        key if kind in ("objective", "action", "situation") and key in french_file().texts else None
    )
