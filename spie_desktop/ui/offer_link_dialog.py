"""« Lier une offre »: the offer search, pre-filtered by the action's theme, in a dialog
that gives back the offer chosen."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from spie_desktop.domain.offer_themes import thematiques_for
from spie_desktop.domain.offers import OfferResult

from .i18n import tr
from .offer_model import OfferSearchModel
from .offer_page import OfferPage
from .window_context import WindowContext


class OfferLinkDialog(QDialog):
    def __init__(
        self,
        context: WindowContext,
        theme: str,
        person_id: uuid.UUID | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Lier une offre à l'action"))
        self.chosen: OfferResult | None = None
        model = OfferSearchModel(
            context, self, person_id=person_id, thematiques=thematiques_for(theme)
        )
        self.page = OfferPage(model, self, picking=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.page.picked.connect(self._picked)
        self.resize(1100, 620)

    def _picked(self, result: OfferResult) -> None:
        self.chosen = result
        self.accept()
