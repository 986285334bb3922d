"""Opening the large-print view of a plan: worded on the database lane from a snapshot of
the plan on screen, shown on the counsellor's screen or, when the computer has another one,
full screen there if the counsellor says so. The view closes when the window locks."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMessageBox, QWidget

from spie_desktop.services.large_print import LargePrintPlan, large_print

from ..i18n import tr
from .large_print_view import LargePrintView

if TYPE_CHECKING:
    from spie_desktop.domain.plan import ActionPlan
    from spie_desktop.services.device import Session

    from ..window_context import WindowContext


def person_screen(screens: Sequence[QScreen], counsellor: QScreen | None) -> QScreen | None:
    """Another screen than the counsellor's, for the person; ``None`` with a single one."""
    others = [screen for screen in screens if screen is not counsellor]
    return others[0] if len(screens) > 1 and others else None


def ask_second_screen(parent: QWidget, screen: QScreen) -> bool:
    answer = QMessageBox.question(
        parent,
        tr("Gros caractères"),
        tr(
            "Un autre écran est branché ({name}). Y montrer le plan en plein écran, "
            "face à la personne ?",
            name=screen.name(),
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_large_print(
    plan: LargePrintPlan,
    parent: QWidget,
    ask: Callable[[QWidget, QScreen], bool] = ask_second_screen,
) -> LargePrintView:
    """The view of ``plan``, on the person's screen full screen if there is one and the
    counsellor agrees, else maximised beside the application."""
    view = LargePrintView(plan, parent)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window = parent.window()
    other = person_screen(QGuiApplication.screens(), window.screen() if window else None)
    if other is not None and ask(parent, other):
        view.setScreen(other)
        view.setGeometry(other.geometry())
        view.showFullScreen()
    else:
        view.showMaximized()
    view.activateWindow()
    view.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
    return view


def open_large_print(
    context: WindowContext,
    plan: ActionPlan,
    parent: QWidget,
    on_open: Callable[[LargePrintView], None] | None = None,
    on_error: Callable[[str], None] | None = None,
) -> bool:
    """Word ``plan`` (a snapshot is taken now) and show it in large print. ``False`` if
    nothing could be started (the window is locked)."""
    snapshot = copy.deepcopy(plan)

    def read(session: Session) -> LargePrintPlan:
        return large_print(session, snapshot)

    def show(result: LargePrintPlan) -> None:
        if context.session is None:
            return
        view = show_large_print(result, parent)
        context.locked.connect(view.close)
        if on_open is not None:
            on_open(view)

    def failed(message: str, _exc: BaseException) -> None:
        if on_error is not None:
            on_error(message)

    return context.query(read, show, failed, owner=parent) is not None
