"""The English interface catalogue covers every French sentence the UI writes, keeps each
sentence's placeholders and Alt+letters, and is refused like a person-facing language file
(file, key, line) when a key is not a sentence of the UI or a placeholder is broken."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from spie_desktop.domain.interface_texts import (
    INTERFACE_LANGUAGES,
    english_catalogue,
    interface_catalogue,
    parse_interface_file,
    shipped_interface_text,
)
from spie_desktop.domain.language_file import LanguageFileError, placeholders

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from interface_strings import file_literals, literals, unsaid_errors  # noqa: E402

#: The plural suffix a French sentence fills (« personne{s} ») may be left out in English.
DROPPABLE = {"s"}


def _all_literals() -> set[str]:
    return {text for texts in literals().values() for text in texts}


def test_the_extractor_finds_tr_literals_with_their_lines(tmp_path: Path) -> None:
    source = tmp_path / "view.py"
    source.write_text(
        'from .i18n import tr\n\nA = tr("Un")\nB = tr("Deux {n}", n=2)\nC = tr(name)\n'
        'D = other("Trois")\nE = tr("Qua" "tre")\nF = "Cinq"\nG = tr(F)\n',
        "utf-8",
    )
    assert file_literals(source) == [("Un", 3), ("Deux {n}", 4), ("Quatre", 7), ("Cinq", 9)]
    assert literals(tmp_path) == {"view.py": ["Un", "Deux {n}", "Quatre", "Cinq"]}
    labels = literals()["labels spie_desktop.domain.situation:Stage"]
    assert "Accompagnement terminé" in labels  # the labels shown through tr(stage.label)
    assert len(_all_literals()) > 700  # the real UI is read, not an empty folder


def test_the_sentences_the_core_builds_are_read_too(tmp_path: Path) -> None:
    """``say("…")`` in the domain, services, sync and storage: the errors, statuses and
    summaries the windows show are sentences of the interface like ``tr`` literals."""
    source = tmp_path / "rules.py"
    source.write_text(
        'A = say("Aucun contact depuis {n} jours.", n=3)\nB = words.say("plan.x")\n'
        'C = "Rien"\nD = say(C)\n',
        "utf-8",
    )
    assert file_literals(source, "say") == [("Aucun contact depuis {n} jours.", 1), ("Rien", 4)]
    found = literals()
    assert "Non synchronisé" in found["labels spie_desktop.services.sync_status:BADGE_FR"]
    assert "Rien de nouveau" in found["core sync/progress.py"]
    assert "Aucun contact depuis {n} jours." in found["core domain/situation.py"]
    assert "Signature manquante : {list}." in found["core domain/plan_checks.py"]


def test_no_core_error_is_written_as_a_bare_french_string() -> None:
    """An error built with a literal or an f-string could not be translated: ``say`` it."""
    assert unsaid_errors() == []


def test_every_sentence_of_the_interface_has_an_english_entry() -> None:
    english = english_catalogue()
    missing = [
        f"{name}: {text!r}"
        for name, texts in literals().items()
        for text in texts
        if text not in english
    ]
    assert not missing, f"{len(missing)} sentence(s) without English:\n" + "\n".join(missing)


def test_every_english_entry_is_a_sentence_of_the_interface() -> None:
    """Parsed against the sentences the UI writes: a stale key is refused, with its line."""
    parsed = parse_interface_file(
        shipped_interface_text("en"), "interface/en.toml", _all_literals()
    )
    assert parsed.language.code == "en" and parsed.texts


def test_each_entry_keeps_the_placeholders_of_its_french_sentence() -> None:
    wrong = [
        f"{source!r} → {english!r}"
        for source, english in english_catalogue().items()
        if not (placeholders(english) <= placeholders(source))
        or placeholders(source) - placeholders(english) - DROPPABLE
    ]
    assert not wrong, "\n".join(wrong)


def _letter(text: str) -> str:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def test_english_keeps_the_alt_letters_and_keeps_them_unique_per_file() -> None:
    """A sentence with an Alt+letter keeps one; in a file whose French letters are all
    different (a window or a dialog), the English letters are all different too."""
    catalogue = english_catalogue()
    english = {text: catalogue.get(text, text) for text in _all_literals()}  # coverage: above
    problems = []
    for name, texts in literals().items():
        marked = [text for text in texts if _letter(text)]
        problems += [f"{name}: {t!r} lost its letter" for t in marked if not _letter(english[t])]
        problems += [
            f"{name}: {t!r} gained a letter"
            for t in texts
            if t not in marked and _letter(english[t])
        ]
        if len({_letter(t) for t in marked}) == len(marked):
            twice = Counter(_letter(english[t]) for t in marked)
            problems += [
                f"{name}: Alt+{letter} twice in English"
                for letter, count in twice.items()
                if count > 1 and letter
            ]
    assert not problems, "\n".join(problems)


def test_a_key_the_interface_does_not_write_is_refused_with_file_key_and_line() -> None:
    text = (
        '[language]\ncode = "en"\nname = "English"\ndirection = "ltr"\n\n[texts]\n'
        '"&Quitter" = "&Quit"\n"&Quiter" = "&Quit"\n'
    )
    with pytest.raises(LanguageFileError) as refused:
        parse_interface_file(text, "interface/en.toml", {"&Quitter"})
    assert (refused.value.source, refused.value.key, refused.value.line) == (
        "interface/en.toml",
        "&Quiter",
        8,
    )
    assert "interface/en.toml, ligne 8" in refused.value.message_fr


def test_a_broken_or_foreign_placeholder_is_refused_with_its_line() -> None:
    head = '[language]\ncode = "en"\nname = "English"\ndirection = "ltr"\n[texts]\n'
    with pytest.raises(LanguageFileError) as foreign:
        parse_interface_file(head + '"{n} jours" = "{count} days"\n', "en.toml")
    assert (foreign.value.key, foreign.value.line) == ("{n} jours", 6)
    with pytest.raises(LanguageFileError) as broken:
        parse_interface_file(head + '"{n} jours" = "{n days"\n', "en.toml")
    assert "accolades" in broken.value.problem


def test_french_needs_no_catalogue_and_unknown_codes_are_refused() -> None:
    assert interface_catalogue("fr") == {}
    assert set(INTERFACE_LANGUAGES) == {"fr", "en"}
    with pytest.raises(KeyError):
        interface_catalogue("de")
