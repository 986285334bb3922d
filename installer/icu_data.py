"""ICU's data library cut down to the languages the application speaks (Linux bundles).

Qt Core links ICU, and ICU's data library (``libicudata.so.73``, 31 MB) holds every locale
of CLDR. What Qt Core calls of ICU (its dynamic symbols: ``ucol_*``, ``ucal_*``, ``ucnv_*``,
``u_strToUpper``/``u_strToLower``) reads, per locale, collation (``QCollator``, which Qt's
file dialog sorts with), time-zone names and converters; it calls no break iterator (Qt has
its own text boundaries; Arabic is shaped by Qt's HarfBuzz) and no transliterator.

So the library is rebuilt with: every locale file of French, English, Portuguese, Spanish,
Arabic (the interface's and the person-facing languages, all their regional variants) and
``root``, every file that is no locale's (normalisation, time-zone rules…), the single-byte
converters (every Latin, Arabic, Cyrillic… code page, for text Qt decodes from a named
encoding), and without the multi-byte converters (Chinese, Japanese, Korean encodings), the
transliterators and the break-iterator dictionaries (Chinese, Japanese, Thai, Khmer, Lao,
Burmese word lists). About 5 MB instead of 31.

Tools: ``icupkg`` (Debian ``icu-devtools``; it reads any ICU version's package format) and
``as``/``ld``/``objdump`` (``binutils``, which PyInstaller already needs on Linux). Without
them the full library is kept and a warning says so. ``--self-check`` sorts French words
with Qt's collator in the bundle: a library with the wrong data fails it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

Entry = tuple[str, str, str]  # (path in the bundle, source path, type), as in the spec

#: Language subtags whose locales stay: the interface (fr, en) and the person-facing
#: languages (fr, pt-BR, es, en, ar).
KEPT_LANGUAGES = frozenset({"fr", "en", "pt", "es", "ar"})
#: Trees of the package no ICU call of Qt Core reads.
DROPPED_TREES = ("translit/",)
#: Break-iterator dictionaries (``brkitr/*.dict``): only ``ubrk_*`` reads them.
DROPPED_SUFFIXES = (".dict",)
#: A locale's resource file: ``fr.res``, ``pt_BR.res``, ``sr_Latn_BA.res``, ``de_.res``…
LOCALE_FILE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*\.res$")
#: Files named like a locale that are not one.
NOT_LOCALES = frozenset({"res_index.res"})
DATA_SYMBOL = re.compile(r"^([0-9a-f]+)\s.*\s(\S+)\s+([0-9a-f]+)\s+(icudt\d+_dat)$", re.M)
SECTION = re.compile(r"^\s*\d+\s+(\S+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", re.M)
LIBRARY = re.compile(r"^libicudata\.so(\.\d+)*$")


class IcuFilterError(Exception):
    """The data library could not be rebuilt; the message says why (English)."""


def single_byte_converter(table: bytes) -> bool:
    """Whether a converter table (``.cnv``, little-endian) writes one byte per character.

    After ICU's data header come the table's static data: its size (4 bytes), name (60),
    code page (4), platform, type, minimum and maximum bytes per character (1 each).
    """
    start = int.from_bytes(table[:2], "little")
    return len(table) > start + 71 and table[start + 71] == 1


def keeps_item(item: str, content: bytes = b"") -> bool:
    """Whether an item of ICU's package (``coll/fr.res``, ``ucadata.icu``…) stays; a
    converter's ``content`` (its table) tells whether it is a single-byte one."""
    if item.startswith(DROPPED_TREES) or item.endswith(DROPPED_SUFFIXES):
        return False
    if item.endswith(".cnv"):
        return single_byte_converter(content)
    name = item.rsplit("/", 1)[-1]
    if name in NOT_LOCALES or not LOCALE_FILE.match(name):
        return True
    language = name.removesuffix(".res").split("_", 1)[0]
    return language == "root" or language in KEPT_LANGUAGES


def _run(command: list[str], cwd: Path | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False)
    if result.returncode != 0:
        raise IcuFilterError(f"{command[0]} failed: {result.stderr.strip()[-400:]}")
    return result.stdout


def common_data(library: Path) -> tuple[str, bytes]:
    """(symbol name, bytes) of the ICU package a data library exports (``icudt73_dat``)."""
    symbols = DATA_SYMBOL.search(_run(["objdump", "-T", str(library)]))
    if symbols is None:
        raise IcuFilterError(f"{library.name} exports no icudt*_dat symbol")
    address, section, size, symbol = symbols.groups()
    for name, vma, offset in SECTION.findall(_run(["objdump", "-h", str(library)])):
        if name == section:
            start = int(address, 16) - int(vma, 16) + int(offset, 16)
            blob = library.read_bytes()[start : start + int(size, 16)]
            if blob[2:4] != b"\xda\x27":
                raise IcuFilterError(f"{library.name}: {symbol} is not an ICU data package")
            return symbol, blob
    raise IcuFilterError(f"{library.name}: section {section} not found")


def filtered_library(
    library: Path, workdir: Path, keep: Callable[[str, bytes], bool] = keeps_item
) -> Path:
    """A copy of ``library`` holding only the items ``keep`` keeps (:func:`keeps_item`),
    given each item's name and content."""
    missing = [tool for tool in ("icupkg", "objdump", "as", "ld") if shutil.which(tool) is None]
    if missing:
        raise IcuFilterError(f"{', '.join(missing)} not found (Debian: icu-devtools, binutils)")
    symbol, blob = common_data(library)
    package = f"{symbol.removesuffix('_dat')}l.dat"  # icudt73l.dat: the name gives the prefix
    source, target = workdir / "full", workdir / "filtered"
    for folder in (source, target):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    (source / package).write_bytes(blob)
    items = _run(["icupkg", "-l", str(source / package)]).split()
    (source / "items").mkdir()
    _run(["icupkg", "-x", "*", "-d", str(source / "items"), str(source / package)])
    dropped = [item for item in items if not keep(item, (source / "items" / item).read_bytes())]
    (workdir / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    _run(
        ["icupkg", "--ignore-deps", "-r", str(workdir / "dropped.txt"), str(source / package),
         str(target / package)]
    )  # fmt: skip
    (target / "data.s").write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        "\t.balign 16\n"
        f"{symbol}:\n"
        f'\t.incbin "{package}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    _run(["as", "-o", "data.o", "data.s"], cwd=target)
    _run(["ld", "-shared", "-soname", library.name, "-o", library.name, "data.o"], cwd=target)
    return target / library.name


def filter_binaries(binaries: Iterable[Entry], workdir: Path) -> list[Entry]:
    """The spec's binaries, ICU's data library replaced by its filtered copy (Linux)."""
    binaries = list(binaries)
    if not sys.platform.startswith("linux"):
        return binaries
    result = []
    for dest, src, kind in binaries:
        if LIBRARY.match(PurePosixPath(dest).name) and kind == "BINARY":
            try:
                src = str(filtered_library(Path(src), workdir / "icu"))
            except IcuFilterError as exc:
                print(f"WARNING: ICU data kept whole: {exc}", file=sys.stderr)
        result.append((dest, src, kind))
    return result
