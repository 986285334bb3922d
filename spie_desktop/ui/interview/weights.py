"""How barrier weights are named and coloured on screen (chips, radio rows, the chart)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from spie_desktop.forms import BarrierWeight

from ..i18n import tr

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

# Colour-blind-safe ramp; text labels always accompany the colour.
COLOURS: dict[BarrierWeight, QColor] = {
    BarrierWeight.NONE: QColor("#4d9a6a"),
    BarrierWeight.LIGHT: QColor("#e0b040"),
    BarrierWeight.STRONG: QColor("#d9742b"),
    BarrierWeight.BLOCKING: QColor("#b2322a"),
    BarrierWeight.NOT_DISCUSSED: QColor("#9aa3ad"),
}


def chip_text(weight: BarrierWeight | None) -> str:
    if weight is None:
        return tr("— à évaluer")
    marker = "○" if weight in (BarrierWeight.NONE, BarrierWeight.LIGHT) else "●"
    if weight is BarrierWeight.NOT_DISCUSSED:
        marker = "—"
    return f"{marker} {SHORT_LABELS[weight].lower()}"


def chip_colour(weight: BarrierWeight | None) -> str:
    return COLOURS[weight].name() if weight else "#6b7580"
