"""Contrast of the two themes, computed from their colours (WCAG relative luminance): the
palette's text/background pairs and the colours views give alerts, errors, notes, badges
and banners, at 4.5:1 for the everyday theme and 7:1 for the high-contrast one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from spie_desktop.services.sync_status import Badge
from spie_desktop.ui import theme
from spie_desktop.ui.sync.badges import COLOURS, TEXT_COLOURS, badge_icon

from .a11y_checks import HIGH_CONTRAST, MIN_CONTRAST, contrast, palette_contrast_problems

THRESHOLDS = [(theme.NORMAL, MIN_CONTRAST), (theme.HIGH_CONTRAST, HIGH_CONTRAST)]


def test_the_formula_gives_the_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffff00", "#000000") == pytest.approx(19.56, abs=0.01)


@pytest.mark.parametrize(("chosen", "threshold"), THRESHOLDS, ids=["normal", "high-contrast"])
def test_the_palette_pairs_reach_the_threshold(
    qapp: QApplication, chosen: theme.Theme, threshold: float
) -> None:
    assert palette_contrast_problems(theme.palette_of(chosen), threshold) == []


def test_the_platform_palette_alone_does_not() -> None:
    """Why the app sets its own palette: Fusion's highlight and placeholder are too pale."""
    from PySide6.QtWidgets import QStyleFactory

    fusion = QStyleFactory.create("Fusion")
    assert fusion is not None
    assert palette_contrast_problems(fusion.standardPalette(), MIN_CONTRAST) != []


@pytest.mark.parametrize(("chosen", "threshold"), THRESHOLDS, ids=["normal", "high-contrast"])
def test_alerts_errors_notes_and_banners_reach_the_threshold(
    chosen: theme.Theme, threshold: float
) -> None:
    pairs = {
        f"{name} on {ground}": (getattr(chosen, name), getattr(chosen, ground))
        for name in ("alert", "error", "note", "success", "link", "window_text")
        for ground in ("window", "base")
    }
    pairs["banner"] = (chosen.banner_text, chosen.banner_background)
    low = {
        name: round(contrast(text, ground), 2)
        for name, (text, ground) in pairs.items()
        if contrast(text, ground) < threshold
    }
    assert low == {}


def test_badge_words_are_readable_and_their_shapes_differ() -> None:
    """A badge's words pass 4.5:1 on the window; its icon is a shape, not only a colour."""
    low = {
        badge.name: round(contrast(TEXT_COLOURS[badge], theme.NORMAL.window), 2)
        for badge in Badge
        if contrast(TEXT_COLOURS[badge], theme.NORMAL.window) < MIN_CONTRAST
    }
    assert low == {}
    masks = {}
    for badge in Badge:
        image = badge_icon(badge).pixmap(12, 12).toImage()
        masks[badge] = tuple(
            image.pixelColor(x, y).alpha() > 128 for y in range(12) for x in range(12)
        )
    assert len(set(masks.values())) == len(Badge), "two badges differ by colour alone"
    assert set(COLOURS) == set(Badge)


@pytest.mark.parametrize(("chosen", "threshold"), THRESHOLDS, ids=["normal", "high-contrast"])
def test_the_barrier_weight_words_are_readable(
    qapp: QApplication, chosen: theme.Theme, threshold: float
) -> None:
    """« ○ léger », « — à évaluer » beside each theme of the diagnostic."""
    from spie_desktop.forms import BarrierWeight
    from spie_desktop.ui.interview.weights import chip_colour

    theme._current[0] = chosen
    try:
        low = {
            str(weight): round(contrast(chip_colour(weight), chosen.window), 2)
            for weight in [*BarrierWeight, None]
            if contrast(chip_colour(weight), chosen.window) < threshold
        }
    finally:
        theme._current[0] = theme.NORMAL
    assert low == {}


def test_fields_and_the_focus_ring_stand_out_on_their_window() -> None:
    """Non-text contrast (WCAG 1.4.11, 3:1): a field's edge on the high-contrast black,
    and the focus ring on either window."""
    assert contrast(theme.EDGE_ON_BLACK, theme.HIGH_CONTRAST.window) >= 3.0
    for chosen in (theme.NORMAL, theme.HIGH_CONTRAST):
        assert contrast(chosen.focus, chosen.window) >= 3.0
        assert contrast(chosen.focus, chosen.base) >= 3.0


@pytest.mark.parametrize(("chosen", "threshold"), THRESHOLDS, ids=["normal", "high-contrast"])
def test_the_trend_lines_differ_by_shape_and_stand_out(
    qapp: QApplication, chosen: theme.Theme, threshold: float
) -> None:
    """The point de situation's two monthly lines: one dashed, and 3:1 at least on the
    window (graphics, WCAG 1.4.11) — on black, the everyday blue gave 2.6:1."""
    from PySide6.QtCore import Qt

    from spie_desktop.ui.situation_chart import series_pens

    theme._current[0] = chosen
    try:
        oriented, in_work = series_pens()
    finally:
        theme._current[0] = theme.NORMAL
    assert {oriented.style(), in_work.style()} == {Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine}
    for pen in (oriented, in_work):
        assert contrast(pen.color(), chosen.window) >= 3.0, pen.color().name()
