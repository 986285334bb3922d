"""The « Offre locale » section: the services of the catalogue and, beside them, the
territory's entreprises accueillantes — two tabs, each searched as typed, so the counsellor
who looks for a way into a trade finds both the services and whom to call."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from .employers_model import EmployersModel
from .employers_page import EmployersPage
from .i18n import tr
from .offer_model import OfferSearchModel
from .offer_page import OfferPage
from .window_context import WindowContext

#: Alt+S and Alt+N: letters no menu title and no label of either tab claims.
SERVICES_TAB = "&Services"
EMPLOYERS_TAB = "E&ntreprises accueillantes"


class OfferSection(QTabWidget):
    def __init__(self, context: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.offers = OfferPage(OfferSearchModel(context), self)
        self.offers.model.setParent(self.offers)  # read when first shown
        self.employers = EmployersPage(EmployersModel(context), self)
        self.employers.model.setParent(self.employers)  # read when first shown
        self.addTab(self.offers, tr(SERVICES_TAB))
        self.addTab(self.employers, tr(EMPLOYERS_TAB))
        self.currentChanged.connect(self._focus_search)

    def show_employers(self) -> EmployersPage:
        self.setCurrentWidget(self.employers)
        return self.employers

    def _focus_search(self, _index: int) -> None:
        page = self.currentWidget()
        search = getattr(page, "search", None)
        if isinstance(search, QWidget):
            search.setFocus()
