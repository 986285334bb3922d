"""The person-facing languages of this device: the shipped ones and the territory's own.

A territory drops its language files into the device's ``languages`` directory
(:func:`spie_desktop.config.languages_dir`). A file that fails its checks is not used: the
shipped languages stay available and the reason is given to the counsellor (in French) and
to the log (in English, naming the file, the key and the line — never a person).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from spie_desktop.config import languages_dir
from spie_desktop.domain.language_file import Language, LanguageFileError
from spie_desktop.domain.person_texts import PersonTexts, available_languages, person_texts

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DeviceLanguages:
    languages: list[Language]
    problem: str  # French, "" when every territory file was accepted


def device_languages(data_dir: Path | None) -> DeviceLanguages:
    """The languages a person may read in on this device, French first."""
    folder = languages_dir(data_dir) if data_dir is not None else None
    try:
        return DeviceLanguages(available_languages(folder), "")
    except LanguageFileError as exc:
        log.warning("%s", exc.message_en)
        return DeviceLanguages(available_languages(None), exc.message_fr)


def device_texts(data_dir: Path | None, code: str) -> PersonTexts:
    """The texts in ``code`` (French for a language this device does not have)."""
    folder = languages_dir(data_dir) if data_dir is not None else None
    try:
        return person_texts(code, folder)
    except LanguageFileError as exc:
        log.warning("%s", exc.message_en)
        return person_texts(code, None)
