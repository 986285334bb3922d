"""« Résumé anonymisé… »: the redaction step, then the anonymised case summary as a PDF.

Each free-text note of the file is shown with what may identify someone highlighted
(names in red, phones and e-mails in orange, dates and places in yellow); the counsellor
edits it or leaves it out. « Exporter le PDF… » stays disabled, with the reason under it,
while an included note still holds a name, a phone number or an e-mail address. The PDF
is named after the case's pseudonymous reference and written where the counsellor chooses.

Opened for a case of the « Revues de situation » section, or from the person's file for the
person's latest open case (:func:`open_latest_case_summary`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.case_summary import SEX_LABELS
from spie_desktop.domain.redaction import SpanKind
from spie_desktop.services.case_reviews import CaseLine

from .case_summary_model import CaseSummaryModel, NoteReview
from .feedback import InlineMessage
from .i18n import tr
from .theme import current
from .window_context import WindowContext

#: The theme's background under each kind of span, and the line under it: a name solid, a
#: contact dashed, a date or a place dotted, so the kinds differ without the colour too.
HIGHLIGHTS = {
    SpanKind.NAME: ("redact_name", QTextCharFormat.UnderlineStyle.SingleUnderline),
    SpanKind.PHONE: ("redact_contact", QTextCharFormat.UnderlineStyle.DashUnderline),
    SpanKind.EMAIL: ("redact_contact", QTextCharFormat.UnderlineStyle.DashUnderline),
    SpanKind.BIRTH_DATE: ("redact_contact", QTextCharFormat.UnderlineStyle.DashUnderline),
    SpanKind.DATE: ("redact_date", QTextCharFormat.UnderlineStyle.DotLine),
    SpanKind.PLACE: ("redact_date", QTextCharFormat.UnderlineStyle.DotLine),
}
LEGEND = (
    "Surligné : en rouge un nom, en orange un téléphone, un courriel ou la date de "
    "naissance (à retirer avant l'export), en jaune une date ou un lieu (à garder seulement s'ils sont utiles au groupe)."
)


class NoteEditor(QGroupBox):
    """One note: include it or not, its text with the detected spans highlighted."""

    def __init__(self, model: CaseSummaryModel, index: int, parent: QWidget | None = None) -> None:
        note = model.notes[index]
        super().__init__(note.source, parent)
        self.model, self.index = model, index
        self.include = QCheckBox(tr("Inclure cette note dans le résumé"), self)
        self.include.setChecked(note.included)
        self.text = QTextEdit(self)
        self.text.setAcceptRichText(False)
        self.text.setPlainText(note.text)
        self.text.setMinimumHeight(70)
        self.text.setMaximumHeight(140)
        self.text.setTabChangesFocus(True)  # a short note: Tab goes on to the next one
        self.found = QLabel(self)
        self.found.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.include)
        layout.addWidget(self.text)
        layout.addWidget(self.found)
        self.include.toggled.connect(self._on_included)
        self.text.textChanged.connect(self._on_edited)
        self.highlight()

    def _on_included(self, included: bool) -> None:
        self.text.setEnabled(included)
        self.model.set_note_included(self.index, included)

    def _on_edited(self) -> None:
        self.model.set_note_text(self.index, self.text.toPlainText())

    def highlight(self) -> None:
        note: NoteReview = self.model.notes[self.index]
        selections: list[QTextEdit.ExtraSelection] = []
        for span in note.spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(span.start)
            cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
            char_format = QTextCharFormat()
            role, underline = HIGHLIGHTS[span.kind]
            char_format.setBackground(QColor(getattr(current(), role)))
            char_format.setUnderlineStyle(underline)
            char_format.setToolTip(span.kind.label)
            selection.cursor, selection.format = cursor, char_format  # type: ignore[misc]
            selections.append(selection)
        self.text.setExtraSelections(selections)
        if note.spans:
            words = ", ".join(f"« {s.text_in(note.text)} » ({s.kind.label})" for s in note.spans)
            self.found.setText(tr("Repéré : {words}", words=words))
        else:
            self.found.setText(tr("Rien d'identifiant repéré."))


class CaseSummaryDialog(QDialog):
    def __init__(self, model: CaseSummaryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setWindowTitle(tr("Résumé anonymisé — {reference}", reference=model.reference))
        self.setMinimumSize(640, 560)
        intro = QLabel(
            tr(
                "Ce résumé est destiné à une réunion pluri-partenariale : il ne nomme personne. "
                "Référence du cas : {reference}. Les notes n'y entrent qu'après votre relecture.",
                reference=model.reference,
            ),
            self,
        )
        intro.setWordWrap(True)
        self.question = QLineEdit(self)
        self.question.setPlaceholderText(
            tr("Ex. : quelle solution de garde pour un emploi du matin ?")
        )
        self.question.setText(model.question)
        self.include_sex = QCheckBox(tr("Le sexe est pertinent pour cette situation"), self)
        self.include_sex.setChecked(model.include_sex)
        self.sex = QComboBox(self)
        self.sex.addItem(tr("— préciser —"), "")
        for value, label in SEX_LABELS.items():
            self.sex.addItem(tr(label), value)
        self.sex.setEnabled(model.include_sex)
        form = QFormLayout()
        form.addRow(tr("Question posée au groupe :"), self.question)
        sex_row = QHBoxLayout()
        sex_row.addWidget(self.include_sex)
        sex_row.addWidget(self.sex)
        sex_row.addStretch(1)
        form.addRow(sex_row)

        legend = QLabel(tr(LEGEND), self)
        legend.setWordWrap(True)
        self.notes_box = QWidget(self)
        self.notes_layout = QVBoxLayout(self.notes_box)
        self.notes_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.notes_box)
        self.editors: list[NoteEditor] = []
        self.empty = QLabel(tr("Aucune note libre dans ce dossier."), self)

        self.reason = InlineMessage(self, error=False)
        self.error = InlineMessage(self)
        self.written = InlineMessage(self, error=False)
        self.export_button = QPushButton(tr("Exporter le PDF…"), self)
        self.export_button.setAutoDefault(False)
        close = QPushButton(tr("Fermer"), self)
        close.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(legend)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.written)
        layout.addLayout(buttons)

        self.question.textChanged.connect(model.set_question)
        self.include_sex.toggled.connect(self._on_include_sex)
        self.sex.currentIndexChanged.connect(lambda _: model.set_sex(self.sex.currentData() or ""))
        self.export_button.clicked.connect(self.choose_folder_and_export)
        close.clicked.connect(self.reject)
        model.changed.connect(self._render)
        model.note_spans_changed.connect(lambda index: self.editors[index].highlight())
        self._render()

    def _on_include_sex(self, include: bool) -> None:
        self.sex.setEnabled(include)
        self.model.set_include_sex(include)

    def _render(self) -> None:
        model = self.model
        if len(self.editors) != len(model.notes):
            self._build_editors()
        self.empty.setVisible(not model.loading and not model.notes)
        reason = model.export_blocked_reason
        self.export_button.setEnabled(model.can_export)
        self.export_button.setToolTip(reason)
        self.reason.show_message(reason)
        self.error.show_message(model.error)
        if model.exporting:
            self.written.show_message(tr("Écriture du PDF…"))
        elif model.exported is not None:
            self.written.show_message(tr("Résumé écrit : {path}", path=str(model.exported)))
        else:
            self.written.clear_message()

    def _build_editors(self) -> None:
        for editor in self.editors:
            editor.deleteLater()
        self.editors = []
        for index in range(len(self.model.notes)):
            editor = NoteEditor(self.model, index, self.notes_box)
            self.notes_layout.insertWidget(index, editor)
            self.editors.append(editor)

    def choose_folder_and_export(self) -> None:
        if not self.model.can_export:
            return
        folder = QFileDialog.getExistingDirectory(
            self, tr("Dossier où écrire le résumé {reference}.pdf", reference=self.model.reference)
        )
        if folder:
            self.model.export(Path(folder))


NO_OPEN_CASE = (
    "Aucune revue de situation en cours pour cette personne : proposez d'abord sa situation "
    "en revue (« Proposer en revue de situation… »). Le résumé anonymisé porte la référence "
    "de ce cas."
)


def open_case_summary(
    context: WindowContext, case: CaseLine, parent: QWidget
) -> CaseSummaryDialog | None:
    """The redaction step for this case: its reference, its question, its sex choice."""
    if context.is_locked:
        return None
    model = CaseSummaryModel(context, case)
    dialog = CaseSummaryDialog(model, parent)
    model.setParent(dialog)
    model.load()
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()
    return dialog


def open_latest_case_summary(
    context: WindowContext,
    person_id: uuid.UUID | None,
    parent: QWidget,
    on_none: Callable[[str], None],
) -> bool:
    """The summary of the person's latest open case; ``on_none`` gets the French reason
    when there is none. ``False`` when nothing was started (locked)."""
    from spie_desktop.services.case_presentation import latest_open_case

    if person_id is None or context.is_locked:
        return False

    def found(case: CaseLine | None) -> None:
        if case is None:
            on_none(tr(NO_OPEN_CASE))
        else:
            on_none("")
            open_case_summary(context, case, parent)

    def failed(message: str, _exc: BaseException) -> None:
        on_none(message)

    task = context.query(lambda s: latest_open_case(s, person_id), found, failed, owner=parent)
    return task is not None
