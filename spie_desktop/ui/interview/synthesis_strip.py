"""The shared synthesis below the panes, live: barriers chart, strengths, the person's
project in her words, priorities, suggested objectives, and the autosave indicator.

Folded by default to one line (its title, a count of barriers and priorities, the
indicator), so the panes, the plan and the pads keep the height of a laptop screen; the
title button unfolds it on demand and folds it again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.forms import BarrierWeight, Synthesis

from ..i18n import tr
from .barrier_chart import BarrierChart
from .text_style import make_bold, set_text, set_text_colour

SAVED_COLOUR = "#2f6b45"
FAILED_COLOUR = "#a1261b"
TEXT_MIN_CHARS = 20  # the text column never gets narrower than this many average characters
MAX_OBJECTIVES = 4  # the rest in the tooltip: the strip stays one glance high


class SynthesisStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        # The title and the save indicator share the top line, so the chart and the text
        # get the whole width (the strip fits a 13-inch laptop beside the navigation).
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        top = QHBoxLayout()
        self.toggle = QToolButton(self)
        self.toggle.setAutoRaise(True)
        self.toggle.setCheckable(True)
        make_bold(self.toggle)
        self.toggle.toggled.connect(self.set_expanded)
        top.addWidget(self.toggle)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)  # one line on a laptop; two rather than cut
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top.addWidget(self.summary, 1)
        self.indicator = QLabel(tr("Rien à enregistrer pour l'instant"), self)
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.indicator.setAccessibleName(tr("État de l'enregistrement"))
        top.addWidget(self.indicator)
        layout.addLayout(top)
        self.details = QWidget(self)
        body = self._body = QHBoxLayout(self.details)
        body.setContentsMargins(0, 0, 0, 0)
        self.chart = BarrierChart(self.details)
        body.addWidget(self.chart)  # its preferred width; the text takes the rest
        # The text's own preferred width is ignored (a long line would squeeze the bars):
        # it wraps in what the chart leaves, down to a readable minimum.
        self.text_column = QWidget(self.details)
        self.text_column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        column = QVBoxLayout(self.text_column)
        column.setContentsMargins(0, 0, 0, 0)
        self.strengths = self._line(column)
        self.project = self._line(column)
        self.priorities = self._line(column)
        self.objectives = self._line(column)
        column.addStretch(1)
        self._fit_text_column()
        body.addWidget(self.text_column, 1)
        layout.addWidget(self.details)
        self.set_expanded(False)

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        """Unfold (chart and texts) or fold to the one line."""
        if self.toggle.isChecked() != expanded:
            self.toggle.setChecked(expanded)  # re-enters through ``toggled``
            return
        self.toggle.setText(("▾ " if expanded else "▸ ") + tr("SYNTHÈSE"))
        self.toggle.setToolTip(tr("Replier la synthèse") if expanded else tr("Déplier la synthèse"))
        self.toggle.setAccessibleName(
            tr("Synthèse, dépliée") if expanded else tr("Synthèse, repliée")
        )
        self.details.setVisible(expanded)
        self.summary.setVisible(not expanded)
        self.updateGeometry()

    def _line(self, column: QVBoxLayout) -> QLabel:
        label = QLabel(self.text_column)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(label)
        return label

    def _fit_text_column(self) -> None:
        self.text_column.setMinimumWidth(self.fontMetrics().averageCharWidth() * TEXT_MIN_CHARS)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # presentation mode
            self._fit_text_column()

    def sizeHint(self) -> QSize:  # noqa: N802
        """As wide as the chart and the text at their preferred widths, as high as that needs.

        The layout's own hint ignores the text's width (see above), so it would wrap the text
        into a narrow, needlessly tall column.
        """
        hint = super().sizeHint()
        if not self.hasHeightForWidth() or not self.expanded:
            return hint
        outer = self.contentsMargins()
        inner = self._layout.contentsMargins()
        width = (
            outer.left()
            + outer.right()
            + inner.left()
            + inner.right()
            + self.chart.sizeHint().width()
            + self._body.spacing()
            + self.text_column.sizeHint().width()
        )
        return QSize(width, self.heightForWidth(width))

    def show_synthesis(self, synthesis: Synthesis) -> None:
        self.chart.set_barriers(synthesis.barriers)
        none = tr("—")
        set_text(
            self.strengths, tr("Atouts : {items}", items=" · ".join(synthesis.strengths) or none)
        )
        project = f"« {synthesis.project_text} »" if synthesis.project_text else none
        set_text(self.project, tr("Projet (ses mots) : {words}", words=project))
        ranked = [f"{n}. {label}" for n, label in enumerate(synthesis.priorities, start=1)]
        if synthesis.other_priorities:
            ranked.append(synthesis.other_priorities)
        set_text(self.priorities, tr("Priorités : {items}", items="  ".join(ranked) or none))
        objectives = [o for items in synthesis.suggested_objectives.values() for o in items]
        shown = " · ".join(objectives[:MAX_OBJECTIVES]) or none
        if len(objectives) > MAX_OBJECTIVES:
            shown += tr(" (+{n})", n=len(objectives) - MAX_OBJECTIVES)
        set_text(self.objectives, tr("Objectifs suggérés : {items}", items=shown))
        self.objectives.setToolTip("\n".join(objectives))
        set_text(self.summary, _summary(synthesis, len(objectives)))

    def show_saved(self, time_text: str) -> None:
        set_text_colour(self.indicator, SAVED_COLOUR)
        self.indicator.setText(tr("✓ enregistré à {time}", time=time_text))
        self.indicator.setToolTip("")

    def show_failed(self, message: str) -> None:
        set_text_colour(self.indicator, FAILED_COLOUR)
        self.indicator.setText(tr("⚠ non enregistré — {message}", message=message))
        self.indicator.setToolTip(message)


def _summary(synthesis: Synthesis, objectives: int) -> str:
    """The folded strip's line: how many barriers of each weight, priorities, suggestions."""
    counts = {w: 0 for w in (BarrierWeight.BLOCKING, BarrierWeight.STRONG)}
    for barrier in synthesis.barriers:
        if barrier.weight in counts:
            counts[barrier.weight] += 1
    parts = [
        tr(
            "freins : {b} bloquant(s), {s} fort(s)",
            b=counts[BarrierWeight.BLOCKING],
            s=counts[BarrierWeight.STRONG],
        ),
        tr("{n} priorité(s)", n=len(synthesis.priorities)),
        tr("{n} objectif(s) suggéré(s)", n=objectives),
    ]
    return " · ".join(parts)
