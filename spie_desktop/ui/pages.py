"""The sections of the main window's navigation: each registers a title and a factory.

Only sections with real content are listed. A later issue adds its own in one line here
(for instance ``PageSpec(tr("Point de situation"), situation_page)``); the main window builds
every listed section with the shared :class:`WindowContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QListWidget, QStackedWidget, QWidget

from .i18n import tr
from .window_context import WindowContext

PageFactory = Callable[[WindowContext, QWidget], QWidget]


@dataclass(frozen=True)
class PageSpec:
    title: str
    factory: PageFactory


def people_page(context: WindowContext, parent: QWidget) -> QWidget:
    from .people_section import PeopleSection

    return PeopleSection(context, parent)


def sync_page(context: WindowContext, parent: QWidget) -> QWidget:
    from .sync.sync_section import SyncSection

    return SyncSection(context, parent)


def situation_page(context: WindowContext, parent: QWidget) -> QWidget:
    from .situation_model import SituationModel
    from .situation_page import SituationPage

    page = SituationPage(SituationModel(context), parent)
    page.model.setParent(page)  # read when first shown
    return page


def case_reviews_page(context: WindowContext, parent: QWidget) -> QWidget:
    from .case_reviews_model import CaseReviewsModel
    from .case_reviews_page import CaseReviewsPage

    page = CaseReviewsPage(CaseReviewsModel(context), parent)
    page.model.setParent(page)  # read when first shown
    return page


def offers_page(context: WindowContext, parent: QWidget) -> QWidget:
    from .offer_section import OfferSection

    return OfferSection(context, parent)


def indicators_page(context: WindowContext, parent: QWidget) -> QWidget:
    from datetime import UTC, datetime

    from spie_desktop.domain.local_calendar import local_day

    from .indicators_model import IndicatorsModel
    from .indicators_page import IndicatorsPage

    session = context.session
    timezone = session.territory.timezone if session is not None else "UTC"
    page = IndicatorsPage(IndicatorsModel(context, local_day(datetime.now(UTC), timezone)), parent)
    page.model.setParent(page)  # read when first shown
    return page


def default_pages() -> list[PageSpec]:
    return [
        PageSpec(tr("Personnes"), people_page),
        PageSpec(tr("Point de situation"), situation_page),
        # « Revues »: the navigation is as wide as its longest title, and « Revues de
        # situation » would take from the interview workspace at 150 % scaling.
        PageSpec(tr("Revues"), case_reviews_page),
        PageSpec(tr("Offre locale"), offers_page),
        PageSpec(tr("Indicateurs"), indicators_page),
        PageSpec(tr("Synchronisation"), sync_page),
    ]


def follow_titles(navigation: QListWidget, pages: QStackedWidget) -> None:
    """A page with a ``title_changed(str)`` signal renames its navigation entry
    (« Synchronisation (3) »)."""
    for index in range(pages.count()):
        signal = getattr(pages.widget(index), "title_changed", None)
        item = navigation.item(index)
        if signal is not None and item is not None:
            signal.connect(item.setText)
            page = pages.widget(index)
            current = getattr(page, "current_title", None)
            if callable(current):
                item.setText(current())
