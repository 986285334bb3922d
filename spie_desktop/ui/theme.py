"""The application's two themes: the everyday one and a high-contrast one (black, white,
yellow), each a palette whose text/background pairs reach WCAG contrast (4.5:1, and 7:1 for
the high-contrast theme), the colours the views give alerts, errors and banners, and a focus
ring wide and bright enough to be seen from across the table.

The palette applies live; colours a view set at construction (an alert's red) follow the
theme the next time that view is built, hence the « redémarrez » note in the menu.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from .focus_ring import FocusRingStyle

EDGE_ON_BLACK = "#a6a6a6"  # a field's edge on the high-contrast black: 3:1 at least (WCAG 1.4.11)


@dataclass(frozen=True)
class Theme:
    key: str
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    button_text: str
    highlight: str
    highlighted_text: str
    placeholder: str
    link: str
    disabled_text: str
    focus: str  # the focus ring
    alert: str  # alert text (« 168 alertes », an overdue cell) on ``window``/``base``
    error: str  # an error message on ``window``
    note: str  # a secondary note on ``window``
    success: str  # « enregistré » on ``window``
    banner_background: str  # the read-only banner of a closed file
    banner_border: str
    banner_text: str
    muted_text: str  # the parcours' months without news, on ``base``
    planned_text: str  # the parcours' planned check-ins, on ``base``
    accent_text: str  # the interview's link-like words, on ``window``
    warning_background: str  # the plan review's « À vérifier » rows
    warning_border: str
    warning_text: str
    problem_background: str  # the plan review's « À corriger » rows
    problem_border: str
    problem_text: str
    objective_background: str  # an objective's heading in the plan summary, ``text`` on it
    key_background: str  # the recovery key shown at set-up, ``text`` on it
    key_border: str
    chart_primary: str  # the charts' series (bars, lines), on ``window`` and ``base``
    chart_secondary: str
    chart_tertiary: str
    chart_quaternary: str
    grid_line: str  # a chart's guide lines: decorative, the values are written beside
    badge_local: str  # the sync badges' shapes; each shape differs, the words say it too
    badge_pending: str
    badge_sent: str
    badge_error: str
    badge_conflict: str
    badge_local_text: str  # the sync badges' words, on ``window``
    badge_pending_text: str
    badge_sent_text: str
    badge_error_text: str
    badge_conflict_text: str
    weight_none: str  # the diagnostic chart's bars, by weight (their length says it too)
    weight_light: str
    weight_strong: str
    weight_blocking: str
    weight_not_discussed: str
    weight_none_text: str  # « ○ léger », « ● bloquant »: the weight's words, on ``window``
    weight_light_text: str
    weight_strong_text: str
    weight_blocking_text: str
    weight_not_discussed_text: str
    meter_very_weak: str  # the passphrase strength bar, on ``base`` (the words say it too)
    meter_weak: str
    meter_fair: str
    meter_good: str
    meter_strong: str
    step_track: str  # the interview's progress bar
    step_done: str
    pad_paper: str  # the signature pad: paper as printed, whatever the theme
    pad_disabled_paper: str
    pad_hint: str
    pad_baseline: str
    pad_border: str
    redact_name: str  # a name to take out of a case summary (background, ``text`` on it)
    redact_contact: str  # a phone, an e-mail, a birth date
    redact_date: str  # a date or a place
    evaluation_window: str  # the person's evaluation window
    evaluation_button: str
    evaluation_button_border: str
    evaluation_chosen: str  # the chosen answer's border and the focus
    evaluation_chosen_background: str
    face_ink: str  # the evaluation faces' lines, on each face's fill
    face_1: str
    face_2: str
    face_3: str
    face_4: str


NORMAL = Theme(
    key="normal",
    window="#efefef",
    window_text="#000000",
    base="#ffffff",
    alternate_base="#f5f5f5",
    text="#000000",
    button="#efefef",
    button_text="#000000",
    highlight="#1d5c9e",  # white on it 6.9:1 (Fusion's #308cc6 gives 3.6:1)
    highlighted_text="#ffffff",
    placeholder="#5f6368",  # 6.0:1 on white (Fusion's half-transparent black gives 3.9:1)
    link="#1f4e8c",
    disabled_text="#6b6b6b",
    focus="#1d5c9e",
    alert="#9b1c1c",
    error="#a1261b",
    note="#3b4a5a",
    success="#2f6b45",
    banner_background="#fff4d6",
    banner_border="#9a7400",
    banner_text="#000000",
    muted_text="#5b6673",
    planned_text="#1d4ed8",
    accent_text="#1d4f91",
    warning_background="#fff4c2",
    warning_border="#8a6a00",
    warning_text="#4a3b00",
    problem_background="#fbe4e1",
    problem_border="#a1261b",
    problem_text="#7a1a12",
    objective_background="#e8eef6",
    key_background="#fafaf5",
    key_border="#767676",
    chart_primary="#1d4ed8",
    chart_secondary="#a04a08",
    chart_tertiary="#137333",
    chart_quaternary="#7c3aed",
    grid_line="#d5dae0",
    badge_local="#6b7785",
    badge_pending="#9a6700",
    badge_sent="#2f8f46",
    badge_error="#a1261b",
    badge_conflict="#7b3fa0",
    badge_local_text="#4f5a66",
    badge_pending_text="#7a4f00",
    badge_sent_text="#2f6b45",
    badge_error_text="#a1261b",
    badge_conflict_text="#6b2f8f",
    weight_none="#3d7f56",
    weight_light="#8a6a00",
    weight_strong="#b0561c",
    weight_blocking="#b2322a",
    weight_not_discussed="#6b7785",
    weight_none_text="#2f6b45",
    weight_light_text="#735400",
    weight_strong_text="#954813",
    weight_blocking_text="#a1261b",
    weight_not_discussed_text="#4f5a66",
    meter_very_weak="#a1261b",
    meter_weak="#b35c00",
    meter_fair="#6b6b00",
    meter_good="#2f6f2f",
    meter_strong="#1d5c1d",
    step_track="#d5dae0",
    step_done="#2f6b45",
    pad_paper="#ffffff",
    pad_disabled_paper="#f1f3f5",
    pad_hint="#5f6b79",
    pad_baseline="#8a96a6",
    pad_border="#767f8a",
    redact_name="#f4a6a6",
    redact_contact="#f7c58b",
    redact_date="#fbe7a1",
    evaluation_window="#fbfaf7",
    evaluation_button="#ffffff",
    evaluation_button_border="#6b7785",
    evaluation_chosen="#1565c0",
    evaluation_chosen_background="#dceafb",
    face_ink="#1f2a30",
    face_1="#f4c7c3",
    face_2="#fbe3c0",
    face_3="#d9edc6",
    face_4="#bfe3c0",
)

HIGH_CONTRAST = Theme(
    key="high-contrast",
    window="#000000",
    window_text="#ffffff",
    base="#000000",
    alternate_base="#1a1a1a",
    text="#ffffff",
    button="#000000",
    button_text="#ffffff",
    highlight="#ffff00",
    highlighted_text="#000000",
    placeholder="#d9d9d9",
    link="#ffff00",
    disabled_text="#b3b3b3",
    focus="#ffff00",
    alert="#ffff00",
    error="#ffff00",
    note="#ffffff",
    success="#7cfc7c",
    banner_background="#000000",
    banner_border="#ffff00",
    banner_text="#ffffff",
    muted_text="#d9d9d9",
    planned_text="#8ab4ff",
    accent_text="#ffff00",
    warning_background="#000000",
    warning_border="#ffff00",
    warning_text="#ffffff",
    problem_background="#000000",
    problem_border="#ffff00",
    problem_text="#ffff00",
    objective_background="#1a1a1a",
    key_background="#000000",
    key_border="#ffffff",
    chart_primary="#8ab4ff",
    chart_secondary="#ffb060",
    chart_tertiary="#7cd69c",
    chart_quaternary="#d0a0ff",
    grid_line="#808080",
    badge_local="#d0d5da",
    badge_pending="#ffb060",
    badge_sent="#7cd69c",
    badge_error="#ff9a90",
    badge_conflict="#d0a0ff",
    badge_local_text="#ffffff",
    badge_pending_text="#ffffff",
    badge_sent_text="#ffffff",
    badge_error_text="#ffffff",
    badge_conflict_text="#ffffff",
    weight_none="#7cd69c",
    weight_light="#e0b040",
    weight_strong="#f0a060",
    weight_blocking="#ff9a90",
    weight_not_discussed="#d0d5da",
    weight_none_text="#7cd69c",
    weight_light_text="#e0b040",
    weight_strong_text="#f0a060",
    weight_blocking_text="#ff9a90",
    weight_not_discussed_text="#d0d5da",
    meter_very_weak="#ff9a90",
    meter_weak="#f0a060",
    meter_fair="#ffff00",
    meter_good="#7cd69c",
    meter_strong="#7cfc7c",
    step_track="#595959",
    step_done="#ffff00",
    pad_paper="#ffffff",
    pad_disabled_paper="#d9d9d9",
    pad_hint="#000000",
    pad_baseline="#595959",
    pad_border="#ffffff",
    redact_name="#7a0000",
    redact_contact="#5c3d00",
    redact_date="#3d3d00",
    evaluation_window="#000000",
    evaluation_button="#000000",
    evaluation_button_border="#ffffff",
    evaluation_chosen="#ffff00",
    evaluation_chosen_background="#333300",
    face_ink="#000000",
    face_1="#f4c7c3",
    face_2="#fbe3c0",
    face_3="#d9edc6",
    face_4="#bfe3c0",
)

TEXT = "text"  # words: 4.5:1, 7:1 in the high-contrast theme (WCAG 1.4.3, 1.4.6)
GRAPHIC = "graphic"  # a shape a person needs (a bar, an icon, an edge): 3:1 (WCAG 1.4.11)
DECORATIVE = "decorative"  # a guide line whose values are written beside: no threshold
#: What each colour is drawn on: (foreground, background, kind). Every role of ``Theme``
#: appears here, as one or the other, and the contrast test checks every pair in both themes.
PAIRS: tuple[tuple[str, str, str], ...] = (
    *((fg, bg, TEXT) for bg in ("window", "base") for fg in ("window_text", "text", "alert")),
    *((fg, bg, TEXT) for bg in ("window", "base") for fg in ("error", "note", "success", "link")),
    ("button_text", "button", TEXT),
    ("highlighted_text", "highlight", TEXT),
    ("placeholder", "base", TEXT),
    ("text", "alternate_base", TEXT),
    ("disabled_text", "window", GRAPHIC),  # WCAG asks nothing of a disabled control: 3:1 here
    ("focus", "window", GRAPHIC),
    ("focus", "base", GRAPHIC),
    ("banner_text", "banner_background", TEXT),
    ("banner_border", "window", GRAPHIC),
    ("muted_text", "base", TEXT),
    ("planned_text", "base", TEXT),
    ("accent_text", "window", TEXT),
    ("warning_text", "warning_background", TEXT),
    ("warning_border", "window", GRAPHIC),
    ("problem_text", "problem_background", TEXT),
    ("problem_border", "window", GRAPHIC),
    ("text", "objective_background", TEXT),
    ("text", "key_background", TEXT),
    ("key_border", "window", GRAPHIC),
    *(
        (f"chart_{series}", ground, GRAPHIC)
        for series in ("primary", "secondary", "tertiary", "quaternary")
        for ground in ("window", "base")
    ),
    ("grid_line", "base", DECORATIVE),
    *(
        (f"badge_{badge}{part}", "window", kind)
        for badge in ("local", "pending", "sent", "error", "conflict")
        for part, kind in (("", GRAPHIC), ("_text", TEXT))
    ),
    *(
        (f"weight_{weight}{part}", "window", kind)
        for weight in ("none", "light", "strong", "blocking", "not_discussed")
        for part, kind in (("", GRAPHIC), ("_text", TEXT))
    ),
    *(
        (f"meter_{level}", "base", GRAPHIC)
        for level in ("very_weak", "weak", "fair", "good", "strong")
    ),
    ("step_track", "window", DECORATIVE),  # the done part stands out on it, and says it
    ("step_done", "step_track", GRAPHIC),
    ("step_done", "window", GRAPHIC),
    ("pad_hint", "pad_paper", TEXT),
    ("pad_hint", "pad_disabled_paper", TEXT),
    ("pad_baseline", "pad_paper", GRAPHIC),
    ("pad_border", "window", GRAPHIC),
    *((fg, f"redact_{kind}", TEXT) for fg in ("text",) for kind in ("name", "contact", "date")),
    ("window_text", "evaluation_window", TEXT),
    ("window_text", "evaluation_button", TEXT),
    ("window_text", "evaluation_chosen_background", TEXT),
    ("evaluation_button_border", "evaluation_window", GRAPHIC),
    ("evaluation_chosen", "evaluation_window", GRAPHIC),
    ("evaluation_chosen", "evaluation_button", GRAPHIC),
    *(("face_ink", f"face_{value}", GRAPHIC) for value in range(1, 5)),
)
#: Colours kept whatever the theme: the large-print view's own two contrasts (text,
#: background), chosen on the view, and the signature's ink, printed as drawn.
LARGE_PRINT_LIGHT = ("#000000", "#ffffff")
LARGE_PRINT_DARK = ("#ffffff", "#000000")
SIGNATURE_INK = "#1a237e"

THEMES = {theme.key: theme for theme in (NORMAL, HIGH_CONTRAST)}
_current: list[Theme] = [NORMAL]


def current() -> Theme:
    """The theme views build their own colours from."""
    return _current[0]


def palette_of(theme: Theme) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: theme.window,
        QPalette.ColorRole.WindowText: theme.window_text,
        QPalette.ColorRole.Base: theme.base,
        QPalette.ColorRole.AlternateBase: theme.alternate_base,
        QPalette.ColorRole.Text: theme.text,
        QPalette.ColorRole.Button: theme.button,
        QPalette.ColorRole.ButtonText: theme.button_text,
        QPalette.ColorRole.BrightText: theme.window_text,
        QPalette.ColorRole.Highlight: theme.highlight,
        QPalette.ColorRole.HighlightedText: theme.highlighted_text,
        QPalette.ColorRole.PlaceholderText: theme.placeholder,
        QPalette.ColorRole.ToolTipBase: theme.base,
        QPalette.ColorRole.ToolTipText: theme.text,
        QPalette.ColorRole.Link: theme.link,
        QPalette.ColorRole.LinkVisited: theme.link,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.disabled_text))
    if theme is HIGH_CONTRAST:  # frames and separators drawn from these: visible on black
        for role in (QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow):
            palette.setColor(role, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Light, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Midlight, QColor("#808080"))
    return palette


def _edge_on_black() -> str | None:
    return EDGE_ON_BLACK if current() is HIGH_CONTRAST else None


def apply_theme(app: QApplication, theme: Theme) -> None:
    """The theme for every window from now on; the palette changes at once in open ones."""
    _current[0] = theme
    if not isinstance(app.style(), FocusRingStyle):
        app.setStyle(FocusRingStyle("Fusion", lambda: current().focus, _edge_on_black))
    app.setPalette(palette_of(theme))
