"""« Immersion (PMSMP)… »: the convention of a plan action that is an immersion — host
company (SIRET checked as it is typed), tutor, objective, renewal, periods, hours, trade,
activities, skills — saved, exported as a draft for the prescriber, and assessed once it
ended (:class:`AssessmentDialog`). Opened from the action's button in the plan editor
(:func:`.immersion_button.immersion_button`). Refusals show in place, in French, the fields kept.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.immersion import (
    HostCompany,
    Immersion,
    ImmersionObjective,
    Tutor,
)
from spie_desktop.domain.immersion_siret import SIRET_LENGTH, normalised_siret, siret_said
from spie_desktop.services.immersions import SavedImmersion

from .convention_export import ask_convention_path, convention_path
from .feedback import InlineMessage
from .i18n import tr, tr_said
from .immersion_assessment_dialog import AssessmentDialog
from .immersion_model import ImmersionModel
from .immersion_periods_editor import PeriodsEditor
from .reflow_box import ReflowBox
from .window_context import WindowContext

FIELD_PADDING = 16  # px of frame and margins around a field's text


def _text(parent: QWidget, name: str, value: str = "", chars: int = 0) -> QLineEdit:
    """A field; ``chars``: as wide as that many digits at most, in the text's size."""
    line = QLineEdit(value, parent)
    line.setAccessibleName(tr(name))
    if chars:
        room = line.fontMetrics().horizontalAdvance("0" * chars) + FIELD_PADDING
        line.setMaximumWidth(room)
    return line


def _area(parent: QWidget, name: str, height: int = 54) -> QPlainTextEdit:
    area = QPlainTextEdit(parent)
    area.setAccessibleName(tr(name))
    area.setFixedHeight(height)
    area.setTabChangesFocus(True)
    return area


class ImmersionDialog(QDialog):
    def __init__(self, model: ImmersionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Immersion (PMSMP)"))
        # Two columns side by side at 1366 pixels: the company's names and addresses whole
        # on the left, the periods' calendars (« du … au … ») on the right.
        self.setMinimumWidth(1120)
        self.action_label = QLabel(self)
        self.action_label.setWordWrap(True)
        # Host company
        self.company = _text(self, "Entreprise d'accueil")
        self.siret = _text(self, "SIRET", chars=16)
        self.siret.setPlaceholderText(tr("14 chiffres"))
        self.siret_error = InlineMessage(self)
        self.address = _text(self, "Adresse de l'entreprise")
        self.commune = _text(self, "Commune de l'entreprise")
        self.sector = _text(self, "Secteur d'activité (NAF)")
        self.sector.setPlaceholderText(tr("ex. 10.71C Boulangerie"))
        # Tutor
        self.tutor = _text(self, "Tuteur ou tutrice")
        self.function = _text(self, "Fonction du tuteur")
        self.phone = _text(self, "Téléphone du tuteur", chars=16)
        self.email = _text(self, "Courriel du tuteur")
        # Convention
        self.objective = QComboBox(self)
        self.objective.setAccessibleName(tr("Objectif de l'immersion"))
        for objective in ImmersionObjective:
            self.objective.addItem(tr(objective.label), objective.value)
        self.renewal = QComboBox(self)
        self.renewal.setAccessibleName(tr("Convention renouvelée"))
        self.periods = PeriodsEditor(self)
        self.hours = _text(self, "Heures par semaine", chars=8)
        self.rome = _text(self, "Code ROME", chars=10)
        self.rome.setPlaceholderText(tr("ex. D1102"))
        self.trade = _text(self, "Métier")
        self.activities = _area(self, "Activités confiées")
        self.skills = _area(self, "Compétences à observer")
        self.assessment_label = QLabel(self)
        self.assessment_label.setWordWrap(True)
        self.message = InlineMessage(self, error=False)
        self.error = InlineMessage(self)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            tr("Enre&gistrer"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.export_button = self.buttons.addButton(
            tr("E&xporter le projet…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.assess_button = self.buttons.addButton(
            tr("Bilan de fi&n d'immersion…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buttons.addButton(tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.save_button, self.export_button, self.assess_button):
            button.setAutoDefault(False)

        company_box = QGroupBox(tr("Entreprise d'accueil"), self)
        company_form = QFormLayout(company_box)
        company_form.addRow(tr("&Entreprise :"), self.company)
        company_form.addRow(tr("S&IRET :"), self.siret)
        company_form.addRow("", self.siret_error)
        company_form.addRow(tr("&Adresse :"), self.address)
        company_form.addRow(tr("&Commune :"), self.commune)
        company_form.addRow(tr("Secteur (NA&F) :"), self.sector)
        tutor_box = QGroupBox(tr("Tuteur ou tutrice dans l'entreprise"), self)
        tutor_form = QFormLayout(tutor_box)
        tutor_form.addRow(tr("&Tuteur·rice :"), self.tutor)
        tutor_form.addRow(tr("F&onction :"), self.function)
        tutor_form.addRow(tr("Télé&phone :"), self.phone)
        tutor_form.addRow(tr("Co&urriel :"), self.email)
        left = QVBoxLayout()
        left.addWidget(company_box)
        left.addWidget(tutor_box)
        left.addWidget(self.assessment_label)
        left.addStretch(1)

        convention_box = QGroupBox(tr("Convention"), self)
        convention_form = QFormLayout(convention_box)
        convention_form.addRow(tr("Ob&jectif :"), self.objective)
        convention_form.addRow(tr("&Renouvelle :"), self.renewal)
        convention_form.addRow(tr("Pério&des :"), self.periods)
        self.periods_label = convention_form.labelForField(self.periods)
        convention_form.addRow(tr("&Heures par semaine :"), self.hours)
        convention_form.addRow(tr("Code RO&ME :"), self.rome)
        convention_form.addRow(tr("Métier (&libellé) :"), self.trade)
        convention_form.addRow(tr("Acti&vités confiées :"), self.activities)
        convention_form.addRow(tr("Compétences à o&bserver :"), self.skills)

        for form in (company_form, tutor_form):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        # Side by side at 100 % text; one under the other, scrolling down, when it is large.
        body = QWidget(self)
        columns = ReflowBox(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addWidget(convention_box, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.action_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.siret.textEdited.connect(self._siret_typed)
        self.siret.editingFinished.connect(self._siret_finished)
        self.save_button.clicked.connect(self.save)
        self.export_button.clicked.connect(self.choose_export_path)
        self.assess_button.clicked.connect(self.open_assessment)
        self.buttons.rejected.connect(self.reject)
        model.loaded.connect(self._show)
        model.saved.connect(self._saved)
        model.exported.connect(self._exported)
        model.assessed.connect(lambda _i: self._show())
        model.failed.connect(self.error.show_message)
        self.periods.changed.connect(self._tab_in_reading_order)  # rows come and go
        self._tab_in_reading_order()
        self._show()

    def _tab_in_reading_order(self) -> None:
        """The company, its tutor, the convention, then the buttons. Period rows are made
        after the dialog: Tab went from them round to the company, and never reached the
        fields below the periods nor the buttons (a focus trap)."""
        order: list[QWidget] = [
            self.company, self.siret, self.address, self.commune, self.sector,
            self.tutor, self.function, self.phone, self.email,
            self.objective, self.renewal, *self.periods.tab_widgets(),
            self.hours, self.rome, self.trade, self.activities, self.skills,
            *self.buttons.buttons(),
        ]  # fmt: skip
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        if isinstance(self.periods_label, QLabel):  # Alt+D: the first period's start
            self.periods_label.setBuddy(self.periods.tab_widgets()[0])

    # -- showing -------------------------------------------------------------------------------

    def _show(self) -> None:
        sheet = self.model.sheet
        self.setEnabled(sheet is not None)
        if sheet is None:
            return
        self.action_label.setText(tr("Action du plan : {label}", label=sheet.action_label))
        self.renewal.clear()
        self.renewal.addItem(tr("Aucune : première convention"), None)
        for other in sheet.others:
            start = other.starts_on
            when = start.strftime("%d/%m/%Y") if start else "?"
            self.renewal.addItem(f"{other.company.name} — {when}", str(other.id))
        immersion = sheet.immersion
        self.periods.today = sheet.today
        if immersion is not None:
            self._fill(immersion)
        elif not self.periods.rows:
            self.periods.add_period()  # a first week to adjust: most immersions are one
        self.export_button.setEnabled(immersion is not None)
        ended = immersion is not None and immersion.has_ended(sheet.today)
        self.assess_button.setEnabled(ended)
        self.assessment_label.setText(self._assessment_text(immersion))

    def _fill(self, immersion: Immersion) -> None:
        c, t = immersion.company, immersion.tutor
        for line, value in (
            (self.company, c.name),
            (self.siret, c.siret),
            (self.address, c.address),
            (self.commune, c.commune),
            (self.sector, c.sector),
            (self.tutor, t.name),
            (self.function, t.function),
            (self.phone, t.phone),
            (self.email, t.email),
            (self.rome, immersion.trade_code),
            (self.trade, immersion.trade_label),
        ):
            line.setText(value)
            line.setCursorPosition(0)  # a long name reads from its start, not its end
        hours = immersion.weekly_hours
        self.hours.setText("" if hours is None else f"{hours:g}".replace(".", ","))
        self.objective.setCurrentIndex(max(0, self.objective.findData(immersion.objective.value)))
        renewed = str(immersion.renewal_of) if immersion.renewal_of else None
        self.renewal.setCurrentIndex(max(0, self.renewal.findData(renewed)))
        self.periods.set_periods(immersion.periods)
        self.activities.setPlainText(immersion.activities)
        self.skills.setPlainText(immersion.skills)

    def _assessment_text(self, immersion: Immersion | None) -> str:
        if immersion is None or immersion.assessment is None:
            return ""
        a = immersion.assessment
        return tr(
            "Bilan du {day} — compétences démontrées : {skills} ; suite : {follow}",
            day=a.assessed_on.strftime("%d/%m/%Y"),
            skills=a.skills_shown or "—",
            follow=a.follow_up or "—",
        )

    # -- the SIRET as it is typed ------------------------------------------------------------

    def _siret_typed(self, text: str) -> None:
        complete = len(normalised_siret(text)) >= SIRET_LENGTH
        self.siret_error.show_message(_siret_text(text) if complete else "")

    def _siret_finished(self) -> None:
        text = self.siret.text()
        self.siret_error.show_message(_siret_text(text) if text.strip() else "")

    # -- saving ------------------------------------------------------------------------------

    def convention(self) -> Immersion:
        """The convention as the fields hold it (ValidationError for what does not read)."""
        sheet = self.model.sheet
        assert sheet is not None
        hours_text = self.hours.text().strip().replace(",", ".")
        try:
            hours = float(hours_text) if hours_text else None
        except ValueError:
            raise ValidationError(
                "Les heures par semaine s'écrivent en chiffres (ex. 30 ou 17,5).",
                "unreadable weekly hours",
                "hours",
            ) from None
        renewal = self.renewal.currentData()
        values = {
            "action_id": sheet.action_id,
            "person_id": sheet.person_id,
            "company": HostCompany(
                self.company.text().strip(),
                normalised_siret(self.siret.text()),
                self.address.text().strip(),
                self.commune.text().strip(),
                self.sector.text().strip(),
            ),
            "tutor": Tutor(
                self.tutor.text().strip(),
                self.function.text().strip(),
                self.phone.text().strip(),
                self.email.text().strip(),
            ),
            "periods": self.periods.periods(),
            "weekly_hours": hours,
            "objective": ImmersionObjective(self.objective.currentData()),
            "trade_code": self.rome.text().strip().upper(),
            "trade_label": self.trade.text().strip(),
            "activities": self.activities.toPlainText().strip(),
            "skills": self.skills.toPlainText().strip(),
            "renewal_of": uuid.UUID(renewal) if renewal else None,
        }
        existing = sheet.immersion
        if existing is None:
            return Immersion(**values)  # type: ignore[arg-type]
        return replace(existing, **values)  # type: ignore[arg-type]

    def save(self) -> None:
        self.error.clear_message()
        self.message.clear_message()
        try:
            immersion = self.convention()
        except ValidationError as refused:
            self.show_refusal(tr_said(refused.said), refused.field)
            return
        if self.model.save(immersion, self.show_refusal):
            self.save_button.setEnabled(False)

    def show_refusal(self, message: str, field: str | None) -> None:
        self.save_button.setEnabled(True)
        self.error.show_message(message)
        target = {
            "siret": self.siret,
            "company": self.company,
            "periods": self.periods,
            "hours": self.hours,
            "objective": self.objective,
            "renewal": self.renewal,
        }.get(field or "")
        if target is not None:
            target.setFocus()

    def _saved(self, saved: SavedImmersion) -> None:
        self.save_button.setEnabled(True)
        warnings = " ".join(tr_said(w.said) for w in saved.warnings)
        self.message.show_message(
            tr("Convention enregistrée.") + (" " + warnings if warnings else "")
        )
        self._show()

    # -- exporting ---------------------------------------------------------------------------

    def choose_export_path(self) -> None:
        path = ask_convention_path(self, self.model.suggested_name())
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        path = convention_path(path)
        self.error.clear_message()
        self.model.export(path, self.show_refusal)

    def _exported(self, path: Path) -> None:
        self.message.show_message(tr("Projet de convention exporté : {name}", name=path.name))

    # -- assessment --------------------------------------------------------------------------

    def open_assessment(self) -> AssessmentDialog:
        dialog = AssessmentDialog(self.model, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def open_immersion_dialog(
    context: WindowContext, person_id: uuid.UUID, action_id: uuid.UUID, parent: QWidget
) -> ImmersionDialog | None:
    """The dialog for this action, open and non-blocking; ``None`` while locked."""
    if context.is_locked:
        return None
    model = ImmersionModel(context, person_id, action_id)
    dialog = ImmersionDialog(model, parent)
    model.setParent(dialog)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    model.load()
    dialog.open()
    return dialog


def _siret_text(text: str) -> str:
    said = siret_said(text)
    return tr_said(said) if said is not None else ""
