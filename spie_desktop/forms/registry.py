"""Every definition installed on this device, by id and version.

Built-in definitions ship in ``forms/definitions/*.yaml`` (one file per version, old
versions kept so old interviews read back). Territory definitions and extensions load from
extension directories (later distributed by the territory server). A broken file never
stops the others from loading: it is kept in :attr:`DefinitionRegistry.problems`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .definition import FormDefinition
from .errors import DefinitionError, DefinitionIssue, DefinitionMissing
from .loader import definition_from_raw
from .yaml_source import LineDict, load_yaml_file

BUILTIN_DIR = Path(__file__).resolve().parent / "definitions"
SOCLE_COMMUN = "socle-commun"
#: The method new interviews are taken with. Its version is never written here: the latest
#: released version installed (see :meth:`DefinitionRegistry.current`) is the current one.
CURRENT_METHOD = SOCLE_COMMUN


class DefinitionRegistry:
    """Definitions by ``(id, version)``: built-ins first, then the extension directories."""

    def __init__(
        self, extension_dirs: Iterable[Path] = (), *, builtin_dir: Path | None = BUILTIN_DIR
    ) -> None:
        self._definitions: dict[tuple[str, int], FormDefinition] = {}
        self.problems: list[DefinitionError] = []
        if builtin_dir is not None:
            self._load_files(_yaml_files(builtin_dir))
        for directory in extension_dirs:
            self._load_files(_yaml_files(directory))

    def get(self, definition_id: str, version: int | None = None) -> FormDefinition:
        """The definition with this id and version (the latest when ``version`` is None)."""
        if version is None:
            versions = [v for (i, v) in self._definitions if i == definition_id]
            if not versions:
                raise DefinitionMissing(definition_id, None)
            version = max(versions)
        try:
            return self._definitions[(definition_id, version)]
        except KeyError:
            raise DefinitionMissing(definition_id, version) from None

    def current(self) -> FormDefinition:
        """The definition new interviews use: the latest version of the method installed.

        Existing interviews keep the version they were taken with (``get(id, version)``).
        """
        return self.get(CURRENT_METHOD)

    def available(self) -> list[tuple[str, int]]:
        return sorted(self._definitions)

    def load_file(self, path: Path) -> FormDefinition:
        """Validate one file against this registry (its base, if an extension), without adding it."""
        return definition_from_raw(load_yaml_file(path), str(path), self._resolve_base)

    def _resolve_base(self, definition_id: str, version: int) -> FormDefinition:
        return self.get(definition_id, version)

    def _load_files(self, paths: list[Path]) -> None:
        parsed: list[tuple[Path, Any]] = []
        for path in paths:
            try:
                parsed.append((path, load_yaml_file(path)))
            except DefinitionError as exc:
                self.problems.append(exc)
        # Bases before the extensions that need them.
        parsed.sort(key=lambda item: isinstance(item[1], LineDict) and "extends" in item[1])
        for path, raw in parsed:
            try:
                definition = definition_from_raw(raw, str(path), self._resolve_base)
            except DefinitionError as exc:
                self.problems.append(exc)
                continue
            key = (definition.id, definition.version)
            if key in self._definitions:
                first = self._definitions[key].source_file
                reason = f"{definition.id} v{definition.version} est déjà défini dans {first}"
                self.problems.append(
                    DefinitionError(str(path), [DefinitionIssue(str(path), 1, reason)])
                )
                continue
            self._definitions[key] = definition


def _yaml_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


@cache
def builtin_registry() -> DefinitionRegistry:
    """The built-in definitions, loaded once."""
    return DefinitionRegistry()


def current_definition() -> FormDefinition:
    """The built-in definition new interviews use (see :meth:`DefinitionRegistry.current`)."""
    return builtin_registry().current()


def builtin_definition(
    definition_id: str = CURRENT_METHOD, version: int | None = None
) -> FormDefinition:
    """A built-in definition (the latest version when ``version`` is None)."""
    return builtin_registry().get(definition_id, version)
