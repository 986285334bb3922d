"""« Seuils d'alerte »: the four thresholds of the point de situation, in days.

Read-only when the territory set them on its server; otherwise saved on this device.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .alert_rules_model import HIGHEST_DAYS, LOWEST_DAYS, THRESHOLDS, AlertRulesModel
from .dialog_body import scrolling_body
from .feedback import BusyIndicator, InlineMessage
from .i18n import tr
from .setup_pages import heading, paragraph

if TYPE_CHECKING:
    from .window_context import WindowContext


class AlertRulesDialog(QDialog):
    def __init__(self, model: AlertRulesModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Seuils d'alerte"))
        self.setMinimumWidth(560)
        layout, footer = scrolling_body(self)
        layout.addWidget(heading(tr("Seuils d'alerte"), self))
        layout.addWidget(
            paragraph(
                tr(
                    "Le point de situation signale les personnes qui attendent au-delà de ces "
                    "délais, comptés en jours du calendrier du territoire."
                ),
                self,
            )
        )
        self.origin = paragraph("", self)
        self.origin.setObjectName("alert_rules_origin")
        layout.addWidget(self.origin)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for name, (label, meaning) in THRESHOLDS.items():
            spin = QSpinBox(self)
            spin.setRange(LOWEST_DAYS, HIGHEST_DAYS)
            spin.setSuffix(tr(" jours"))
            spin.setAccessibleName(tr(label).replace("&", ""))
            spin.setAccessibleDescription(tr(meaning))
            spin.valueChanged.connect(lambda days, name=name: model.set_days(name, days))
            self.spins[name] = spin
            cell = QWidget(self)
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.addWidget(spin)
            explanation = QLabel(tr(meaning), cell)
            explanation.setWordWrap(True)
            cell_layout.addWidget(explanation)
            mnemonic = QLabel(tr("{label} :", label=tr(label)), self)
            mnemonic.setBuddy(spin)
            form.addRow(mnemonic, cell)
        layout.addLayout(form)
        self.message = InlineMessage(self)
        self.busy = BusyIndicator(self)
        self.save_button = QPushButton(tr("&Enregistrer"), self)
        self.save_button.setDefault(True)
        self.close_button = QPushButton(tr("Fermer"), self)
        self.close_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        footer.addWidget(self.message)
        footer.addLayout(buttons)

        self.save_button.clicked.connect(model.submit)
        self.close_button.clicked.connect(self.reject)
        model.changed.connect(self._render)
        model.saved.connect(lambda _rules: self.accept())
        self._render()

    def _render(self) -> None:
        model = self.model
        self.origin.setText(model.origin)
        for name, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(getattr(model.rules, name))
            spin.blockSignals(False)
            spin.setReadOnly(not model.editable)
            spin.setEnabled(model.loaded and not model.busy)
        self.save_button.setVisible(not model.from_territory)
        self.save_button.setEnabled(model.editable)
        self.close_button.setText(tr("Fermer") if model.from_territory else tr("Annuler"))
        self.message.show_message(model.message)
        if model.busy:
            self.busy.start(tr("Enregistrement…"))
        else:
            self.busy.stop()


def open_in_window(context: WindowContext, parent: QWidget | None) -> AlertRulesDialog:
    """The dialog over the main window, reading the thresholds in force; a lock closes it."""
    model = AlertRulesModel(context)
    dialog = AlertRulesDialog(model, parent)
    model.setParent(dialog)
    model.load()
    context.locked.connect(dialog.reject)
    dialog.open()
    return dialog
