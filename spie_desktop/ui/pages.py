"""The sections of the main window's navigation: each registers a title and a factory.

Only sections with real content are listed. A later issue adds its own in one line here
(for instance ``PageSpec(tr("Point de situation"), situation_page)``); the main window builds
every listed section with the shared :class:`WindowContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

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


def default_pages() -> list[PageSpec]:
    return [
        PageSpec(tr("Personnes"), people_page),
    ]
