"""Issue 18, done when: a counsellor in Saint-Laurent-du-Maroni hands a Brazilian person a plan
in Portuguese with the French beside it, reads it aloud to them, shows it in large print, and
they sign knowing what they sign.

Everything goes through the real windows over a real SQLCipher store: the person is created
with Portuguese as her language, her consent is read in Portuguese with the French below,
the interview is answered, the plan built, read aloud through espeak-ng (each sentence
rendered to a WAV file instead of the speakers), shown in large print, signed by the three
of them; the signed PDF is then checked by outside tools (pdfsig, pdftotext, pdffonts).
"""

from __future__ import annotations

import subprocess
import unicodedata
import wave
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.person_texts import person_texts
from spie_desktop.domain.plan import PlanStatus, SignerRole
from spie_desktop.services.plans import PlanService
from spie_desktop.services.speech import Pyttsx3Engine
from spie_desktop.services.speech_voices import voice_for
from spie_desktop.ui.consent_dialog import ConsentDialog
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.step_pages import PlanPage, QuestionsPage, SignaturePage
from spie_desktop.ui.new_person_dialog import NewPersonDialog
from spie_desktop.ui.pictogram_widget import PictogramWidget
from spie_desktop.ui.plan import SigningPage
from spie_desktop.ui.plan.large_print_view import LargePrintView
from spie_desktop.ui.plan.read_aloud_model import ReadingState
from spie_desktop.ui.tasks import TaskRunner

from ..conftest import require_tool
from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE, type_text
from .guyane_room import PLACE, guyane_device, wait_for_window
from .interview.helpers import editor, panel
from .main_helpers import people_of, unlock_to_main, wait_idle
from .plan.conftest import SIGNING_TIMEOUT_MS, sign_on

LEFT = Qt.MouseButton.LeftButton
PORTUGUESE = person_texts("pt-BR")
FRENCH = person_texts("fr")

#: Sections of the plan every PDF shows, each in Portuguese then in French.
SECTIONS = (
    "plan.objectives.heading",
    "plan.commitments.heading",
    "next.heading",
    "plan.signatures.heading",
)


class WavEngine(Pyttsx3Engine):
    """The system's voices (espeak-ng through pyttsx3); each sentence is rendered to a WAV
    file instead of the speakers, so the test hears nothing and measures everything."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.said: list[tuple[str, str, Path]] = []  # (sentence, voice id, its audio)

    def speak(self, text: str, voice_id: str) -> None:
        path = self.folder / f"sentence-{len(self.said):03}.wav"
        self.save(text, voice_id, path)
        self.said.append((text, voice_id, path))

    def stop(self) -> None:
        """Nothing plays: a sentence being rendered simply ends."""


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as audio:
        return audio.getnframes() / audio.getframerate()


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def test_a_brazilian_person_signs_a_plan_she_read_heard_and_saw_in_portuguese(
    qtbot: QtBot,
    runner: TaskRunner,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    require_tool("espeak-ng")
    pdfsig, pdftotext, pdffonts = (require_tool(t) for t in ("pdfsig", "pdftotext", "pdffonts"))
    audio = tmp_path / "audio"
    audio.mkdir()
    engines: list[WavEngine] = []

    def make_engine() -> WavEngine:
        engines.append(WavEngine(audio))
        return engines[-1]

    monkeypatch.setattr(SigningPage, "make_speech_engine", make_engine)
    guyane_device(data_dir)
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    main.resize(1366, 768)
    main.show()
    section = people_of(main)

    # Her file, Portuguese chosen as her language.
    click(qtbot, section.list_page.new_button)
    creation = wait_for_window(qtbot, NewPersonDialog)
    assert isinstance(creation, NewPersonDialog)
    type_text(creation.first_name, "Joana")
    type_text(creation.last_name, "Silva")
    type_text(creation.birth_date, "12/05/1991")
    type_text(creation.commune, PLACE)
    creation.language.setCurrentIndex(creation.language.findData("pt-BR"))
    assert creation.language.currentText() == PORTUGUESE.language.name
    click(qtbot, creation.save_button)

    # Her consent, read in Portuguese with the French below it.
    consent = wait_for_window(qtbot, ConsentDialog)
    assert isinstance(consent, ConsentDialog)
    shown = [w.text() for w in consent.findChildren(QLabel) if w.isVisible()]
    own_title, own_wording = (label.text() for label in consent.own_texts)
    assert own_title == PORTUGUESE.text("consent.title") == "Seu acordo"
    assert PORTUGUESE.text("consent.purpose") in own_wording
    assert FRENCH.text("consent.purpose") in consent.french_text.text()
    assert shown.index(own_wording) < shown.index("En français :")
    assert shown.index("En français :") < shown.index(consent.french_text.text())
    assert FRENCH.text("plan.french_reference") in shown
    record_box = consent.boxes[ConsentScope.RECORD]
    # The box's words (wrapped beside it) are its name for a screen reader, her language first.
    assert record_box.accessibleName().split(" — ") == [
        PORTUGUESE.text("consent.scope.record"),
        consent.model.label(ConsentScope.RECORD),
    ]
    for scope in (ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM):
        consent.boxes[scope].setChecked(True)
    with qtbot.waitSignal(consent.recorded, timeout=20_000):
        click(qtbot, consent.save_button)

    # The interview, from her file.
    file_page = section.file_page
    qtbot.waitUntil(lambda: file_page.interview_button.isEnabled(), timeout=20_000)
    click(qtbot, file_page.interview_button)
    qtbot.waitUntil(lambda: isinstance(section.currentWidget(), InterviewWorkspace), timeout=20_000)
    workspace = section.currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=20_000)
    welcome = workspace.page("accueil")
    assert isinstance(welcome, QuestionsPage)
    for key, value in (
        ("accueil.consentement", True),
        ("accueil.partage_partenaires", True),
        ("accueil.donnees_sensibles", False),
    ):
        click(qtbot, welcome.editors[key].button_for(value))  # type: ignore[attr-defined]
    click(qtbot, workspace.step_bar.buttons["situation"])
    mobilite = panel(workspace, "mobilite")
    mobilite.set_expanded(True)
    click(
        qtbot,
        editor(workspace, "mobilite.situations").boxes["aucun-moyen-de-transport-a-disposition"],
    )
    click(qtbot, editor(workspace, "mobilite.barrier").button_for("blocking"))
    emploi = panel(workspace, "emploi")
    emploi.set_expanded(True)
    click(qtbot, editor(workspace, "emploi.barrier").button_for("light"))
    click(qtbot, workspace.step_bar.buttons["priorites"])
    priorities = workspace.page("priorites")
    assert isinstance(priorities, QuestionsPage)
    type_text(priorities.editors["priorites.projet"].box, "Trabalhar como cozinheira")  # type: ignore[attr-defined]

    # The plan: one objective taken up from the synthesis, one dated action.
    click(qtbot, workspace.step_bar.buttons["plan"])
    assert workspace.model.state.current_step.id == "plan"
    plan_page = workspace.page("plan")
    assert isinstance(plan_page, PlanPage) and plan_page.editor is not None
    plan_editor = plan_page.editor
    qtbot.waitUntil(lambda: plan_editor.model.plan is not None, timeout=20_000)
    suggestions = plan_editor.suggestions
    wait_idle(qtbot, runner)  # the diagnostic read, the suggestions built from it
    qtbot.waitUntil(
        lambda: not suggestions.model.loading and bool(suggestions.rows), timeout=20_000
    )
    row = suggestions.rows[0]
    assert row.button.isVisible()
    # Pressed from the keyboard: the panel was just rebuilt, its layout may not have placed
    # the button yet where a synthetic mouse click would land.
    row.button.setFocus()
    qtbot.keyClick(row.button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(plan_editor.objective_boxes), timeout=20_000)
    box = next(iter(plan_editor.objective_boxes.values()))
    click(qtbot, box.add_action_button)
    qtbot.waitUntil(
        lambda: bool(next(iter(plan_editor.objective_boxes.values())).action_forms),
        timeout=10_000,
    )
    form = next(iter(plan_editor.objective_boxes.values())).action_forms[0]
    structure = form.structure.lineEdit()
    assert structure is not None
    type_text(structure, "Mission locale")
    type_text(form.due.line, format_date(plan_editor.model.today + timedelta(days=45)))
    qtbot.keyClick(form.due.line, Qt.Key.Key_Return)
    # The plan is linked to her contrat d'engagement (the default): she commits to it.
    if not plan_editor.commitment.isChecked():
        click(qtbot, plan_editor.commitment)
    qtbot.waitUntil(lambda: plan_editor.model.readiness_problems() == [], timeout=10_000)
    plan = plan_editor.model.plan
    assert plan is not None and len(plan.objectives) == 1
    objective_key = plan.objectives[0].label

    # Shown in large print: Portuguese, a pictogram for the objective's theme.
    click(qtbot, plan_editor.large_print_button)
    view = wait_for_window(qtbot, LargePrintView)
    assert isinstance(view, LargePrintView)
    texts = [label.text() for label in view.findChildren(QLabel)]
    assert any(text.startswith("Objetivo") for text in texts), texts
    assert not any(text.startswith("Objectif :") for text in texts), texts
    pictures = view.findChildren(PictogramWidget)
    assert {p.theme for p in pictures} >= {plan.objectives[0].theme}
    view.close()

    # Read together, then read aloud in Portuguese before the pads.
    click(qtbot, plan_editor.sign_button)
    signature = workspace.page("signature")
    assert isinstance(signature, SignaturePage)
    qtbot.waitUntil(lambda: signature.review.model.current, timeout=20_000)
    click(qtbot, signature.review.pass_button)
    assert signature.pads_shown
    signing = signature.signing
    click(qtbot, signing.read_aloud_button)
    qtbot.waitUntil(lambda: signing.read_aloud is not None, timeout=20_000)
    dialog = signing.read_aloud
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.state is ReadingState.IDLE, timeout=20_000)
    assert not dialog.notice.isVisible()  # espeak-ng has a Portuguese voice
    sentences = [s.text for s in dialog.model.summary.sentences]
    assert sentences[0] == PORTUGUESE.text("read.intro") == "Este é o seu plano de ação."
    click(qtbot, dialog.read_button)
    qtbot.waitUntil(lambda: len(engines[-1].said) == len(sentences), timeout=120_000)
    qtbot.waitUntil(lambda: dialog.model.state is ReadingState.IDLE, timeout=20_000)
    said = engines[-1].said
    portuguese_voice = voice_for("pt-BR", engines[-1].voices())
    french_voice = voice_for("fr", engines[-1].voices())
    assert portuguese_voice is not None and french_voice is not None
    assert "pt-br" in portuguese_voice.languages
    assert [text for text, _v, _p in said] == sentences
    assert {voice for _t, voice, _p in said} == {portuguese_voice.id} != {french_voice.id}
    seconds = [wav_seconds(path) for _t, _v, path in said]
    for (text, _v, _p), length in zip(said, seconds, strict=True):
        words = len(text.split())
        assert 0.15 * words < length < 1.5 * words + 2.0, (text, length)
    dialog.reject()

    # The three of them sign.
    for seed, role in enumerate(SignerRole):
        sign_on(signing.panels[role].box.pad, seed)
    social, emploi_panel = signing.panels[SignerRole.SOCIAL], signing.panels[SignerRole.EMPLOI]
    assert social.passphrase is not None and emploi_panel.passphrase is not None
    type_text(social.passphrase, NADIA_PASSPHRASE)
    type_text(emploi_panel.passphrase, JULIEN_PASSPHRASE)
    signing.place.selectAll()
    type_text(signing.place, PLACE)
    with qtbot.waitSignal(signing.model.signed, timeout=SIGNING_TIMEOUT_MS):
        assert signing.sign()
    session = main.context.session
    assert session is not None
    plans = PlanService(session)
    stored = plans.get(plan.id)
    assert stored.status is PlanStatus.SIGNED
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plans.pdf(plan.id))
    assert workspace.flush()
    wait_idle(qtbot, runner)

    # The signed PDF: both counsellors' signatures valid for an independent verifier.
    checked = subprocess.run([pdfsig, str(pdf)], capture_output=True, text=True, timeout=60)
    assert checked.stdout.count("Signature Validation: Signature is Valid.") == 2, checked.stdout

    # Each section in Portuguese, the French just after it, and the French is the reference.
    extracted = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = plain(extracted)
    assert "\ufffd" not in extracted
    assert plain(PORTUGUESE.text("plan.french_reference")) in text
    assert plain(FRENCH.text("plan.french_reference")) in text
    positions = []
    for key in SECTIONS:
        own, french = plain(PORTUGUESE.text(key)), plain(FRENCH.text(key))
        assert own != french, key
        assert own in text and french in text, key
        positions.append((text.index(own), text.index(french)))
    for (own_at, french_at), (next_own, _next_french) in zip(
        positions, positions[1:] + [(len(text), len(text))], strict=True
    ):
        assert own_at < french_at < next_own  # the French right below, before the next section
    assert PLACE in text
    assert objective_key in text  # the objective, as written, in French

    # Every font embedded.
    listing = subprocess.run(
        [pdffonts, str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        assert line.split()[-5] == "yes", line
