"""The person-facing texts: shipped languages complete, bad files refused, French behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_desktop.domain.language_file import Direction, LanguageFileError, placeholders
from spie_desktop.domain.people import CONSENT_SCOPE_LABELS, CONSENT_WORDING, ConsentScope
from spie_desktop.domain.person_texts import (
    action_key,
    available_languages,
    french_file,
    objective_key,
    person_texts,
    referential_key,
    shipped_files,
    situation_key,
    theme_key,
)
from spie_desktop.domain.referential import themes

HEADER = '[language]\ncode = "{code}"\nname = "{name}"\ndirection = "ltr"\n\n[texts]\n'


def _drop(folder: Path, code: str, body: str, name: str = "Wolof") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{code}.toml"
    path.write_text(HEADER.format(code=code, name=name) + body, "utf-8")
    return path


def test_each_shipped_language_covers_every_key_with_the_french_placeholders() -> None:
    french = french_file().texts
    codes = [f.language.code for f in shipped_files()]
    assert codes == ["fr", "pt-BR", "es", "en", "ar"]
    for file in shipped_files():
        assert set(file.texts) == set(french), file.source
        for key, sentence in file.texts.items():
            assert placeholders(sentence) == placeholders(french[key]), (file.source, key)
            assert sentence.strip(), (file.source, key)


def test_each_language_is_named_in_itself_with_its_direction() -> None:
    by_code = {lang.code: lang for lang in available_languages()}
    assert by_code["pt-BR"].name == "Português (Brasil)"
    assert by_code["es"].name == "Español"
    assert by_code["en"].name == "English"
    assert by_code["ar"].name == "العربية"
    assert by_code["ar"].direction is Direction.RTL
    assert all(by_code[c].direction is Direction.LTR for c in ("fr", "pt-BR", "es", "en"))


def test_the_referential_and_the_consent_have_their_keys() -> None:
    texts = french_file().texts
    for theme in themes().values():
        assert texts[theme_key(theme.name)] == theme.label
        for objective in theme.objectives:
            assert texts[objective_key(objective)] == objective
        for action in theme.actions:
            assert texts[action_key(action)] == action
        for situation in theme.situations:
            assert texts[situation_key(situation)] == " ".join(situation.split())
    assert referential_key("action", "Appel 115") == "action.appel_115"
    assert referential_key("objective", "Un objectif tapé à la main") is None
    assert referential_key("situation", "Permis B") == "situation.permis_b"
    for scope in ConsentScope:
        assert CONSENT_SCOPE_LABELS[scope] == texts[f"consent.scope.{scope.value}"]
    assert texts["consent.who_sees"] in CONSENT_WORDING
    assert texts["evaluation.thanks"] == "Merci. Vous pouvez rendre l'écran au conseiller."


def test_a_portuguese_sentence_is_portuguese_and_filled() -> None:
    texts = person_texts("pt-BR")
    got = texts.get("plan.next_review", date="12 de março")
    assert (got.text, got.language, got.fallback) == (
        "Próximo encontro juntos: 12 de março.",
        "pt-BR",
        False,
    )


def test_a_missing_sentence_falls_back_to_french_for_that_sentence_only(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    _drop(folder, "wo", '"next.heading" = "Ak léegi?"\n')
    texts = person_texts("wo", folder)
    own = texts.get("next.heading")
    assert (own.text, own.language, own.fallback) == ("Ak léegi?", "wo", False)
    missing = texts.get("next.copy")
    assert (missing.text, missing.language, missing.fallback) == (
        "Vous gardez une copie de ce plan.",
        "fr",
        True,
    )
    assert "next.heading" not in texts.missing() and "next.copy" in texts.missing()
    assert person_texts("fr").get("next.copy").fallback is False


def test_keys_may_be_written_without_quotes(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    _drop(folder, "wo", 'next.heading = "Ak léegi?"\nnext.typo = "x"\n')
    with pytest.raises(LanguageFileError) as caught:
        available_languages(folder)
    assert (caught.value.key, caught.value.line) == ("next.typo", 8)
    (folder / "wo.toml").write_text(
        HEADER.format(code="wo", name="Wolof") + 'next.heading = "Ak léegi?"\n'
    )
    assert person_texts("wo", folder).text("next.heading") == "Ak léegi?"


def test_a_dropped_territory_file_is_offered(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    _drop(folder, "srn", '"evaluation.clear" = "A ben krin?"\n', name="Sranantongo")
    codes = [lang.code for lang in available_languages(folder)]
    assert codes[0] == "fr" and "srn" in codes and "pt-BR" in codes
    assert person_texts("srn", folder).text("evaluation.clear") == "A ben krin?"


@pytest.mark.parametrize(
    ("body", "key", "line", "problem"),
    [
        (
            '"next.heading" = "Ok"\n"plan.next_review" = "Rendez-vous {date"\n',
            "plan.next_review",
            8,
            "accolades",
        ),
        ('"plan.next_review" = "Rendez-vous {jour}"\n', "plan.next_review", 7, "{jour}"),
        (
            '"next.heading" = "Ok"\n\n"plan.headline" = "Titre"\n',
            "plan.headline",
            9,
            "clé inconnue",
        ),
    ],
    ids=["unbalanced-brace", "unknown-placeholder", "unknown-key"],
)
def test_a_broken_file_is_refused_naming_file_key_and_line(
    tmp_path: Path, body: str, key: str, line: int, problem: str
) -> None:
    folder = tmp_path / "languages"
    _drop(folder, "wo", body)
    with pytest.raises(LanguageFileError) as caught:
        available_languages(folder)
    error = caught.value
    assert (error.source, error.key, error.line) == ("wo.toml", key, line)
    assert problem in error.message_fr
    assert "wo.toml, ligne" in error.message_fr and key in error.message_fr


def test_a_territory_cannot_replace_the_french_reference(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    _drop(folder, "fr", '"next.heading" = "Autre chose"\n', name="Français")
    with pytest.raises(LanguageFileError):
        person_texts("fr", folder)


def test_a_language_header_with_a_wrong_code_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    _drop(folder, "Portugais du Brésil", "")
    with pytest.raises(LanguageFileError) as caught:
        available_languages(folder)
    assert caught.value.key == "code" and caught.value.line == 2
