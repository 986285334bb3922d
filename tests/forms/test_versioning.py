"""An interview is always read back with the definition version it was taken with."""

from __future__ import annotations

import re
import shutil
import uuid
from pathlib import Path

import pytest

from spie_desktop.forms import (
    DefinitionMissing,
    DefinitionRegistry,
    InterviewState,
    PayloadError,
    ReadOnlyInterview,
    open_interview,
)
from spie_desktop.forms.registry import BUILTIN_DIR

NADIA = uuid.uuid4()


@pytest.fixture
def with_v2(tmp_path: Path) -> Path:
    """A definitions folder where socle-commun v2 dropped and relabelled things from v1."""
    folder = tmp_path / "definitions"
    folder.mkdir()
    v1 = (BUILTIN_DIR / "socle-commun.v1.yaml").read_text(encoding="utf-8")
    shutil.copy(BUILTIN_DIR / "socle-commun.v1.yaml", folder)
    v2 = v1.replace("version: 1\n", "version: 2\n", 1)
    v2 = v2.replace("label: Permis de conduire B\n", "label: Permis de conduire (B)\n")
    v2 = re.sub(r"\n *visible_if: mobilite.permis == true\n", "\n", v2)
    v2 = v2.replace("- id: vehicule\n", "- id: vehicule_personnel\n")
    (folder / "socle-commun.v2.yaml").write_text(v2, encoding="utf-8")
    return folder


def test_v1_interview_reads_back_after_v2_exists(with_v2: Path) -> None:
    v1_registry = DefinitionRegistry(builtin_dir=BUILTIN_DIR)
    state = InterviewState(v1_registry.get("socle-commun", 1))
    state.set_answer("mobilite.permis", True, NADIA)
    state.set_answer("mobilite.vehicule", True, NADIA)
    payload = state.to_payload()
    assert payload["definition"] == {"id": "socle-commun", "version": 1}

    registry = DefinitionRegistry(builtin_dir=with_v2)
    assert registry.problems == []
    assert registry.get("socle-commun").version == 2  # new interviews get v2
    reopened = InterviewState.from_payload(registry, payload)
    assert reopened.definition.version == 1 and not reopened.read_only
    assert reopened.value("mobilite.vehicule") is True
    assert reopened.authors()["mobilite.vehicule"] == NADIA
    assert reopened.definition.fields["mobilite.permis"].question.label == "Permis de conduire B"
    assert "mobilite.vehicule_personnel" in registry.get("socle-commun", 2).fields


def test_payload_round_trip_keeps_step_authors_and_times(socle) -> None:  # type: ignore[no-untyped-def]
    state = InterviewState(socle)
    state.set_answer("accueil.consentement", True, NADIA)
    state.set_answer("accueil.partage_partenaires", True, NADIA)
    state.set_answer("accueil.donnees_sensibles", False, None)
    assert state.advance() == []
    again = InterviewState.from_payload(DefinitionRegistry(), state.to_payload())
    assert again.current_step.id == "situation"
    assert again.answers == state.answers
    assert again.to_payload() == state.to_payload()


def test_missing_version_opens_read_only_never_crashes(tmp_path: Path) -> None:
    payload = {
        "format": 1,
        "definition": {"id": "socle-commun", "version": 7},
        "current_step": "situation",
        "answers": {
            "mobilite.permis": {
                "value": True,
                "author_id": str(NADIA),
                "updated_at": "2031-01-02T10:00:00+00:00",
            }
        },
    }
    state = InterviewState.from_payload(DefinitionRegistry(), payload)
    assert state.read_only
    assert "« socle-commun » version 7" in (state.read_only_reason or "")
    assert "lecture seule" in (state.read_only_reason or "")
    assert state.answers["mobilite.permis"].value is True
    assert state.to_payload() == payload  # written back unchanged
    assert 0 <= state.progress_overall() <= 100 and state.errors() == []
    with pytest.raises(ReadOnlyInterview):
        state.set_answer("mobilite.permis", False, NADIA)
    unknown = open_interview(DefinitionRegistry(), "aveyron", 1, {})
    assert unknown.read_only and unknown.definition_id == "aveyron"


def test_registry_get_raises_a_typed_error() -> None:
    with pytest.raises(DefinitionMissing) as caught:
        DefinitionRegistry().get("socle-commun", 9)
    assert "version 9" in caught.value.message_fr
    with pytest.raises(DefinitionMissing):
        DefinitionRegistry().get("inexistant")


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        {"format": 2},
        {"format": 1, "definition": {"id": "socle-commun"}, "answers": {}},
        {"format": 1, "definition": {"id": "socle-commun", "version": 1}, "answers": {"a.b": 3}},
        {
            "format": 1,
            "definition": {"id": "socle-commun", "version": 1},
            "answers": {"a.b": {"value": 1, "updated_at": "hier"}},
        },
    ],
)
def test_unreadable_payload_is_a_typed_error(payload: object) -> None:
    with pytest.raises(PayloadError):
        InterviewState.from_payload(DefinitionRegistry(), payload)


def test_current_definition_follows_the_latest_released_version(with_v2: Path) -> None:
    assert DefinitionRegistry(builtin_dir=BUILTIN_DIR).current().version == 2  # released
    registry = DefinitionRegistry(builtin_dir=with_v2)
    assert registry.current().version == 2
    assert registry.get("socle-commun", 1).version == 1
