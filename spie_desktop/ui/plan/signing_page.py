"""The signing step: three pads, each counsellor's passphrase, the place, "Signer le plan".

Layout only; :class:`SigningModel` checks, signs and reports. Refusals are shown under what
they are about (a pad, a passphrase, the place, or the plan above). Signing runs on the
database lane behind a progress dialog; when it succeeds the PDF opens in the preview.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.plan import REQUIRED_SIGNERS, SignatureMethod, SignerRole
from spie_desktop.domain.strokes import Strokes
from spie_desktop.services.plans import SignedPlanResult
from spie_desktop.services.speech import SpeechEngine, system_engine

from ..evaluation_offer import hand_over, offer_button, step_after_signing
from ..evaluation_window import EvaluationWindow
from ..feedback import InlineMessage
from ..i18n import tr
from ..signature_pad import SignatureBox, role_title
from ..typed_signature import TypedSignature
from .pdf_preview import PdfPreview, pdf_file_name
from .read_aloud_dialog import ReadAloudDialog
from .read_aloud_opening import open_read_aloud
from .signing_model import PLACE_TARGET, PLAN_TARGET, Refusal, SigningModel

PAD_MIN_HEIGHT = 160  # px: room to sign with a finger or a mouse, on a 1366×768 laptop
PERSON_PAD_MIN_HEIGHT = 200  # px: hers first and largest, the whole width


class SignerPanel(QWidget):
    """One signer's pad; for a counsellor, their account and their passphrase under it."""

    def __init__(self, model: SigningModel, role: SignerRole, parent: QWidget | None = None):
        super().__init__(parent)
        self.role = role
        self.model = model
        self.box = SignatureBox(role, model.person_name if role is SignerRole.PERSON else "", self)
        person = role is SignerRole.PERSON
        self.box.pad.setMinimumHeight(PERSON_PAD_MIN_HEIGHT if person else PAD_MIN_HEIGHT)
        self.typed = TypedSignature(role_title(role), self)
        self.typed.set_expected_name(model.person_name if person else "")
        self.typed.toggled.connect(lambda on: self.box.setEnabled(not on))
        self.error = InlineMessage(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.typed)
        self.account: QComboBox | None = None
        self._account_ids: list[uuid.UUID | None] = [None]
        self.passphrase: QLineEdit | None = None
        if role is not SignerRole.PERSON:
            self.account = QComboBox(self)
            self.account.setAccessibleName(tr("Compte qui signe"))
            self.fill_accounts()
            model.accounts_changed.connect(self.fill_accounts)
            self.passphrase = QLineEdit(self)
            self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
            self.passphrase_label = QLabel(self)
            self.passphrase_label.setBuddy(self.passphrase)
            form = QFormLayout()
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow window
            form.addRow(tr("Compte :"), self.account)
            form.addRow(self.passphrase_label, self.passphrase)
            layout.addLayout(form)
            self.account.currentIndexChanged.connect(self._account_changed)
            self._account_changed()
        layout.addWidget(self.error)
        layout.addStretch(1)  # the three pads stay level whatever is under them

    def fill_accounts(self) -> None:
        """The accounts of the role's field; the one chosen stays, else the default."""
        assert self.account is not None
        chosen = self.account_id() if self.account.count() else None
        self.account.blockSignals(True)
        self.account.clear()
        self._account_ids = [None]
        self.account.addItem(tr("Choisir le compte…"))
        for candidate in self.model.candidates(self.role):
            self.account.addItem(candidate.name)
            self._account_ids.append(candidate.id)
        default = self.model.default_account(self.role)
        kept = chosen is not None and chosen in self._account_ids
        wanted = chosen if kept else (default.id if default else None)
        self.account.setCurrentIndex(self._account_ids.index(wanted))
        self.account.blockSignals(False)
        if self.passphrase is not None:
            self._account_changed()

    def account_id(self) -> uuid.UUID | None:
        if self.account is None or self.account.currentIndex() < 0:
            return None
        return self._account_ids[self.account.currentIndex()]

    def choose_account(self, account_id: uuid.UUID) -> None:
        if self.account is not None:
            self.account.setCurrentIndex(self._account_ids.index(account_id))

    def _account_changed(self) -> None:
        found = self.model.account(self.account_id())
        name = found.name if found else ""
        self.box.set_signer_name(name)
        self.typed.set_expected_name(name)
        if self.passphrase is not None:
            self.passphrase_label.setText(
                tr("Phrase de passe de {name} :", name=name) if name else tr("Phrase de passe :")
            )
            self.passphrase.setAccessibleName(
                tr("Phrase de passe de {name}, pour confirmer sa signature", name=name)
            )

    def strokes(self) -> Strokes:
        return self.box.pad.strokes()

    def typed_passphrase(self) -> str:
        """The passphrase typed (left in the field until it is used or found wrong)."""
        return "" if self.passphrase is None else self.passphrase.text()

    def clear_passphrase(self) -> None:
        if self.passphrase is not None:
            self.passphrase.clear()

    def set_read_only(self, value: bool) -> None:
        self.box.set_read_only(value)
        self.typed.set_read_only(value)
        if self.account is not None and self.passphrase is not None:
            self.account.setEnabled(not value)
            self.passphrase.setEnabled(not value)

    def reset(self) -> None:
        self.typed.reset()
        self.box.pad.clear()
        self.error.clear_message()
        self.set_read_only(False)


class SigningPage(QWidget):
    #: The speech engine « Lire à voix haute » reads with (tests give a fake one).
    make_speech_engine: Callable[[], SpeechEngine] = system_engine

    def __init__(self, model: SigningModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.preview: PdfPreview | None = None
        self.read_aloud: ReadAloudDialog | None = None
        self.progress: QProgressDialog | None = None
        self._step_shown: tuple[int, int, str] | None = None  # the latest, not shown yet
        intro = QLabel(
            tr(
                "La personne et les deux conseillers signent dans les cadres ci-dessous (souris, "
                "stylet ou doigt), ou au clavier. Chaque conseiller confirme sa signature avec sa "
                "propre phrase de passe."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.plan_error = InlineMessage(self)
        self.panels = {role: SignerPanel(model, role, self) for role in REQUIRED_SIGNERS}
        # The person's pad first, the whole width; the two counsellors side by side under it:
        # three pads in a row left each ~80 px high on a 1366-px laptop.
        grid = QGridLayout()
        person, *counsellors = REQUIRED_SIGNERS
        grid.addWidget(self.panels[person], 0, 0, 1, len(counsellors))
        for column, role in enumerate(counsellors):
            grid.addWidget(self.panels[role], 1, column)
            grid.setColumnStretch(column, 1)
        grid.setVerticalSpacing(12)
        self.place = QLineEdit(model.default_place, self)
        self.place.setAccessibleName(tr("Lieu de signature"))
        self.place_error = InlineMessage(self)
        self.done = InlineMessage(self, error=False)
        self.read_aloud_button = QPushButton(tr("Lire à &voix haute"), self)
        self.read_aloud_button.setAccessibleName(tr("Lire le plan à voix haute à la personne"))
        self.read_aloud_button.setAutoDefault(False)
        self.sign_button = QPushButton(tr("&Signer le plan"), self)
        self.sign_button.setDefault(True)
        self.pdf_button = QPushButton(tr("Voir le &PDF signé"), self)
        self.pdf_button.setAutoDefault(False)
        self.evaluate_button = offer_button(self)
        self.evaluation: EvaluationWindow | None = None
        place_row = QHBoxLayout()
        place_label = QLabel(tr("Fait &à :"), self)
        place_label.setBuddy(self.place)
        place_row.addWidget(place_label)
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.read_aloud_button)
        place_row.addWidget(self.sign_button)
        place_row.addWidget(self.pdf_button)
        place_row.addWidget(self.evaluate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.plan_error)
        layout.addLayout(grid, 1)
        layout.addLayout(place_row)
        layout.addWidget(self.place_error)
        layout.addWidget(self.done)

        self.sign_button.clicked.connect(self.sign)
        self.read_aloud_button.clicked.connect(self.open_read_aloud)
        self.pdf_button.clicked.connect(self.model.load_pdf)
        self.evaluate_button.clicked.connect(self.hand_over)
        model.refused.connect(self.show_refusals)
        model.progress.connect(self._progress)
        model.signed.connect(self._signed)
        model.cancelled.connect(self._cancelled)
        model.pdf_ready.connect(self.open_preview)
        model.pdf_failed.connect(self.plan_error.show_message)
        model.plan_model.loaded.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Follow the plan: a draft to sign, or a signed plan to show."""
        plan = self.model.plan_model.plan
        signed = plan is not None and plan.is_signed
        for role, panel in self.panels.items():
            if signed and plan is not None:
                given = next((s for s in plan.signatures if s.role is role), None)
                panel.box.pad.set_strokes(given.strokes if given else [], read_only=True)
                if given is not None and given.method is SignatureMethod.TYPED:
                    panel.typed.show_signed(given.signer_name)
                panel.box.set_read_only(True)
                panel.set_read_only(True)
            elif panel.box.pad.read_only:
                panel.reset()
        self.place.setReadOnly(signed)
        self.sign_button.setVisible(not signed)
        self.read_aloud_button.setVisible(not signed)
        self.read_aloud_button.setEnabled(plan is not None)
        self.sign_button.setEnabled(plan is not None)
        self.pdf_button.setVisible(signed)
        self.evaluate_button.setVisible(signed)
        self.done.show_message(
            tr(
                "Plan signé (version {n}) : le PDF est conservé dans le coffre chiffré.",
                n=plan.plan_version,
            )
            if signed and plan is not None
            else ""
        )
        problems = self.model.plan_model.readiness_problems() if not signed else []
        self.plan_error.show_message("\n".join(p.message for p in problems))

    def hand_over(self) -> bool:
        """The plan is signed: hand the screen to the person for their evaluation (if they
        agreed to be asked); a refusal shows under the page."""
        plan_model = self.model.plan_model
        plan = plan_model.plan
        if plan is None or not plan.is_signed:
            return False
        self.plan_error.clear_message()
        step = step_after_signing(plan.plan_version)
        return hand_over(
            plan_model.context,
            plan.person_id,
            step,
            self,
            self._evaluation_opened,
            self.plan_error.show_message,
        )

    def open_read_aloud(self) -> bool:
        """Before signing: the plan summary read aloud in the person's language."""
        plan = self.model.plan_model.plan
        if plan is None:
            return False
        self.plan_error.clear_message()
        return open_read_aloud(
            self.model.plan_model.context,
            plan,
            self,
            self._read_aloud_opened,
            self.plan_error.show_message,
            type(self).make_speech_engine,
        )

    def _read_aloud_opened(self, dialog: ReadAloudDialog) -> None:
        self.read_aloud = dialog

    def _evaluation_opened(self, window: EvaluationWindow) -> None:
        self.evaluation = window

    # -- signing ---------------------------------------------------------------------------------

    def sign(self) -> bool:
        self._clear_errors()
        strokes = {role: panel.strokes() for role, panel in self.panels.items()}
        accounts = {role: panel.account_id() for role, panel in self.panels.items()}
        passphrases = {role: panel.typed_passphrase() for role, panel in self.panels.items()}
        typed = {role: panel.typed.entry() for role, panel in self.panels.items()}
        started = self.model.sign(strokes, accounts, passphrases, self.place.text(), typed)
        if started:
            self.sign_button.setEnabled(False)
            self.progress = QProgressDialog(tr("Préparation…"), tr("Annuler"), 0, 5, self)
            self.progress.setWindowTitle(tr("Signature du plan"))
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(0)
            self.progress.setAutoClose(False)
            self.progress.canceled.connect(self.model.cancel)
            self.progress.show()
        return started

    def _progress(self, step: int, total: int, label: str) -> None:
        """Shown from the event loop: a modal progress dialog handles events in ``setValue``."""
        first = self._step_shown is None
        self._step_shown = (step, total, label)
        if first:
            QTimer.singleShot(0, self, self._show_step)

    def _show_step(self) -> None:
        dialog, shown = self.progress, self._step_shown
        self._step_shown = None
        if dialog is None or shown is None:
            return
        step, total, label = shown
        dialog.setMaximum(total)
        dialog.setLabelText(
            tr("Étape {n} sur {total} : {label}…", n=step, total=total, label=label)
        )
        dialog.setValue(step - 1)  # last: the signing may end (and close it) in here

    def _end_progress(self) -> None:
        self.sign_button.setEnabled(True)
        if self.progress is not None:
            self.progress.canceled.disconnect(self.model.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def show_refusals(self, refusals: list[Refusal]) -> None:
        self._end_progress()
        self._clear_errors()
        messages: dict[str, list[str]] = {}
        for refusal in refusals:
            messages.setdefault(refusal.target, []).append(refusal.message)
        self.plan_error.show_message("\n".join(messages.get(PLAN_TARGET, [])))
        self.place_error.show_message("\n".join(messages.get(PLACE_TARGET, [])))
        first: QWidget | None = None
        wrong = {r.target for r in refusals if r.wrong_passphrase}
        for role, panel in self.panels.items():
            panel.error.show_message("\n".join(messages.get(role.value, [])))
            if role.value in wrong:  # only that counsellor types theirs again
                panel.clear_passphrase()
            if role.value in messages and first is None:
                typing = panel.typed.chosen() and role.value not in wrong
                first = (
                    panel.typed.name
                    if typing
                    else panel.passphrase
                    if panel.passphrase is not None
                    else panel.box.pad
                )
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_errors(self) -> None:
        for message in (self.plan_error, self.place_error, self.done):
            message.clear_message()
        for panel in self.panels.values():
            panel.error.clear_message()

    def _signed(self, _result: SignedPlanResult) -> None:
        self._end_progress()
        for panel in self.panels.values():  # used: never kept
            panel.clear_passphrase()
        self.refresh()
        self.model.load_pdf()

    def _cancelled(self) -> None:
        self._end_progress()
        self.plan_error.show_message(tr("Signature annulée : rien n'a été enregistré."))

    def open_preview(self, data: bytes) -> PdfPreview:
        plan_model = self.model.plan_model
        plan = plan_model.plan
        assert plan is not None
        service, plan_id = plan_model.service, plan.id
        if self.preview is not None:
            self.preview.close()
            self.preview.deleteLater()
        self.preview = PdfPreview(
            data,
            pdf_file_name(plan),
            plan_model.context,
            lambda path: service.export_pdf(plan_id, path),
            self,
        )
        self.preview.open()
        return self.preview
