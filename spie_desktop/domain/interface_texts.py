"""The application's own words in another language than French: the interface catalogue.

It is the same kind of file as the person-facing languages (docs/languages.md) and is read
by the same parser, so it is refused the same way — with the file, the key and the line —
when a sentence's braces are broken or when it names a placeholder its French source does
not have. The difference is the key: an interface entry is keyed by the French sentence as
the UI writes it (``tr("&Nouvelle personne…")``), so the French source of each entry is its
own key. Whether every key is a sentence the UI really writes (and whether every sentence
has an entry) is checked against the source code by ``tools/interface_strings.py`` and its
test, since the application itself does not read its own source.

French is the interface's language when nothing else is chosen; a sentence missing from a
catalogue is shown in French.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from importlib import resources

from .language_file import LanguageFile, parse_language_file

FRENCH = "fr"
#: The interface languages, by code, with their own name (the setting offers these).
INTERFACE_LANGUAGES: dict[str, str] = {"fr": "Français", "en": "English"}


class _EachKeyIsItsSource(dict[str, str]):
    """The "French reference" of an interface file: any key is known, and is its own
    French sentence (so a translation's placeholders are checked against its key)."""

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str)

    def __missing__(self, key: str) -> str:
        return key


def parse_interface_file(
    text: str, source: str, sources: Collection[str] | None = None
) -> LanguageFile:
    """Parse and validate an interface catalogue. ``sources``: the French sentences the UI
    writes; a key outside them is refused as unknown. ``None`` accepts any key."""
    reference: dict[str, str] = (
        _EachKeyIsItsSource() if sources is None else {text: text for text in sources}
    )
    return parse_language_file(text, source, reference)


def shipped_interface_text(code: str) -> str:
    folder = resources.files("spie_desktop.domain").joinpath("data", "interface")
    return folder.joinpath(f"{code}.toml").read_text("utf-8")


@cache
def interface_catalogue(code: str) -> dict[str, str]:
    """French sentence → its translation in ``code``; empty for French (shown as written).
    KeyError for a code that is not an interface language."""
    if code not in INTERFACE_LANGUAGES:
        raise KeyError(code)
    if code == FRENCH:
        return {}
    parsed = parse_interface_file(shipped_interface_text(code), f"interface/{code}.toml")
    return dict(parsed.texts)


def english_catalogue() -> dict[str, str]:
    return interface_catalogue("en")
