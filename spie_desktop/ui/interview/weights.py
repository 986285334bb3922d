"""How barrier weights are named and coloured on screen (chips, radio rows, the chart)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from spie_desktop.forms import BarrierWeight

from ..i18n import tr
from ..theme import current

#: Short labels for the radio row and the chips (the definition's labels are for print).
SHORT_LABELS: dict[BarrierWeight, str] = {
    BarrierWeight.NONE: tr("Aucun"),
    BarrierWeight.LIGHT: tr("Léger"),
    BarrierWeight.STRONG: tr("Fort"),
    BarrierWeight.BLOCKING: tr("Bloquant"),
    BarrierWeight.NOT_DISCUSSED: tr("Non abordé"),
}

#: Bar length of each weight on the 0–3 scale of the chart (not discussed: no bar, hatched).
SCALE: dict[BarrierWeight, int] = {
    BarrierWeight.NONE: 0,
    BarrierWeight.LIGHT: 1,
    BarrierWeight.STRONG: 2,
    BarrierWeight.BLOCKING: 3,
}


def weight_colour(weight: BarrierWeight) -> QColor:
    """The chart's bar for this weight (its length and the words beside say it too)."""
    return QColor(getattr(current(), f"weight_{weight.name.lower()}"))


def chip_text(weight: BarrierWeight | None) -> str:
    if weight is None:
        return tr("— à évaluer")
    marker = "○" if weight in (BarrierWeight.NONE, BarrierWeight.LIGHT) else "●"
    if weight is BarrierWeight.NOT_DISCUSSED:
        marker = "—"
    return f"{marker} {SHORT_LABELS[weight].lower()}"


def chip_colour(weight: BarrierWeight | None) -> str:
    """The chip's words in the bar's hue, dark enough to read on the window (4.5:1 at least,
    7:1 in high contrast: the chart's yellow gave « léger » 1.9:1 on the window grey)."""
    name = (weight or BarrierWeight.NOT_DISCUSSED).name.lower()
    return str(getattr(current(), f"weight_{name}_text"))
