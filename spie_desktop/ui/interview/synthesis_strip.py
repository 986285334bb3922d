"""The shared synthesis below the panes, live: barriers chart, strengths, the person's
project in her words, priorities, suggested objectives, and the autosave indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from spie_desktop.forms import Synthesis

from ..i18n import tr
from .barrier_chart import BarrierChart
from .text_style import make_bold, set_text, set_text_colour

SAVED_COLOUR = "#2f6b45"
FAILED_COLOUR = "#a1261b"
MAX_OBJECTIVES = 4  # the rest in the tooltip: the strip stays one glance high


class SynthesisStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QHBoxLayout(self)
        title = QLabel(tr("SYNTHÈSE"), self)
        make_bold(title)
        title.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(title)
        self.chart = BarrierChart(self)
        layout.addWidget(self.chart, 3)
        column = QVBoxLayout()
        self.strengths = self._line(column)
        self.project = self._line(column)
        self.priorities = self._line(column)
        self.objectives = self._line(column)
        column.addStretch(1)
        self.indicator = QLabel(tr("Rien à enregistrer pour l'instant"), self)
        self.indicator.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.indicator.setAccessibleName(tr("État de l'enregistrement"))
        column.addWidget(self.indicator)
        layout.addLayout(column, 2)

    def _line(self, column: QVBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        column.addWidget(label)
        return label

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

    def show_saved(self, time_text: str) -> None:
        set_text_colour(self.indicator, SAVED_COLOUR)
        self.indicator.setText(tr("✓ enregistré à {time}", time=time_text))
        self.indicator.setToolTip("")

    def show_failed(self, message: str) -> None:
        set_text_colour(self.indicator, FAILED_COLOUR)
        self.indicator.setText(tr("⚠ non enregistré — {message}", message=message))
        self.indicator.setToolTip(message)
