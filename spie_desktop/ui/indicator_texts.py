"""How the indicators' months, categories and values read on screen (French)."""

from __future__ import annotations

from spie_desktop.services.indicators import french_number
from spie_protocol.indicators.definitions import CATEGORY_LABELS

from .i18n import tr
from .situation_chart import MONTHS_FR


def month_label(month: str) -> str:
    """« 2026-10 » → « oct. 2026 »; "" → « toute la période »."""
    if not month:
        return tr("toute la période")
    year, number = month.split("-")
    return f"{tr(MONTHS_FR[int(number) - 1])} {year}"


def short_month_label(month: str) -> str:
    """« 2026-10 » → « oct. » (the year is said once, under the axis)."""
    return tr(MONTHS_FR[int(month.split("-")[1]) - 1]) if month else tr("période")


def category_label(kind: str, value: str) -> str:
    """A category in words: a theme, an action status, a thématique, a step, a question."""
    if not value:
        return tr("total")
    return tr(CATEGORY_LABELS.get(kind, {}).get(value, value))


def value_text(value: float | None, unit: str, suppressed: bool = False) -> str:
    """« 12 », « 33,3 % », « 3,5 » — « — » when undefined."""
    if suppressed:
        return tr("masqué")
    if value is None:
        return tr("—")
    number = french_number(value)
    return f"{number} %" if unit == "%" else number
