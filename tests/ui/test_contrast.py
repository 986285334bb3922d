"""Contrast of the two themes, computed from their colours (WCAG relative luminance): the
palette's text/background pairs and the colours views give alerts, errors, notes, badges
and banners, at 4.5:1 for the everyday theme and 7:1 for the high-contrast one."""

from __future__ import annotations

from dataclasses import fields

import pytest
from PySide6.QtWidgets import QApplication

from spie_desktop.services.sync_status import Badge
from spie_desktop.ui import theme
from spie_desktop.ui.sync.badges import badge_colour, badge_icon, badge_text_colour

from .a11y_checks import HIGH_CONTRAST, MIN_CONTRAST, contrast, palette_contrast_problems

GRAPHIC_CONTRAST = 3.0  # a shape a person needs (WCAG 1.4.11)
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


def _required(kind: str, text_threshold: float) -> float:
    return {theme.TEXT: text_threshold, theme.GRAPHIC: GRAPHIC_CONTRAST}.get(kind, 1.0)


@pytest.mark.parametrize(("chosen", "threshold"), THRESHOLDS, ids=["normal", "high-contrast"])
def test_every_role_of_the_theme_reaches_the_threshold_on_its_background(
    chosen: theme.Theme, threshold: float
) -> None:
    """Each pair of ``theme.PAIRS`` (alerts, errors, notes, banners, badges, charts, the
    plan review's rows, the evaluation window…): words 4.5:1 (7:1 in high contrast), the
    shapes a person needs 3:1, in both themes."""
    low = {
        f"{fg} on {bg}": round(contrast(getattr(chosen, fg), getattr(chosen, bg)), 2)
        for fg, bg, kind in theme.PAIRS
        if contrast(getattr(chosen, fg), getattr(chosen, bg)) < _required(kind, threshold)
    }
    assert low == {}


def test_every_role_of_the_theme_is_checked_against_a_background() -> None:
    """A role added to ``Theme`` without saying what it is drawn on fails here."""
    roles = {field.name for field in fields(theme.Theme)} - {"key"}
    paired = {fg for fg, _, _ in theme.PAIRS} | {bg for _, bg, _ in theme.PAIRS}
    assert roles - paired == set()
    assert paired - roles == set()
    decorative = {fg for fg, _, kind in theme.PAIRS if kind == theme.DECORATIVE}
    assert decorative == {"grid_line", "step_track"}  # guide lines: values said beside


def test_the_colours_kept_whatever_the_theme_reach_the_high_threshold() -> None:
    """The large-print view's two contrasts, and the signature's ink on the pad's paper."""
    for text, background in (theme.LARGE_PRINT_LIGHT, theme.LARGE_PRINT_DARK):
        assert contrast(text, background) >= HIGH_CONTRAST
    for chosen in (theme.NORMAL, theme.HIGH_CONTRAST):
        assert contrast(theme.SIGNATURE_INK, chosen.pad_paper) >= HIGH_CONTRAST


@pytest.mark.parametrize("chosen", [theme.NORMAL, theme.HIGH_CONTRAST], ids=["normal", "hc"])
def test_badge_shapes_differ_and_follow_the_theme(qapp: QApplication, chosen: theme.Theme) -> None:
    """A badge's icon is a shape, not only a colour, drawn in the theme's colour; its words
    in the theme's badge text colour."""
    theme._current[0] = chosen
    try:
        masks = {}
        for badge in Badge:
            image = badge_icon(badge).pixmap(12, 12).toImage()
            masks[badge] = tuple(
                image.pixelColor(x, y).alpha() > 128 for y in range(12) for x in range(12)
            )
            opaque = {
                image.pixelColor(x, y).name()
                for y in range(12)
                for x in range(12)
                if image.pixelColor(x, y).alpha() == 255
            }
            assert badge_colour(badge) in opaque, badge
            assert badge_text_colour(badge) == getattr(chosen, f"badge_{badge.name.lower()}_text")
    finally:
        theme._current[0] = theme.NORMAL
    assert len(set(masks.values())) == len(Badge), "two badges differ by colour alone"


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
