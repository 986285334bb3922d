"""Every bad definition is refused with its file, line and a reason; good ones load."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_desktop.forms import DefinitionError, load_definition, load_definition_text

from .conftest import MINIMAL, add_after, drop_line, line_of


def refuse(text: str, file: str = "essai.yaml") -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        load_definition_text(text, file)
    assert all(issue.file == file for issue in caught.value.issues)
    return [f"{issue.line}: {issue.reason}" for issue in caught.value.issues]


def test_minimal_definition_loads(write) -> None:
    definition = load_definition(write("essai.yaml", MINIMAL))
    assert (definition.id, definition.version) == ("essai", 1)
    assert [t.id for t in definition.themes()] == ["mobilite", "sante", "emploi"]
    assert "mobilite.vehicule" in definition.visibility
    assert definition.fields["sante.notes"].sensitive
    assert definition.fields["priorites.ordre"].choices == ("mobilite", "sante", "emploi")


def test_unknown_question_type() -> None:
    text = MINIMAL.replace("type: long_text", "type: essay")
    [issue] = refuse(text)
    assert issue.startswith(f"{line_of(text, 'type: essay')}: type de question inconnu « essay »")


def test_unknown_field_is_named() -> None:
    text = add_after(MINIMAL, "label: Permis", "colour: red")
    [issue] = refuse(text)
    assert issue == f"{line_of(text, 'colour')}: champ « colour » inconnu"


def test_missing_field() -> None:
    text = drop_line(MINIMAL, "title: Essai")
    assert refuse(text) == ["1: champ « title » obligatoire manquant"]


def test_duplicate_question_id() -> None:
    text = MINIMAL.replace("- id: vehicule", "- id: permis").replace(
        "mobilite.permis == true", "mobilite.situations is answered"
    )
    [issue] = refuse(text)
    assert issue == f"{line_of(text, '- id: permis', 2)}: question « mobilite.permis » en double"


def test_duplicate_theme_id_across_panes() -> None:
    text = MINIMAL.replace("- id: emploi\n", "- id: mobilite\n")
    issues = refuse(text)
    assert f"{line_of(text, '- id: mobilite', 2)}: identifiant « mobilite » en double" in issues


def test_duplicate_situation() -> None:
    text = MINIMAL.replace("{id: sans-vehicule,", "{id: permis-b,")
    [issue] = refuse(text)
    assert (
        issue
        == f"{line_of(text, 'permis-b', 2)}: situation « permis-b » en double dans « mobilite »"
    )


def test_duplicate_choice_value() -> None:
    text = MINIMAL.replace("{value: long,", "{value: court,")
    [issue] = refuse(text)
    assert issue == f"{line_of(text, '- id: duree')}: choix en double : court"


def test_visible_if_to_a_missing_question() -> None:
    text = MINIMAL.replace("mobilite.permis == true", "mobilite.permi == true")
    [issue] = refuse(text)
    assert (
        issue
        == f"{line_of(text, 'visible_if')}: « mobilite.permi » ne désigne aucune question de ce formulaire"
    )


def test_visible_if_cycle() -> None:
    text = add_after(MINIMAL, "label: Permis", "visible_if: mobilite.vehicule == true")
    [issue] = refuse(text)
    assert issue.startswith(f"{line_of(text, 'visible_if')}: visible_if forme un cycle")
    assert "mobilite.permis → mobilite.vehicule → mobilite.permis" in issue


def test_visible_if_self_reference_is_a_cycle() -> None:
    text = MINIMAL.replace("mobilite.permis == true", "mobilite.vehicule is answered")
    [issue] = refuse(text)
    assert "cycle : mobilite.vehicule → mobilite.vehicule" in issue


def test_visible_if_syntax_error() -> None:
    text = MINIMAL.replace("mobilite.permis == true", "mobilite.permis = true")
    [issue] = refuse(text)
    assert issue.startswith(f"{line_of(text, 'visible_if')}: expression invalide")


def test_visible_if_with_a_value_that_is_not_a_choice() -> None:
    text = add_after(MINIMAL, "role: project", "visible_if: emploi.duree == 'moyen'")
    [issue] = refuse(text)
    assert "« moyen » n'est pas un choix de « emploi.duree »" in issue


def test_reserved_theme_key() -> None:
    text = MINIMAL.replace("- id: vehicule", "- id: notes").replace(
        "mobilite.permis == true", "mobilite.situations is answered"
    )
    [issue] = refuse(text)
    assert "« notes » est réservé" in issue


def test_choice_question_without_choices() -> None:
    text = drop_line(MINIMAL, "choices_from: themes")
    [issue] = refuse(text)
    assert issue.endswith("une question à choix doit avoir « choices » ou « choices_from »")


def test_sensitive_consent_must_be_yes_no() -> None:
    text = MINIMAL.replace(
        "sensitive_consent: accueil.sensible", "sensitive_consent: priorites.projet"
    )
    assert refuse(text) == ["4: « priorites.projet » doit désigner une question oui/non"]


def test_several_errors_all_reported_in_line_order() -> None:
    text = MINIMAL.replace("type: long_text", "type: essay").replace(
        "field: emploi", "field: justice"
    )
    issues = refuse(text)
    assert len(issues) == 2
    assert [int(issue.split(":")[0]) for issue in issues] == sorted(
        int(i.split(":")[0]) for i in issues
    )


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("id: essai\nsteps: [\n  - a\n", 3, "YAML invalide"),
        ("id: essai\nversion: 1\nid: autre\n", 3, "clé « id » en double"),
        ("id: essai\n\tversion: 1\n", 2, "YAML invalide"),
        ("- juste\n- une liste\n", 1, "un objet YAML (clé: valeur) est attendu"),
        ("", 1, "un objet YAML (clé: valeur) est attendu"),
    ],
)
def test_malformed_yaml(text: str, line: int, reason: str) -> None:
    [issue] = refuse(text)
    assert issue.startswith(f"{line}: ")
    assert reason in issue


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Modèle\n".encode("latin-1"))
    with pytest.raises(DefinitionError) as caught:
        load_definition(path)
    assert caught.value.issues[0].reason.startswith("fichier illisible")
