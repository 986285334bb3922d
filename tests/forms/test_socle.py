"""The built-in socle-commun v1 carries the whole carnet-de-bord referential."""

from __future__ import annotations

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.referential import EMPLOI_THEMES, SOCIAL_THEMES, themes
from spie_desktop.forms import FormDefinition, QuestionType, StepKind, builtin_registry
from spie_desktop.forms.generate_socle import output_path, render, reworded


def test_builtin_registry_loads_without_problems() -> None:
    registry = builtin_registry()
    assert registry.problems == []
    assert ("socle-commun", 1) in registry.available()


def test_steps_of_the_shared_method(socle: FormDefinition) -> None:
    assert [step.kind for step in socle.steps] == [
        StepKind.CONSENT,
        StepKind.DIAGNOSTIC,
        StepKind.PRIORITIES,
        StepKind.ACTION_PLAN,
        StepKind.SIGNATURE,
    ]
    social, emploi = socle.panes()
    assert (social.field, emploi.field) == (Field.SOCIAL, Field.EMPLOI)
    assert [t.id for t in social.themes] == list(SOCIAL_THEMES)
    assert [t.id for t in emploi.themes] == list(EMPLOI_THEMES)


def test_the_referential_is_embedded_whole(socle: FormDefinition) -> None:
    referential = themes()
    assert len(socle.themes()) == 16
    assert socle.situation_count() == 88
    assert sum(len(t.objectives) for t in socle.themes()) == 58
    assert sum(len(t.actions) for t in socle.themes()) == 134
    for theme in socle.themes():
        assert theme.label == referential[theme.id].label
        assert [" ".join(s.split()) for s in referential[theme.id].situations] == [
            s.label for s in theme.situations
        ]
        # v1 embeds the labels as carnet-de-bord had them; the referential now carries
        # them corrected (what v2 shows)
        assert tuple(reworded(o) for o in theme.objectives) == referential[theme.id].objectives


def test_shared_and_sensitive_themes(socle: FormDefinition) -> None:
    assert {t.id for t in socle.themes() if t.shared} == {"emploi", "formation"}
    assert {t.id for t in socle.themes() if t.sensitive} == {"sante"}
    assert socle.fields["sante.suivi_medical"].sensitive
    assert socle.fields["difficulte_administrative.justice"].sensitive
    assert not socle.fields["difficulte_administrative.piece_identite"].sensitive


def test_every_theme_has_questions_and_the_screen_can_be_built(socle: FormDefinition) -> None:
    used_types = set()
    for theme in socle.themes():
        assert theme.questions, theme.id
        for builtin in ("situations", "barrier", "strengths", "notes"):
            assert f"{theme.id}.{builtin}" in socle.fields
        used_types |= {q.type for q in theme.questions}
    step_types = {q.type for step in socle.steps for q in step.questions}
    assert used_types | step_types == set(QuestionType)
    assert socle.fields["mobilite.permis"].question.type == QuestionType.YES_NO
    assert socle.fields["mobilite.vehicule"].question.visible_if == "mobilite.permis == true"
    assert list(socle.choices("priorites.ordre")) == [t.id for t in socle.themes()]
    assert socle.choices("mobilite.barrier")["not_discussed"] == "Non abordé"
    assert socle.choices("mobilite.situations")["permis-b"] == "Permis B"


def test_situation_ids_are_unique_slugs(socle: FormDefinition) -> None:
    for theme in socle.themes():
        ids = [s.id for s in theme.situations]
        assert len(ids) == len(set(ids))


def test_committed_yaml_is_the_generator_output() -> None:
    """Regenerate with `python -m spie_desktop.forms.generate_socle` when this fails."""
    committed = output_path().read_text(encoding="utf-8")
    assert committed == render()
    assert "gip-inclusion/carnet-de-bord v1.266.7" in committed.split("\nid:")[0]
