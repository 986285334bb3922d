"""Qt's own French: the words Qt writes itself (file and print dialogs, standard buttons,
context menus of text fields) come from Qt's catalogues, not from :func:`ui.i18n.tr`.

PySide6 ships them (``qtbase_fr.qm`` under ``QLibraryInfo.path(TranslationsPath)``); they
are loaded once, when the application is made, and kept alive by being the application's
children.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

#: The interface is French whatever the system's language (unless English is chosen).
LOCALE = QLocale(QLocale.Language.French, QLocale.Country.France)
#: Qt's own words are English without a catalogue; British English writes dates JJ/MM too.
ENGLISH_LOCALE = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
CATALOGUES = ("qtbase",)


def install_qt_translations(app: QCoreApplication, language: str = "fr") -> list[QTranslator]:
    """Load Qt's French catalogues into ``app``; returns those that were found. For an
    English interface (``language="en"``) Qt keeps its own English: nothing is loaded."""
    if language != "fr":
        QLocale.setDefault(ENGLISH_LOCALE)
        return []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for name in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(LOCALE, name, "_", folder) and app.installTranslator(translator):
            installed.append(translator)
        else:
            log.warning("Qt catalogue %s_fr not found under %s", name, folder)
    QLocale.setDefault(LOCALE)
    return installed
