"""How barrier weights are named and coloured on screen (chips, radio rows, the chart)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from spie_desktop.forms import BarrierWeight

from ..i18n import tr
from ..theme import NORMAL, current

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


#: The chip's words in the same hues, dark enough to read on the window (4.5:1 at least:
#: the chart's yellow gave « léger » 1.9:1 on the window grey).
TEXT_COLOURS: dict[BarrierWeight | None, str] = {
    BarrierWeight.NONE: "#2f6b45",
    BarrierWeight.LIGHT: "#735400",
    BarrierWeight.STRONG: "#954813",
    BarrierWeight.BLOCKING: "#a1261b",
    BarrierWeight.NOT_DISCUSSED: "#4f5a66",
    None: "#4f5a66",
}
#: On the high-contrast theme's black: the chart's hues, light ones, at 7:1 at least.
HIGH_CONTRAST_TEXT: dict[BarrierWeight | None, str] = {
    BarrierWeight.NONE: "#7cd69c",
    BarrierWeight.LIGHT: "#e0b040",
    BarrierWeight.STRONG: "#f0a060",
    BarrierWeight.BLOCKING: "#ff9a90",
    BarrierWeight.NOT_DISCUSSED: "#d0d5da",
    None: "#d0d5da",
}


def chip_colour(weight: BarrierWeight | None) -> str:
    table = TEXT_COLOURS if current() is NORMAL else HIGH_CONTRAST_TEXT
    return table[weight]
