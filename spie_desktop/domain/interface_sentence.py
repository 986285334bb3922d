"""A sentence the core builds for the interface, kept translatable: a French source with its
values, rendered by the interface in its own language.

Code below the UI never imports Qt nor the interface catalogue; when it has something to
say to the counsellor — an error, a status, a summary, a reason — it writes
``say("Le début est postérieur à l'échéance ({date}).", date=day)``. The first argument is
a literal French sentence with ``{name}`` placeholders: it is the sentence's key in the
interface catalogue (``domain/data/interface/<code>.toml``), exactly like a ``tr("…")`` of
the UI, and ``tools/interface_strings.py`` collects it from the source, so the coverage test
fails when it lacks English. A value may itself be a :class:`Sentence` (a reason inside a
summary): it is rendered in the same language.

:attr:`Sentence.french` is the French text, byte for byte what the core wrote before it was
translatable (the command line and the logs of French words use it); the interface renders
with :func:`spie_desktop.ui.i18n.tr_said`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Sentence:
    """``source``: the French sentence with its placeholders (the catalogue key);
    ``values``: what fills them."""

    source: str
    values: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def render(self, translate: Callable[[str], str]) -> str:
        """The sentence in the language of ``translate`` (French source → its translation),
        each value that is a sentence rendered the same way."""
        text = translate(self.source)
        filled = {
            name: value.render(translate) if isinstance(value, Sentence) else value
            for name, value in self.values.items()
        }
        return text.format(**filled)

    @property
    def french(self) -> str:
        return self.render(_as_written)

    def __str__(self) -> str:
        return self.french


def say(source: str, /, **values: object) -> Sentence:
    """A sentence for the interface. ``source`` must be a literal (the catalogue's tools read
    it from the source code); values fill its ``{placeholders}``."""
    return Sentence(source, MappingProxyType(dict(values)))


def verbatim(text: str) -> Sentence:
    """A text already complete (a message from elsewhere, a French line kept as is): shown as
    it is, translated only if it happens to be a sentence of the catalogue."""
    return Sentence(text.replace("{", "{{").replace("}", "}}")) if text else Sentence("")


def joined(separator: str, parts: list[Sentence]) -> Sentence:
    """Sentences one after the other, ``separator`` between them (not translated: « ; »,
    « , », « · », a space)."""
    names = {f"part{i}": part for i, part in enumerate(parts)}
    escaped = separator.replace("{", "{{").replace("}", "}}")
    return Sentence(escaped.join("{" + name + "}" for name in names), MappingProxyType(names))


def _as_written(source: str) -> str:
    return source
