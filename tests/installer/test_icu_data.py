"""ICU's data library, cut down to the application's languages (installer/icu_data.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from installer.icu_data import keeps_item, single_byte_converter

from .icu_helpers import icu_data_copy, shipped_icu_data, without_collation

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
#: What Qt reads from ICU's data, printed by a Python that loads a given data library.
PROBE = """
from PySide6.QtCore import QByteArray, QCollator, QLocale, QStringDecoder, QTimeZone
for name in ("windows-1252", "ISO-8859-6", "windows-1256", "Shift_JIS"):
    print(name, QStringDecoder(name).isValid())
words = ["zèbre", "f", "eric", "école"]
for name in ("fr_FR", "pt_BR", "es_ES", "ar", "en_GB"):
    print(name, sorted(words, key=QCollator(QLocale(name)).sortKey))
zone = QTimeZone(b"Europe/Paris")
for name in ("fr_FR", "de_DE"):
    print(name, zone.displayName(QTimeZone.TimeType.StandardTime,
                                 QTimeZone.NameType.LongName, QLocale(name)))
"""


def probe(library_dir: Path) -> list[str]:
    """The probe's lines, Qt's ICU reading the data library in ``library_dir``."""
    env = dict(os.environ, LD_LIBRARY_PATH=str(library_dir), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    "item",
    ["fr.res", "fr_FR.res", "pt_BR.res", "es.res", "ar.res", "ar_MA.res", "en_GB.res",
     "en_US_POSIX.res", "root.res", "coll/fr.res", "coll/ar.res", "coll/root.res",
     "zone/pt_BR.res", "res_index.res", "coll/res_index.res", "pool.res", "ucadata.icu",
     "supplementalData.res", "zoneinfo64.res", "metaZones.res", "cnvalias.icu",
     "brkitr/char.brk", "nfkc.nrm"],
)  # fmt: skip
def test_the_application_languages_and_what_is_no_locale_are_kept(item: str) -> None:
    assert keeps_item(item)


@pytest.mark.parametrize(
    "item",
    ["de.res", "zh_Hant_TW.res", "coll/zh.res", "coll/de_.res", "zone/ja.res", "ars.res",
     "brkitr/cjdict.dict", "brkitr/thaidict.dict", "translit/root.res", "translit/el.res",
     "ibm-5348_P100-1997.cnv"],  # a converter is kept only if its table says single-byte
)  # fmt: skip
def test_other_languages_transliterators_and_dictionaries_are_dropped(item: str) -> None:
    assert not keeps_item(item)


def converter_table(max_bytes_per_char: int) -> bytes:
    """A converter table's start: a 32-byte data header, then its static data."""
    header = (32).to_bytes(2, "little") + bytes(30)
    static = bytes(4 + 60 + 4) + bytes([0, 2, 1, max_bytes_per_char])
    return header + static + bytes(32)


def test_single_byte_converters_are_kept_multi_byte_ones_dropped() -> None:
    assert single_byte_converter(converter_table(1))
    assert keeps_item("ibm-5348_P100-1997.cnv", converter_table(1))  # windows-1252
    assert not keeps_item("gb18030.cnv", converter_table(4))
    assert not keeps_item("ibm-943_P15A-2003.cnv", converter_table(2))
    assert not single_byte_converter(b"")


def test_the_filtered_library_keeps_what_qt_reads_for_our_languages(tmp_path: Path) -> None:
    library = icu_data_copy(tmp_path / "work")
    assert library.stat().st_size < 6 * MB < shipped_icu_data().stat().st_size
    lines = probe(library.parent)
    for name in ("fr_FR", "pt_BR", "es_ES", "ar", "en_GB"):
        assert f"{name} ['école', 'eric', 'f', 'zèbre']" in lines
    assert "fr_FR heure normale d’Europe centrale" in lines
    # German is gone: its zone name falls back to English (proof the filter took effect).
    assert "de_DE Central European Standard Time" in lines
    # Single-byte code pages decode; Japanese (multi-byte) is gone.
    assert lines[:4] == [
        "windows-1252 True", "ISO-8859-6 True", "windows-1256 True", "Shift_JIS False",
    ]  # fmt: skip


def test_the_self_check_fails_when_collation_data_is_missing(tmp_path: Path) -> None:
    """The self-check's French sorting is what catches an ICU library cut too far."""
    library = icu_data_copy(tmp_path / "work", keep=without_collation)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    env.update(LD_LIBRARY_PATH=str(library.parent), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "spie_desktop", "--self-check"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=240, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout
    assert "Text on screen: FAILED — French words sort as" in result.stdout
