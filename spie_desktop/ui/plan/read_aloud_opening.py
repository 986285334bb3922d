"""Opening « Lire à voix haute » from the signing step: the plan on screen is worded on the
database lane from a snapshot, then the dialog opens; it closes when the window locks."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from spie_desktop.services.read_aloud import ReadAloudMaterial, read_aloud_material
from spie_desktop.services.speech import SpeechEngine, system_engine

from .read_aloud_dialog import ReadAloudDialog
from .read_aloud_model import ReadAloudModel

if TYPE_CHECKING:
    from spie_desktop.domain.plan import ActionPlan
    from spie_desktop.services.device import Session

    from ..window_context import WindowContext


def open_read_aloud(
    context: WindowContext,
    plan: ActionPlan,
    parent: QWidget,
    on_open: Callable[[ReadAloudDialog], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    make_engine: Callable[[], SpeechEngine] = system_engine,
) -> bool:
    """Word ``plan`` (a snapshot is taken now) and open the read-aloud dialog. ``False`` if
    nothing could be started (the window is locked)."""
    snapshot = copy.deepcopy(plan)

    def read(session: Session) -> ReadAloudMaterial:
        return read_aloud_material(session, snapshot)

    def show(material: ReadAloudMaterial) -> None:
        if context.session is None:
            return
        dialog = ReadAloudDialog(ReadAloudModel(material, make_engine), parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        context.locked.connect(dialog.reject)
        dialog.open()
        if on_open is not None:
            on_open(dialog)

    def failed(message: str, _exc: BaseException) -> None:
        if on_error is not None:
            on_error(message)

    return context.query(read, show, failed, owner=parent) is not None
