"""The first-run set-up wizard as a state machine, without Qt: views, checks, navigation, the
set-up work, on a real store."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from spie_desktop.config import DeviceConfig, keyslots_path, load_config, save_config, store_path
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.organisation import Field, StructureKind
from spie_desktop.services.device import DeviceStatus, SetupResult, device_state
from spie_desktop.services.people import PeopleService
from spie_desktop.services.setup_wizard import (
    NAVIGATION,
    Move,
    SetupForm,
    SetupMode,
    SetupView,
    SetupWizard,
    identity_errors,
    set_up_device,
)
from spie_desktop.storage.keyslots import KeySlots

GOOD = "la pirogue remonte le fleuve"


def fill_identity(wizard: SetupWizard) -> None:
    form = wizard.form
    form.territory_code = "973"
    form.structure_kind = StructureKind.MISSION_LOCALE
    form.structure_name = "Mission locale de l'Ouest guyanais"
    form.counsellor_name = "Kévin T."
    form.field = Field.EMPLOI


def test_every_view_is_reachable_and_only_the_last_has_no_next() -> None:
    reached, view = [], SetupView.CHOICE
    while view is not None:
        reached.append(view)
        view = NAVIGATION[view].next
    assert reached == list(SetupView)
    assert [v for v, rule in NAVIGATION.items() if rule.creates] == [SetupView.PASSPHRASE]


def test_the_whole_set_up_from_choice_to_an_open_store(data_dir: Path) -> None:
    wizard = SetupWizard(data_dir)
    assert wizard.view is SetupView.CHOICE and not wizard.can_go_back
    assert wizard.choose(SetupMode.CONFIGURE) is Move.MOVED
    assert wizard.view is SetupView.IDENTITY

    assert wizard.advance() is Move.STAY  # nothing filled in yet
    # no territory is preselected for a real set-up: the person chooses it
    assert set(wizard.errors) == {"territory_code", "structure_name", "counsellor_name"}
    fill_identity(wizard)
    assert wizard.advance() is Move.MOVED
    assert (wizard.view, wizard.errors) == (SetupView.PASSPHRASE, {})

    wizard.form.passphrase, wizard.form.confirmation = GOOD, GOOD + " "
    assert wizard.create_now() is Move.STAY
    assert wizard.errors == {"passphrase": "Les deux phrases de passe ne sont pas identiques."}
    assert device_state(data_dir).status is DeviceStatus.NEW  # refused before any work

    wizard.form.confirmation = GOOD
    assert wizard.create_now() is Move.MOVED
    assert wizard.view is SetupView.RECOVERY_KEY and not wizard.busy
    assert wizard.form.passphrase == wizard.form.confirmation == ""  # not kept in memory
    assert not wizard.can_go_back  # the store exists: no way back to change it

    assert wizard.finish() is Move.STAY  # the key is not confirmed kept yet
    assert "recovery_key" in wizard.errors
    wizard.set_key_kept(True)
    assert wizard.finish() is Move.FINISHED
    assert wizard.outcome is not None
    session = wizard.outcome.session
    try:
        assert session.is_open and session.territory.code == "CTG"  # chosen as 973
        key = wizard.recovery_key
        assert KeySlots.load(keyslots_path(data_dir)).unlock_with_recovery(key) == session.data_key
    finally:
        session.close()
    state = device_state(data_dir)
    assert [(a.display_name, a.field) for a in state.accounts] == [("Kévin T.", "emploi")]
    cfg = load_config(data_dir)
    assert cfg is not None and cfg.structure_kind == StructureKind.MISSION_LOCALE.value


def test_going_back_keeps_what_was_typed_and_is_refused_while_busy(tmp_path: Path) -> None:
    wizard = SetupWizard(tmp_path)
    wizard.choose(SetupMode.CONFIGURE)
    fill_identity(wizard)
    wizard.advance()
    assert wizard.back() is Move.MOVED and wizard.view is SetupView.IDENTITY
    assert wizard.form.counsellor_name == "Kévin T."
    assert wizard.back() is Move.MOVED and wizard.view is SetupView.CHOICE
    assert wizard.back() is Move.STAY
    wizard.choose(SetupMode.DEMO)
    wizard.advance()
    wizard.form.passphrase = wizard.form.confirmation = GOOD
    assert wizard.advance() is Move.CREATE and wizard.busy
    assert wizard.back() is Move.STAY and wizard.advance() is Move.STAY
    assert wizard.view is SetupView.PASSPHRASE


def test_a_refused_field_sends_the_person_back_to_it(tmp_path: Path) -> None:
    wizard = SetupWizard(tmp_path)
    wizard.choose(SetupMode.CONFIGURE)
    fill_identity(wizard)
    wizard.advance()
    wizard.failed(ValidationError("Indiquez le nom de la structure.", "x", "structure_name"))
    assert wizard.view is SetupView.IDENTITY
    assert wizard.errors == {"structure_name": "Indiquez le nom de la structure."}
    wizard.advance()
    wizard.failed(OSError(28, "No space left on device"))
    assert wizard.view is SetupView.PASSPHRASE and not wizard.busy
    assert "La création du coffre a échoué (OSError)" in wizard.errors["passphrase"]


def test_a_failed_set_up_is_reported_on_the_passphrase_view(data_dir: Path) -> None:
    store_path(data_dir).parent.mkdir(parents=True, exist_ok=True)
    store_path(data_dir).write_bytes(b"left over by someone")  # not a store of ours
    wizard = SetupWizard(data_dir)
    wizard.choose(SetupMode.CONFIGURE)
    fill_identity(wizard)
    wizard.advance()
    wizard.form.passphrase = wizard.form.confirmation = GOOD
    assert wizard.create_now() is Move.STAY
    assert wizard.view is SetupView.PASSPHRASE and wizard.outcome is None
    assert wizard.errors["passphrase"]


def test_identity_needs_territory_structure_and_name() -> None:
    errors = identity_errors(SetupForm(territory_code=None))
    assert set(errors) == {"territory_code", "structure_name", "counsellor_name"}
    assert identity_errors(SetupForm(territory_code="99"))["territory_code"].startswith(
        "Territoire inconnu"
    )
    ok = SetupForm(
        territory_code="973", structure_name="ML Ouest guyanais", counsellor_name="Kévin"
    )
    assert identity_errors(ok) == {}
    # the demo needs no structure
    assert identity_errors(SetupForm(mode=SetupMode.DEMO, counsellor_name="Kévin")) == {}


def test_a_provisioned_territory_is_prefilled_and_locked(data_dir: Path) -> None:
    save_config(
        data_dir,
        DeviceConfig(
            "62", "Département du Pas-de-Calais", "conseil_departemental", territory_locked=True
        ),
    )
    wizard = SetupWizard(data_dir)
    assert wizard.territory_locked
    assert wizard.form.territory_code == "62"
    assert wizard.form.structure_name == "Département du Pas-de-Calais"


def test_setup_work_reports_its_steps_and_fills_the_demo(tmp_path: Path) -> None:
    calls: list[str] = []

    class FakeSession:
        def close(self) -> None:
            calls.append("close")

    def initialise(data_dir: Path, **kwargs: Any) -> SetupResult:
        calls.append(f"init {kwargs['territory_code']} {kwargs['structure_name']}")
        return SetupResult("KEY", uuid.uuid4())

    def unlock(data_dir: Path, account: uuid.UUID, passphrase: str) -> Any:
        calls.append("unlock")
        return FakeSession()

    def populate(session: Any, people: int, seed: int) -> int:
        calls.append(f"populate {people} {seed}")
        return people

    form = SetupForm(mode=SetupMode.DEMO, counsellor_name="Élodie", passphrase="x")
    work = set_up_device(tmp_path, form, initialise=initialise, unlock=unlock, populate=populate)
    steps = []
    with pytest.raises(StopIteration) as stop:
        while True:
            steps.append(next(work))
    assert steps == [
        "Création du coffre chiffré…",
        "Ouverture du coffre…",
        "Création de 200 personnes de démonstration…",
    ]
    assert calls == ["init 12 Structure de démonstration", "unlock", "populate 200 1"]
    assert stop.value.value.recovery_key == "KEY"


def test_the_demo_path_fills_a_real_store(data_dir: Path) -> None:
    wizard = SetupWizard(data_dir)
    wizard.choose(SetupMode.DEMO)
    wizard.form.counsellor_name = "Élodie"
    assert wizard.advance() is Move.MOVED
    wizard.form.passphrase = wizard.form.confirmation = GOOD
    steps: list[str] = []
    assert wizard.advance() is Move.CREATE
    work = wizard.creation()
    with pytest.raises(StopIteration) as done:
        while True:
            steps.append(next(work))
            wizard.on_step(steps[-1])
            assert wizard.busy and wizard.step == steps[-1]
    wizard.created(done.value.value)
    assert "Création de 200 personnes de démonstration…" in steps
    assert wizard.outcome is not None
    with wizard.outcome.session as session:
        assert session.territory.code == "12"
        assert len(PeopleService(session).list_summaries()) == 200
