"""The « Immersion (PMSMP)… » button of a plan action: shown while the action's label says it
is an immersion, it opens the convention (:mod:`.immersion_dialog`)."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from spie_desktop.domain.immersion import is_immersion_action

from .i18n import tr
from .immersion_dialog import open_immersion_dialog
from .window_context import WindowContext

#: No Alt+letter: every letter of it is taken in the plan editor (« &Modifier le plan »,
#: « Act&ion »…); the button follows the action's fields in the Tab order.
BUTTON_TEXT = "Immersion (PMSMP)…"


def immersion_button(
    context: WindowContext,
    person_id: uuid.UUID,
    action_id: uuid.UUID,
    label: str,
    parent: QWidget,
    row: QBoxLayout,
) -> QPushButton:
    """The action's « Immersion (PMSMP)… » button, put in ``row``: shown while the action's
    label says it is an immersion (``parent.label.text_edited`` follows edits)."""
    button = QPushButton(tr(BUTTON_TEXT), parent)
    button.setAutoDefault(False)
    button.setVisible(is_immersion_action(label))
    row.addWidget(button)
    edited = getattr(getattr(parent, "label", None), "text_edited", None)
    if edited is not None:
        edited.connect(lambda text: button.setVisible(is_immersion_action(text)))
    button.clicked.connect(
        lambda: open_immersion_dialog(context, person_id, action_id, button.window())
    )
    return button
