"""The review before signing: the plan in large type, as the PDF words it, for the person to
read; above it what deserves a second look (yellow) or must be fixed (red), each with a way
back to the plan; under it "Nous avons relu le plan ensemble", which opens the pads.

Layout only; :class:`ReviewModel` reads the review and says whether the pads may be shown.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.domain.plan_problems import PlanProblem
from spie_desktop.services.plans import PlanReading

from ..feedback import InlineMessage
from ..i18n import tr, tr_said
from ..theme import current
from .emphasis import bold
from .review_model import ReviewModel

#: The person reads the summary: never smaller than this, larger if the window's text is.
READING_POINT_SIZE = 14.0
READING_SCALE = 1.3


class ProblemRow(QFrame):
    """One warning or error, and the button back to the plan to fix it."""

    def __init__(self, problem: PlanProblem, error: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        self.error = error
        # The theme's colours through the palette, not a style sheet, so that the rows still
        # follow presentation mode's larger font.
        kind = "problem" if error else "warning"
        background, border, text = (
            getattr(current(), f"{kind}_{part}") for part in ("background", "border", "text")
        )
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(border))
        self.setPalette(palette)
        prefix = tr("À corriger :") if error else tr("À vérifier :")
        self.label = QLabel(f"{prefix} {tr_said(problem.said)}", self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        label_palette = self.label.palette()
        label_palette.setColor(QPalette.ColorRole.WindowText, QColor(text))
        self.label.setPalette(label_palette)
        self.fix_button = QPushButton(tr("Corriger dans le plan"), self)
        self.fix_button.setAutoDefault(False)
        self.fix_button.setAccessibleName(
            tr("Corriger dans le plan : {message}", message=tr_said(problem.said))
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        column.addWidget(self.label)
        column.addWidget(self.fix_button, 0, Qt.AlignmentFlag.AlignRight)


class ReviewPage(QWidget):
    def __init__(self, model: ReviewModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.problem_rows: list[ProblemRow] = []
        intro = QLabel(
            tr(
                "Relisez le plan avec la personne, tel qu'il sera imprimé et signé ; corrigez "
                "ce qui doit l'être, puis passez aux signatures."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.message = InlineMessage(self)

        self.problems_host = QWidget(self)
        self.problems_layout = QVBoxLayout(self.problems_host)
        self.problems_layout.setContentsMargins(0, 0, 4, 0)
        self.problems_layout.setSpacing(6)
        self.problems_title = QLabel(tr("Avant de signer"), self)
        bold(self.problems_title)
        problems = QScrollArea(self)
        problems.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops on its controls only
        problems.setWidgetResizable(True)
        problems.setFrameShape(QFrame.Shape.NoFrame)
        problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        problems.setWidget(self.problems_host)
        self.problems_area = problems

        self.summary = QTextBrowser(self)
        self.summary.setOpenLinks(False)
        self.summary.setAccessibleName(tr("Le plan, tel qu'il sera imprimé"))

        self.blocked = InlineMessage(self)
        self.pass_button = QPushButton(
            tr("Nous avons &relu le plan ensemble — passer aux signatures →"), self
        )
        self.pass_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.blocked, 1)
        bottom.addWidget(self.pass_button, 0, Qt.AlignmentFlag.AlignTop)

        # The plan on the left, for the person; what to check on the right, for the
        # counsellors: the plan keeps the page's height.
        self.problems_column = QWidget(self)
        side = QVBoxLayout(self.problems_column)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.problems_title)
        side.addWidget(problems, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.summary, 3)
        middle.addWidget(self.problems_column, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.message)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

        self.pass_button.clicked.connect(model.pass_review)
        model.ready.connect(self.refresh)
        model.failed.connect(self.message.show_message)
        model.invalidated.connect(self._invalidated)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._reading_font()
        if not self.model.current and not self.model.loading:
            self.model.load()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode: larger still
            self._reading_font()

    def _invalidated(self) -> None:
        self.refresh()
        if self.isVisible() and not self.model.loading:
            self.model.load()

    def refresh(self) -> None:
        review, reading = self.model.review, self.model.reading
        current = self.model.current
        self.message.clear_message()
        self._show_problems(review.errors if review and current else (), error=True)
        for problem in review.warnings if review and current else ():
            self._add_problem(problem, error=False)
        self.problems_column.setVisible(bool(self.problem_rows))
        self.problems_layout.addStretch(1)
        if reading is not None and current:
            self.summary.setHtml(reading_html(reading))
        elif not current:
            self.summary.setPlainText(tr("Lecture du plan…"))
        self.pass_button.setEnabled(self.model.can_pass)
        self.blocked.show_message(
            tr("Le plan ne peut pas être signé tant que les points en rouge ne sont pas corrigés.")
            if current and review is not None and not review.can_sign
            else ""
        )

    def _show_problems(self, problems: tuple[PlanProblem, ...], *, error: bool) -> None:
        while self.problems_layout.count():
            item = self.problems_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.problem_rows = []
        for problem in problems:
            self._add_problem(problem, error=error)

    def _add_problem(self, problem: PlanProblem, *, error: bool) -> None:
        row = ProblemRow(problem, error, self.problems_host)
        row.fix_button.clicked.connect(lambda _c=False, p=problem: self.model.request_fix(p))
        self.problems_layout.addWidget(row)
        self.problem_rows.append(row)

    def _reading_font(self) -> None:
        """Large type for the person: at least 14 pt, more if the workspace's text is large
        (presentation mode)."""
        base = self.font().pointSizeF()
        font = QFont(self.summary.font())
        font.setPointSizeF(max(READING_POINT_SIZE, base * READING_SCALE))
        self.summary.setFont(font)
        self.summary.document().setDefaultFont(font)

    # -- for tests and for the person reading -----------------------------------------------------

    def summary_text(self) -> str:
        return self.summary.toPlainText()

    def warnings(self) -> list[str]:
        return [tr_said(r.problem.said) for r in self.problem_rows if not r.error]

    def errors(self) -> list[str]:
        return [tr_said(r.problem.said) for r in self.problem_rows if r.error]


def reading_html(reading: PlanReading) -> str:
    """The plan summary as rich text: the PDF's words and order, in a table per objective."""
    parts = [f"<h3>{escape(reading.title)}</h3>", f"<h4>{escape(reading.objectives_heading)}</h4>"]
    if not reading.objectives:
        parts.append(f"<p>{escape(reading.no_objective)}</p>")
    for objective in reading.objectives:
        parts.append(
            f'<p style="background-color:{current().objective_background}; margin-top:12px;">'
            f"<b>{escape(objective.heading)}</b></p>"
        )
        if not objective.actions:
            parts.append(f"<p>{escape(reading.no_action)}</p>")
            continue
        head = "".join(f"<th align='left'>{escape(c)}</th>" for c in reading.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in action) + "</tr>"
            for action in objective.actions
        )
        parts.append(
            "<table width='100%' cellspacing='0' cellpadding='4' border='0'>"
            f"<tr>{head}</tr>{rows}</table>"
        )
    if reading.next_review:
        parts.append(f"<p style='margin-top:12px;'><b>{escape(reading.next_review)}</b></p>")
    parts.append(f"<h4>{escape(reading.commitments_heading)}</h4>")
    parts.extend(f"<p>{escape(line)}</p>" for line in reading.commitments)
    return "".join(parts)
