"""Signing on screen: three people draw on the pads, both counsellors confirm with their own
passphrase, the signed PDF opens in the preview; every refusal is shown in place and stores
nothing."""

from __future__ import annotations

import subprocess
import uuid
from datetime import timedelta
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.plan import PlanStatus, SignerRole
from spie_desktop.plan.verify import verify_pdf
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.plan import Account, PlanEditor, PlanModel, SigningModel, SigningPage
from tests.conftest import require_tool
from tests.services.plan_fixtures import Room

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, SIGNING_TIMEOUT_MS, sign_on


def ready(plan_model: PlanModel) -> None:
    """Mme L.'s draft with one dated action under each objective."""
    today = plan_model.today
    for objective in plan_model.plan.objectives:  # type: ignore[union-attr]
        action = plan_model.add_action(objective.id)
        assert (
            plan_model.set_action_date(action.id, "start_date", format_date(today + timedelta(7)))
            == ""
        )
        assert (
            plan_model.set_action_date(action.id, "due_date", format_date(today + timedelta(90)))
            == ""
        )
    assert plan_model.readiness_problems() == []


def make_page(qtbot: QtBot, model: SigningModel) -> SigningPage:
    page = SigningPage(model)
    qtbot.addWidget(page)
    page.resize(1300, 520)
    page.show()
    qtbot.waitExposed(page)
    return page


def type_passphrases(page: SigningPage, nadia: str, julien: str) -> None:
    social, emploi = page.panels[SignerRole.SOCIAL], page.panels[SignerRole.EMPLOI]
    assert social.passphrase is not None and emploi.passphrase is not None
    social.passphrase.setText(nadia)
    emploi.passphrase.setText(julien)


def statuses(room: Room) -> list[PlanStatus]:
    return [p.status for p in room.plans.list_for_person(room.person_id)]


def test_an_empty_pad_is_refused_in_place_and_nothing_is_stored(
    qtbot: QtBot, plan_model: PlanModel, signing_model: SigningModel, room: Room
) -> None:
    ready(plan_model)
    page = make_page(qtbot, signing_model)
    # Julien has not joined the interview, but he is the only emploi account: pre-selected.
    assert page.panels[SignerRole.EMPLOI].account_id() == room.julien.id
    assert page.panels[SignerRole.SOCIAL].box.name.text() == "Nadia B."
    assert page.panels[SignerRole.PERSON].box.name.text() == "Hélène Lefèvre"
    sign_on(page.panels[SignerRole.SOCIAL].box.pad, 1)
    sign_on(page.panels[SignerRole.EMPLOI].box.pad, 2)
    type_passphrases(page, NADIA_PASSPHRASE, JULIEN_PASSPHRASE)
    with qtbot.assertNotEmitted(signing_model.signed):
        assert not page.sign()
    person = page.panels[SignerRole.PERSON]
    assert person.error.isVisible()
    assert person.error.text() == "La signature de la personne est vide."
    assert not page.panels[SignerRole.SOCIAL].error.isVisible()
    assert page.progress is None
    # Nothing was wrong with the passphrases: they stay as typed for the next try.
    assert page.panels[SignerRole.SOCIAL].passphrase.text() == NADIA_PASSPHRASE  # type: ignore[union-attr]
    assert statuses(room) == [PlanStatus.DRAFT]
    assert room.plans.get(plan_model.plan_id).signatures == []


def test_a_wrong_passphrase_names_the_counsellor_and_nothing_is_stored(
    qtbot: QtBot, plan_model: PlanModel, signing_model: SigningModel, room: Room
) -> None:
    ready(plan_model)
    page = make_page(qtbot, signing_model)
    for seed, role in enumerate(SignerRole):
        sign_on(page.panels[role].box.pad, seed)
    type_passphrases(page, NADIA_PASSPHRASE, "pas la bonne phrase")
    assert page.sign()
    assert page.progress is not None
    emploi = page.panels[SignerRole.EMPLOI]
    qtbot.waitUntil(emploi.error.isVisible, timeout=SIGNING_TIMEOUT_MS)
    assert emploi.error.text() == (
        "Phrase de passe incorrecte pour Julien R. : la signature n'a pas été apposée."
    )
    assert not page.panels[SignerRole.SOCIAL].error.isVisible()
    assert page.progress is None and page.sign_button.isEnabled()
    assert statuses(room) == [PlanStatus.DRAFT]
    assert not plan_model.read_only
    # The pads keep what was drawn: only the passphrase is to be typed again.
    assert not page.panels[SignerRole.PERSON].box.pad.is_empty()


def test_a_wrong_passphrase_clears_only_that_counsellor_s_field(
    qtbot: QtBot, plan_model: PlanModel, signing_model: SigningModel, room: Room
) -> None:
    ready(plan_model)
    page = make_page(qtbot, signing_model)
    for seed, role in enumerate(SignerRole):
        sign_on(page.panels[role].box.pad, seed)
    type_passphrases(page, NADIA_PASSPHRASE, "pas la bonne phrase")
    social, emploi = page.panels[SignerRole.SOCIAL], page.panels[SignerRole.EMPLOI]
    assert social.passphrase is not None and emploi.passphrase is not None
    assert page.sign()
    qtbot.waitUntil(emploi.error.isVisible, timeout=SIGNING_TIMEOUT_MS)
    # Julien's field is emptied, marked and focused; Nadia's stays as she typed it.
    assert emploi.passphrase.text() == ""
    assert emploi.error.text().startswith("Phrase de passe incorrecte pour Julien R.")
    assert page.focusWidget() is emploi.passphrase
    assert social.passphrase.text() == NADIA_PASSPHRASE
    assert not social.error.isVisible()
    assert statuses(room) == [PlanStatus.DRAFT]


def test_three_signatures_drawn_on_screen_give_a_pdf_signed_twice(
    qtbot: QtBot, plan_model: PlanModel, signing_model: SigningModel, room: Room, tmp_path: Path
) -> None:
    ready(plan_model)
    editor = PlanEditor(plan_model)
    qtbot.addWidget(editor)
    page = make_page(qtbot, signing_model)
    for seed, role in enumerate(SignerRole):
        sign_on(page.panels[role].box.pad, seed)
    type_passphrases(page, NADIA_PASSPHRASE, JULIEN_PASSPHRASE)
    labels: list[str] = []
    signing_model.progress.connect(lambda _s, _t, label: labels.append(label))
    assert page.sign()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=SIGNING_TIMEOUT_MS)
    assert labels and labels[-1] == "Enregistrement"

    preview = page.preview
    assert preview is not None
    qtbot.waitUntil(lambda: not preview.rendering, timeout=30_000)
    assert preview.error.text() == ""
    stored_pdf = room.plans.pdf(plan_model.plan_id)
    pages = len(PdfReader(BytesIO(stored_pdf)).pages)
    assert len(preview.page_labels) == pages >= 1
    assert all(not label.pixmap().isNull() for label in preview.page_labels)
    assert preview.pages_label.text() == f"{len(preview.page_labels)} page" + (
        "s" if len(preview.page_labels) > 1 else ""
    )
    assert preview.file_name == f"plan-{plan_model.plan_id.hex[:8]}-v1.pdf"
    assert "Lef" not in preview.file_name

    # The stored plan: signed, with the three handwritten signatures as vectors.
    stored = room.plans.get(plan_model.plan_id)
    assert stored.status is PlanStatus.SIGNED
    assert {s.role for s in stored.signatures} == set(SignerRole)
    assert all(len(s.strokes) == 2 for s in stored.signatures)
    report = verify_pdf(stored_pdf)  # self-signed keys (not enrolled): intact, not valid
    assert "signé hors autorité du territoire" in report.verdict_fr
    assert len(report.signatures) == 2 and all(s.intact for s in report.signatures)

    # Exported through the preview, then checked by an independent verifier.
    out = tmp_path / "export" / preview.file_name
    out.parent.mkdir()
    preview.export_to(out)
    qtbot.waitUntil(
        lambda: out.exists() and "PDF exporté" in preview.message.text(), timeout=20_000
    )
    pdfsig = require_tool("pdfsig")
    checked = subprocess.run([pdfsig, str(out)], capture_output=True, text=True, timeout=60)
    assert checked.stdout.count("Signature Validation: Signature is Valid.") == 2, checked.stdout

    # Signed means read-only, in the editor and on the signing page.
    assert plan_model.read_only
    assert not editor.sign_button.isVisible() or not editor.isVisible()
    assert editor.new_version_button.isVisibleTo(editor)
    assert not editor.contract.isEnabled()
    assert all(box.remove_button.isEnabled() is False for box in editor.objective_boxes.values())
    assert page.panels[SignerRole.PERSON].box.pad.read_only
    assert page.done.text().startswith("Plan signé (version 1)")

    # "Modifier le plan": version 2, a draft; the signed version 1 stays in force.
    with qtbot.waitSignal(plan_model.loaded, timeout=20_000):
        editor.new_version_button.click()
    assert plan_model.plan is not None and plan_model.plan.plan_version == 2
    assert not plan_model.read_only and editor.contract.isEnabled()
    assert statuses(room) == [PlanStatus.SIGNED, PlanStatus.DRAFT]
    assert page.panels[SignerRole.PERSON].box.pad.is_empty()
    assert not page.panels[SignerRole.PERSON].box.pad.read_only


def test_accounts_read_later_are_offered_and_a_choice_is_kept(
    qtbot: QtBot, signing_model: SigningModel, room: Room
) -> None:
    """A demo store's demo signers (no key slot) arrive from the store after the page shows."""
    page = make_page(qtbot, signing_model)
    social = page.panels[SignerRole.SOCIAL]
    assert social.account_id() == room.nadia.id
    demo = Account(uuid.uuid4(), "Nadia B. (démo)", Field.SOCIAL)
    signing_model.add_accounts([demo])
    assert social.account is not None
    assert [social.account.itemText(i) for i in range(social.account.count())] == [
        "Choisir le compte…",
        "Nadia B.",
        "Nadia B. (démo)",
    ]
    assert social.account_id() == room.nadia.id  # the choice made stays
    social.choose_account(demo.id)
    assert social.box.name.text() == "Nadia B. (démo)"
    assert social.passphrase_label.text() == "Phrase de passe de Nadia B. (démo) :"
