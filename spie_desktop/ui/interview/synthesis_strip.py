"""The shared synthesis below the panes, live: barriers chart, strengths, the person's
project in her words, priorities, suggested objectives, and the autosave indicator.

Folded by default to one line (its title, a count of barriers and priorities, the
indicator), so the panes, the plan and the pads keep the height of a laptop screen; the
title button unfolds it on demand and folds it again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spie_desktop.forms import BarrierWeight, Synthesis

from ..i18n import tr
from ..theme import current
from .barrier_chart import BarrierChart
from .text_style import make_bold, set_text, set_text_colour

TEXT_MIN_CHARS = 20  # the text column never gets narrower than this many average characters
MAX_OBJECTIVES = 4  # the rest in the tooltip: the strip stays one glance high


class SynthesisStrip(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Preferred, not Maximum: the workspace's column gives it the height its wrapped text
        # needs at the width it has (the pages above take the rest).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
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
        # Unfolded on a small screen (150 % scaling), the details scroll rather than push the
        # window past the screen's edges.
        self.details_area = QScrollArea(self)
        self.details_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stops on its controls only
        self.details_area.setWidgetResizable(True)
        self.details_area.setFrameShape(QFrame.Shape.NoFrame)
        self.details_area.setWidget(self.details)
        layout.addWidget(self.details_area, 1)
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
        self.details_area.setVisible(expanded)
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

    def _side_by_side_width(self) -> int:
        """The narrowest the strip can be with the text beside the chart."""
        outer, inner = self.contentsMargins(), self._layout.contentsMargins()
        return (
            outer.left()
            + outer.right()
            + inner.left()
            + inner.right()
            + self.chart.minimumSizeHint().width()
            + self._body.spacing()
            + self.text_column.minimumWidth()
        )

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Never what makes the window wider than its screen: the top line only. On a narrow
        window (150 % scaling, larger text) the text goes under the chart, and the details
        scroll if the chart is still too wide."""
        hint = super().minimumSizeHint()
        outer, inner = self.contentsMargins(), self._layout.contentsMargins()
        margins = outer.left() + outer.right() + inner.left() + inner.right()
        top = self._layout.itemAt(0)
        top_width = top.minimumSize().width() if top is not None else 0
        height = hint.height()
        if self.expanded:
            height = self._top_height() + 4 * self.fontMetrics().lineSpacing()
        return QSize(top_width + margins, height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange(event.size().width())
        if self.expanded and event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the wrapped text's height follows the width

    def _arrange(self, width: int) -> None:
        direction = (
            QBoxLayout.Direction.LeftToRight
            if width >= self._side_by_side_width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self._body.direction() != direction:
            self._body.setDirection(direction)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802
        """Folded: one line. Unfolded: as wide as the chart and the text at their preferred
        widths, as high as the details need at the strip's width (no scrolling if there is
        room). The layout's own hint ignores the text's width (see above)."""
        hint = super().sizeHint()
        if not self.expanded:
            return hint
        outer, inner = self.contentsMargins(), self._layout.contentsMargins()
        margins = outer.left() + outer.right() + inner.left() + inner.right()
        width = (
            margins
            + self.chart.sizeHint().width()
            + self._body.spacing()
            + self.text_column.sizeHint().width()
        )
        inner_width = (self.width() if self.width() > 0 else width) - margins
        return QSize(width, self._top_height() + self._details_height(inner_width))

    def _top_height(self) -> int:
        outer, inner = self.contentsMargins(), self._layout.contentsMargins()
        top = self._layout.itemAt(0)
        line = top.sizeHint().height() if top is not None else 0
        margins = outer.top() + outer.bottom() + inner.top() + inner.bottom()
        return margins + line + self._layout.spacing()

    def _details_height(self, width: int) -> int:
        layout = self.details.layout()
        assert layout is not None
        if layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return layout.totalSizeHint().height()

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
        set_text_colour(self.indicator, current().success)
        self.indicator.setText(tr("✓ enregistré à {time}", time=time_text))
        self.indicator.setToolTip("")

    def show_failed(self, message: str) -> None:
        set_text_colour(self.indicator, current().error)
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
