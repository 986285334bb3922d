"""Territory extensions add questions to themes of socle-commun, and nothing else."""

from __future__ import annotations

import textwrap
import uuid
from pathlib import Path

import pytest

from spie_desktop.forms import DefinitionError, DefinitionRegistry, InterviewState

from .conftest import line_of

AVEYRON = textwrap.dedent(
    """\
    id: aveyron
    version: 1
    title: Socle commun et questions de l'Aveyron
    extends: {id: socle-commun, version: 1}
    add_questions:
      mobilite:
        - id: transport_a_la_demande
          type: yes_no
          label: Connaît le transport à la demande du département
          visible_if: mobilite.vehicule != true
        - id: arret_de_bus
          type: number
          label: Distance au premier arrêt de bus (km)
          min: 0
      emploi:
        - id: saisonnier
          type: yes_no
          label: Intéressé(e) par un emploi saisonnier
    """
)


def refuse(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "ext.yaml").write_text(text, encoding="utf-8")
    registry = DefinitionRegistry(extension_dirs=[tmp_path])
    assert len(registry.problems) == 1
    with pytest.raises(DefinitionError) as caught:
        registry.load_file(tmp_path / "ext.yaml")
    assert all(issue.file == str(tmp_path / "ext.yaml") for issue in caught.value.issues)
    return [f"{issue.line}: {issue.reason}" for issue in caught.value.issues]


def test_extension_adds_questions_and_keeps_the_core(tmp_path: Path) -> None:
    (tmp_path / "aveyron.yaml").write_text(AVEYRON, encoding="utf-8")
    registry = DefinitionRegistry(extension_dirs=[tmp_path])
    assert registry.problems == []
    core, extended = registry.get("socle-commun", 1), registry.get("aveyron", 1)
    assert extended.extends == ("socle-commun", 1)
    assert set(core.fields) < set(extended.fields)
    assert extended.added_keys == {
        "mobilite.transport_a_la_demande",
        "mobilite.arret_de_bus",
        "emploi.saisonnier",
    }
    assert [q.id for q in extended.theme("mobilite").questions][-2:] == [
        "transport_a_la_demande",
        "arret_de_bus",
    ]
    assert extended.question_count() == core.question_count() + 3
    assert "étend socle-commun v1" in extended.summary()

    state = InterviewState(extended)
    assert state.is_visible("mobilite.transport_a_la_demande")
    state.set_answer("mobilite.permis", True, uuid.uuid4())
    state.set_answer("mobilite.vehicule", True, uuid.uuid4())
    assert not state.is_visible("mobilite.transport_a_la_demande")
    assert state.to_payload()["definition"] == {"id": "aveyron", "version": 1}


def test_extension_cannot_change_a_core_question(tmp_path: Path) -> None:
    text = AVEYRON.replace("id: arret_de_bus", "id: permis")
    assert refuse(tmp_path, text) == [
        f"{line_of(text, 'id: permis')}: « mobilite.permis » existe déjà dans le socle commun : une "
        "extension ajoute des questions, elle ne peut ni modifier ni retirer celles du socle"
    ]


def test_extension_cannot_redefine_a_builtin_theme_field(tmp_path: Path) -> None:
    text = AVEYRON.replace("id: saisonnier", "id: barrier")
    [issue] = refuse(tmp_path, text)
    assert issue.startswith(f"{line_of(text, 'id: barrier')}: « emploi.barrier » existe déjà")


@pytest.mark.parametrize("key", ["remove_questions", "steps", "replace"])
def test_extension_cannot_remove_anything(tmp_path: Path, key: str) -> None:
    text = AVEYRON + f"{key}:\n  mobilite: [permis]\n"
    [issue] = refuse(tmp_path, text)
    assert issue.startswith(
        f"{line_of(text, key)}: « {key} » refusé : une extension ne peut qu'ajouter"
    )


def test_extension_to_an_unknown_theme_or_base(tmp_path: Path) -> None:
    text = AVEYRON.replace("  emploi:", "  peche:")
    assert refuse(tmp_path, text) == [
        f"{line_of(text, 'peche')}: thème « peche » inconnu du socle commun"
    ]
    text = AVEYRON.replace("version: 1}", "version: 4}")
    assert refuse(tmp_path, text) == [
        "4: la définition étendue « socle-commun » v4 est introuvable"
    ]


def test_extension_expression_errors_cite_the_extension_file(tmp_path: Path) -> None:
    text = AVEYRON.replace("mobilite.vehicule != true", "mobilite.avion != true")
    assert refuse(tmp_path, text) == [
        f"{line_of(text, 'visible_if')}: « mobilite.avion » ne désigne aucune question de ce formulaire"
    ]
    text = AVEYRON.replace("type: number", "type: slider")
    [issue] = refuse(tmp_path, text)
    assert issue.startswith(f"{line_of(text, 'slider')}: type de question inconnu « slider »")


def test_a_broken_extension_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a-cassee.yaml").write_text("id: [\n", encoding="utf-8")
    (tmp_path / "aveyron.yaml").write_text(AVEYRON, encoding="utf-8")
    (tmp_path / "doublon.yaml").write_text(AVEYRON, encoding="utf-8")
    registry = DefinitionRegistry(extension_dirs=[tmp_path, tmp_path / "absent"])
    assert ("aveyron", 1) in registry.available()
    reasons = [issue.reason for problem in registry.problems for issue in problem.issues]
    assert len(reasons) == 2
    assert reasons[0].startswith("YAML invalide")
    assert reasons[1].startswith("aveyron v1 est déjà défini dans")
