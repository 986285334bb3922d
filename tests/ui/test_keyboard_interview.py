"""Issue 18, done when: a counsellor who uses a screen reader runs a whole interview with the
keyboard.

No mouse click and no slot called: every key goes to the focused control, as a keyboard
does. At each focus change the control must have a name a screen reader reads and a visible
focus ring. From the lock screen to the signing step: unlock, the new person's file, her
consent, both panes of the diagnostic, the shared synthesis, her priorities, a plan with one
objective and one action, the review, then the three of them sign on the keyboard: on each
pad « Signer au clavier », the signer's name typed as the screen reader says it and « Je
confirme signer ce plan » ticked; each counsellor's account and passphrase; « Signer le
plan ». A name mistyped is refused in French and the focus goes back to it. The signed PDF
is verified by pdfsig and says, in the signature boxes, « Signé au clavier le … ».
"""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.domain.plan import PlanStatus, SignatureMethod, SignerRole
from spie_desktop.services.plans import PlanService
from spie_desktop.ui import theme
from spie_desktop.ui.consent_dialog import ConsentDialog
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.interview import InterviewWorkspace
from spie_desktop.ui.interview.field_widgets import FieldEditor, RadioEditor
from spie_desktop.ui.interview.step_pages import PlanPage, QuestionsPage, SignaturePage
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.new_person_dialog import NewPersonDialog
from spie_desktop.ui.tasks import TaskRunner
from spie_desktop.ui.unlock_window import UnlockWindow

from ..conftest import require_tool
from .a11y_checks import spoken_name
from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE
from .guyane_room import PLACE, guyane_device, wait_for_window
from .interview.helpers import editor, panel
from .keyboard_walk import KeyboardWalk
from .main_helpers import people_of, start, wait_idle
from .plan.conftest import SIGNING_TIMEOUT_MS

CTRL = Qt.KeyboardModifier.ControlModifier
K = Qt.Key


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The application's style and palette, with its focus ring."""
    style, palette = qapp.style().name(), qapp.palette()
    theme.apply_theme(qapp, theme.NORMAL)
    yield qapp
    theme._current[0] = theme.NORMAL
    qapp.setStyle(style)
    qapp.setPalette(palette)


def choose(walk: KeyboardWalk, field: FieldEditor, value: object) -> None:
    """Tab into a choice (it lands on the option chosen), the arrows to ``value``, Space."""
    assert isinstance(field, RadioEditor)
    walk.tab_to(lambda w: w in field.buttons)
    wanted = field.button_for(value)
    for _ in field.buttons:
        if walk.focused is wanted:
            break
        walk.key(K.Key_Right)
    assert walk.focused is wanted
    # What the reader says with "Oui": the question it answers.
    assert wanted.accessibleDescription() == field.spec.question.label
    if not wanted.isChecked():
        walk.key(K.Key_Space)
    assert wanted.isChecked()


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def back_to(qtbot: QtBot, window: QWidget) -> None:
    """A dialog closed: the window manager gives its window back the activation (the
    offscreen platform of the tests does not), the focus returns where the window keeps it."""
    if QApplication.activeWindow() is None:
        window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=10_000)


def test_a_screen_reader_user_runs_a_whole_interview_with_the_keyboard(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path, tmp_path: Path, themed: QApplication
) -> None:
    pdfsig, pdftotext = (require_tool(tool) for tool in ("pdfsig", "pdftotext"))
    guyane_device(data_dir)
    walk = KeyboardWalk(qtbot)

    # The lock screen: the passphrase field has the focus; Enter unlocks.
    navigator = start(qtbot, runner, data_dir)
    unlock = navigator.window
    assert isinstance(unlock, UnlockWindow)
    walk.wait_focus(unlock.passphrase)
    walk.type(NADIA_PASSPHRASE)
    walk.key(K.Key_Return, check=False)
    qtbot.waitUntil(lambda: isinstance(navigator.window, MainWindow), timeout=15_000)
    main = navigator.window
    assert isinstance(main, MainWindow)
    main.navigator = navigator  # type: ignore[attr-defined]  # kept alive with the window
    main.resize(1366, 768)
    section = people_of(main)
    qtbot.waitUntil(lambda: not section.people.loading, timeout=15_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=15_000)
    walk.check_focus()

    # A new person: Ctrl+N, her identity field by field, her language, Enter.
    walk.key(K.Key_N, CTRL, check=False)
    creation = wait_for_window(qtbot, NewPersonDialog)
    assert isinstance(creation, NewPersonDialog)
    walk.wait_focus(creation.first_name)
    walk.type("Joana")
    walk.tab_to(creation.last_name)
    walk.type("Silva")
    walk.tab_to(creation.birth_date)
    walk.type("12/05/1991")
    walk.tab_to(creation.commune)
    walk.type(PLACE)
    walk.tab_to(creation.language)
    while creation.language.currentData() != "pt-BR":
        walk.key(K.Key_Down)
    walk.key(K.Key_Return, check=False)

    # Her consent, in Portuguese then French: each box ticked with Space, Enter records.
    consent = wait_for_window(qtbot, ConsentDialog)
    assert isinstance(consent, ConsentDialog)
    qtbot.waitUntil(lambda: consent.isActiveWindow(), timeout=10_000)
    walk.check_focus()
    for scope_box in consent.boxes.values():
        walk.tab_to(scope_box)
        if not scope_box.isChecked():
            walk.key(K.Key_Space)
    with qtbot.waitSignal(consent.recorded, timeout=20_000):
        walk.key(K.Key_Return, check=False)

    # Her file: the interview button has the focus.
    file_page = section.file_page
    qtbot.waitUntil(lambda: file_page.interview_button.isEnabled(), timeout=20_000)
    back_to(qtbot, main)
    walk.wait_focus(file_page.interview_button)
    walk.key(K.Key_Space, check=False)
    qtbot.waitUntil(lambda: isinstance(section.currentWidget(), InterviewWorkspace), timeout=20_000)
    workspace = section.currentWidget()
    assert isinstance(workspace, InterviewWorkspace)
    qtbot.waitUntil(lambda: hasattr(workspace, "strip"), timeout=20_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=20_000)
    walk.check_focus()

    # Welcome and consent: Tab to each question, the arrows choose, Space confirms.
    welcome = workspace.page("accueil")
    assert isinstance(welcome, QuestionsPage)
    assert welcome.isAncestorOf(walk.focused)
    for key, value in (
        ("accueil.consentement", True),
        ("accueil.partage_partenaires", True),
        ("accueil.donnees_sensibles", False),
    ):
        choose(walk, welcome.editors[key], value)
    walk.key(K.Key_PageDown, CTRL)
    assert workspace.model.state.current_step.id == "situation"

    # The social pane (Ctrl+1): Mobilité opened with Enter, a situation ticked, the barrier.
    walk.key(K.Key_1, CTRL)
    mobilite = panel(workspace, "mobilite")
    while walk.focused is not mobilite.header:
        walk.key(K.Key_Down, CTRL)
    if not mobilite.expanded:
        walk.key(K.Key_Return)
    assert mobilite.expanded
    situations = editor(workspace, "mobilite.situations")
    walk.tab_to(situations.boxes["aucun-moyen-de-transport-a-disposition"])
    walk.key(K.Key_Space)
    choose(walk, editor(workspace, "mobilite.barrier"), "blocking")
    assert mobilite.chip.text() == "● bloquant"

    # The professional pane (Ctrl+2): Emploi, its barrier.
    walk.key(K.Key_2, CTRL)
    emploi = panel(workspace, "emploi")
    while walk.focused is not emploi.header:
        walk.key(K.Key_Down, CTRL)
    if not emploi.expanded:
        walk.key(K.Key_Return)
    choose(walk, editor(workspace, "emploi.barrier"), "light")

    # The shared synthesis, unfolded from the keyboard: both panes' barriers read out.
    walk.tab_to(workspace.strip.toggle)
    if not workspace.strip.expanded:
        walk.key(K.Key_Space)
    assert workspace.strip.expanded
    rows = {label: weight for label, _w, weight in workspace.strip.chart.rows()}
    assert rows["Mobilité"] == "Bloquant" and rows["Emploi"] == "Léger"
    assert "Mobilité : Bloquant" in spoken_name(workspace.strip.chart) + (
        workspace.strip.chart.toolTip()
    )

    # Her priorities, in her words.
    walk.key(K.Key_PageDown, CTRL)
    assert workspace.model.state.current_step.id == "priorites"
    priorities = workspace.page("priorites")
    assert isinstance(priorities, QuestionsPage)
    project = priorities.editors["priorites.projet"]
    walk.tab_to(lambda w: w in project.focus_widgets())
    walk.type("Trabalhar como cozinheira")

    # The plan: a suggested objective taken up, an action under it with its due date.
    walk.key(K.Key_PageDown, CTRL, check=False)
    assert workspace.model.state.current_step.id == "plan"
    plan_page = workspace.page("plan")
    assert isinstance(plan_page, PlanPage) and plan_page.editor is not None
    plan_editor = plan_page.editor
    qtbot.waitUntil(lambda: plan_editor.model.plan is not None, timeout=20_000)
    suggestions = plan_editor.suggestions
    wait_idle(qtbot, runner)
    qtbot.waitUntil(
        lambda: not suggestions.model.loading and bool(suggestions.rows), timeout=20_000
    )
    walk.check_focus()
    walk.tab_to(suggestions.rows[0].button)
    walk.key(K.Key_Space)
    qtbot.waitUntil(lambda: bool(plan_editor.objective_boxes), timeout=20_000)
    box = next(iter(plan_editor.objective_boxes.values()))
    walk.tab_to(box.add_action_button)
    walk.key(K.Key_Space)
    qtbot.waitUntil(
        lambda: bool(next(iter(plan_editor.objective_boxes.values())).action_forms),
        timeout=10_000,
    )
    form = next(iter(plan_editor.objective_boxes.values())).action_forms[0]
    walk.tab_to(form.due.line)
    walk.type(format_date(plan_editor.model.today + timedelta(days=45)))
    walk.key(K.Key_Tab)
    # The plan is linked to her contrat d'engagement: her commitment is ticked with Space.
    walk.tab_to(plan_editor.commitment)
    if not plan_editor.commitment.isChecked():
        walk.key(K.Key_Space)
    assert plan_editor.commitment.isChecked()
    qtbot.waitUntil(lambda: plan_editor.model.readiness_problems() == [], timeout=10_000)

    # « Relire le plan avant de signer », read together, then the pads.
    walk.tab_to(plan_editor.sign_button)
    walk.key(K.Key_Space, check=False)
    assert workspace.model.state.current_step.id == "signature"
    signature = workspace.page("signature")
    assert isinstance(signature, SignaturePage)
    qtbot.waitUntil(lambda: signature.review.model.current, timeout=20_000)
    walk.check_focus()
    walk.tab_to(signature.review.pass_button)
    walk.key(K.Key_Space)
    assert signature.pads_shown
    walk.check_focus()

    # The signing step, on the keyboard: each signer's pad is reached and named, then « Signer
    # au clavier » (Space), the name the screen reader gives typed (capitals and accents
    # aside), « Je confirme signer ce plan » (Space); each counsellor's account, passphrase.
    signing = signature.signing
    names: dict[SignerRole, str] = {}
    for role in SignerRole:
        signer = signing.panels[role]
        walk.tab_to(signer.box.pad)
        assert spoken_name(signer.box.pad).startswith("Zone de signature")
        walk.tab_to(signer.typed.toggle)
        assert spoken_name(signer.typed.toggle).startswith("Signer au clavier")
        assert "tapez le nom complet" in signer.typed.toggle.accessibleDescription()
        walk.key(K.Key_Space)
        assert signer.typed.toggle.isChecked() and not signer.box.pad.isEnabled()
        if signer.account is not None:
            account = signing.model.account(signer.account_id())
            assert account is not None
            names[role] = account.name
        else:
            names[role] = signing.model.person_name
        walk.tab_to(signer.typed.name)
        # What the screen reader says: the name to type, as shown beside the pad.
        assert names[role] in signer.typed.name.accessibleDescription()
        # The person types « Joana Silve » first: a slip of the finger.
        walk.type("Joana Silve" if role is SignerRole.PERSON else names[role].casefold())
        walk.tab_to(signer.typed.confirm)
        assert spoken_name(signer.typed.confirm).startswith("Je confirme signer ce plan")
        walk.key(K.Key_Space)
        assert signer.typed.confirm.isChecked()
        if signer.passphrase is not None:
            assert signer.account is not None
            walk.tab_to(signer.account)
            walk.tab_to(signer.passphrase)
            walk.type(NADIA_PASSPHRASE if role is SignerRole.SOCIAL else JULIEN_PASSPHRASE)
    walk.tab_to(signing.place)
    assert signing.place.text() != ""
    walk.tab_to(signing.read_aloud_button)
    walk.tab_to(signing.sign_button)
    assert signing.panels[SignerRole.SOCIAL].typed_passphrase() == NADIA_PASSPHRASE
    assert signing.panels[SignerRole.EMPLOI].typed_passphrase() == JULIEN_PASSPHRASE

    # « Signer le plan »: the name mistyped is refused in French, the focus back on it.
    person = signing.panels[SignerRole.PERSON]
    walk.key(K.Key_Space, check=False)
    qtbot.waitUntil(lambda: person.error.text() != "", timeout=10_000)
    assert "Le nom tapé n'est pas celui du signataire" in person.error.text()
    assert names[SignerRole.PERSON] in person.error.text()
    walk.wait_focus(person.typed.name)
    walk.key(K.Key_End)
    walk.key(K.Key_Backspace)
    walk.type("a")  # « Joana Silva »: the name shown is « Joana SILVA » or the like
    walk.tab_to(signing.sign_button)
    with qtbot.waitSignal(signing.model.signed, timeout=SIGNING_TIMEOUT_MS):
        walk.key(K.Key_Space, check=False)
    plan = signing.model.plan_model.plan
    assert plan is not None and plan.is_signed
    assert workspace.flush()
    wait_idle(qtbot, runner)

    # The record says each was signed on the keyboard, by the name typed, with no strokes.
    session = main.context.session
    assert session is not None
    plans = PlanService(session)
    stored = plans.get(plan.id)
    assert stored.status is PlanStatus.SIGNED
    assert {s.role: s.method for s in stored.signatures} == dict.fromkeys(
        SignerRole, SignatureMethod.TYPED
    )
    assert all(s.strokes == [] for s in stored.signatures)

    # The signed PDF: both counsellors' signatures valid; each box says « Signé au clavier »
    # in Portuguese, the French below, and the names typed.
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(plans.pdf(plan.id))
    checked = subprocess.run([pdfsig, str(pdf)], capture_output=True, text=True, timeout=60)
    assert checked.stdout.count("Signature Validation: Signature is Valid.") == 2, checked.stdout
    text = plain(
        subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    assert text.count("Signé au clavier le") == 3, text
    own = person_texts("pt-BR").text("plan.signature.typed", date="")
    assert text.count(plain(own)) == 3, text
    assert "Joana Silva" in text
    for role in (SignerRole.SOCIAL, SignerRole.EMPLOI):
        assert plain(names[role].casefold()) in text
