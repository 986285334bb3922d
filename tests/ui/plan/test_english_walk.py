"""With the interface in English, no French is left on screen: the walk goes through the main
window's sections (people list with its sync badges, a person's file with the parcours
timeline and its alerts, the point de situation, the sync section after a sync), a dialog
refusing a value, and the review before signing with the plan's problems — and fails on any
fixed wording still in French. Person data (names, labels typed by the counsellor) is set
aside; everything else must read in English.

French is recognised two ways, so that a sentence the catalogue tools do not know of is
caught too: a sentence that is a French source of the interface (``tr`` or ``say``) shown
as written while its English differs, or a text with French words or letters."""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterable, Iterator
from datetime import timedelta
from pathlib import Path
from string import Formatter

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from spie_desktop.domain.events import FollowUpKind
from spie_desktop.domain.interface_texts import english_catalogue
from spie_desktop.domain.organisation import StructureKind
from spie_desktop.domain.territory import TERRITORIES
from spie_desktop.services.device import SetupResult
from spie_desktop.services.setup_wizard import SetupView
from spie_desktop.sync.progress import SyncReport
from spie_desktop.ui import i18n
from spie_desktop.ui.event_dialog import EventDialog
from spie_desktop.ui.i18n import format_date
from spie_desktop.ui.main_window import MainWindow
from spie_desktop.ui.setup_model import SetupModel
from spie_desktop.ui.setup_window import SetupWindow
from spie_desktop.ui.sync.sync_section import SyncSection
from spie_desktop.ui.tasks import TaskRunner
from tests.services.plan_fixtures import Room

from ..conftest import press_enter, type_text
from ..situation_helpers import Cast, open_cast
from .test_review_step import open_workspace, to_signature_by_the_step_bar

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "tools"))
from interface_strings import literals  # noqa: E402

#: Letters and words only French writes (a person's name is taken out before).
FRENCH_LETTERS = re.compile(r"[éèêëàâçùûôîïœÉÈÀÇ«»]")
FRENCH_WORDS = re.compile(
    r"\b(le|la|les|des|du|de|un|une|est|et|ou|à|au|aux|pour|sur|avec|sans|pas|aucun|aucune|"
    r"jours?|depuis|mois|prévu|envoyés?|reçues?|fiches?|personne|suivi|échéance|"
    r"réalisée?|commencée?|étape)\b",
    re.IGNORECASE,
)
#: The languages' own names, offered as such whatever the interface's language.
OWN_NAMES = ("Français", "Português (Brasil)", "Español", "العربية")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_catalogue(english_catalogue())
    yield
    i18n.set_catalogue(None)


@pytest.fixture
def cast(ready_device: tuple[Path, SetupResult]) -> Iterator[Cast]:
    yield from open_cast(ready_device)


def _untranslated_sources() -> list[re.Pattern[str]]:
    """A pattern per French source whose English differs: the source shown as written."""
    english = english_catalogue()
    patterns = []
    for texts in literals().values():
        for source in texts:
            if english.get(source, source) == source or len(source) < 4:
                continue
            pieces = []
            for literal, name, _spec, _conversion in Formatter().parse(source.replace("&", "")):
                pieces.append(re.escape(literal))
                if name is not None:
                    pieces.append(".*?")
            patterns.append(re.compile("".join(pieces)))
    return patterns


def _texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of what ``top`` shows: labels, buttons, tooltips, placeholders, group
    and tab titles, list and table cells with their headers."""
    yield "window title", top.windowTitle()
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(top) and widget is not top:
            continue
        name = type(widget).__name__
        if isinstance(widget, QTextBrowser):
            continue  # the plan as printed: the person's language, not the interface's
        yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield name, re.sub(r"<[^>]+>", " ", widget.text())
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QLineEdit):
            yield f"{name} placeholder", widget.placeholderText()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabWidget):
            yield from ((name, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            yield from ((name, widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                item = widget.item(i)
                yield f"{name} item", item.text()
                yield f"{name} item tooltip", item.toolTip()
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _cells(widget)
    for action in top.findChildren(type(top.actions()[0])) if top.actions() else []:
        yield "action", action.text()


def _cells(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    for column in range(model.columnCount()):
        for role in roles:
            header = model.headerData(column, Qt.Orientation.Horizontal, role)
            yield "header", header if isinstance(header, str) else ""

    def walk(parent: QModelIndex) -> Iterator[tuple[str, str]]:
        for row in range(min(model.rowCount(parent), 50)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                for role in roles:
                    value = model.data(index, role)
                    yield "cell", value if isinstance(value, str) else ""
                if column == 0:
                    yield from walk(index)

    yield from walk(QModelIndex())


def french_left(top: QWidget, data: Iterable[str]) -> list[str]:
    """Each fixed text ``top`` shows that is still French (``data``: person data, taken out
    of a text before it is read)."""
    known = _untranslated_sources()
    taken_out = sorted({d for d in data if d}, key=len, reverse=True)
    found = []
    for where, text in _texts(top):
        plain = text.replace("&", "")
        for piece in (*taken_out, *OWN_NAMES):
            plain = plain.replace(piece, " ")
        if not plain.strip():
            continue
        french = FRENCH_LETTERS.search(plain) or FRENCH_WORDS.search(plain)
        if french or any(p.fullmatch(plain.strip()) for p in known):
            found.append(f"{where}: {text!r}")
    return sorted(set(found))


def _cast_data(cast: Cast) -> list[str]:
    names = ["Alice", "Orange", "Bruno", "Petit", "Chloé", "Martin", "Denis", "Leroy"]
    counsellor = cast.session.counsellor
    return [
        *names,
        *(n.upper() for n in names),
        counsellor.display_name,
        "Note in English",
    ]


def test_the_main_window_in_english_shows_no_french(
    qtbot: QtBot, runner: TaskRunner, cast: Cast
) -> None:
    main = MainWindow(cast.session, runner)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    section = main.people_section
    assert section is not None
    qtbot.waitUntil(lambda: not section.people.loading, timeout=15_000)
    badges = section.people.table.badges
    assert badges is not None
    badges.badge(cast.alice)  # asked for as the list paints
    qtbot.waitUntil(lambda: badges.badge(cast.alice) is not None, timeout=15_000)
    found = {"people list": french_left(main, _cast_data(cast))}

    parcours = section.person_file.parcours

    def open_file(person: uuid.UUID) -> None:
        section.open_person(person)
        shown = section.person_file
        qtbot.waitUntil(
            lambda: (
                shown.file is not None
                and shown.file.person.id == person
                and parcours.parcours is not None
                and parcours.parcours.person_id == person
            ),
            timeout=10_000,
        )

    open_file(cast.denis)  # back in work: the check-in is due
    found["person's file (check-in due)"] = french_left(main, _cast_data(cast))
    open_file(cast.alice)  # oriented 100 days ago, never seen
    assert not section.file_page.parcours.alerts.isHidden()
    found["person's file (not seen)"] = french_left(main, _cast_data(cast))

    open_file(cast.denis)  # entered training 90 days ago
    dialog = section.add_event()
    assert isinstance(dialog, EventDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(FollowUpKind.TRAINING_END.value))
    dialog.day.setText(format_date(cast.today - timedelta(days=100)))  # before its start
    dialog.note.setPlainText("Note in English")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.day_error.isVisible(), timeout=10_000)
    found["event dialog refusing a day"] = french_left(dialog, _cast_data(cast))
    dialog.reject()

    situation = main.show_situation()
    assert situation is not None
    qtbot.waitUntil(lambda: situation.table.model().rowCount() == 4, timeout=15_000)
    found["point de situation"] = french_left(main, _cast_data(cast))

    sync = next(
        page
        for i in range(main.pages.count())
        if isinstance(page := main.pages.widget(i), SyncSection)
    )
    main.navigation.setCurrentRow(main.pages.indexOf(sync))
    sync.model._on_finished(  # what a sync reports, as the lane hands it over
        SyncReport(
            pushed={"interviews": 11, "plans": 9},
            pulled={"people": 3},
            catalogue_services=1200,
            conflicts=2,
            rejected=1,
        )
    )
    found["synchronisation"] = french_left(main, _cast_data(cast))

    left = {where: texts for where, texts in found.items() if texts}
    assert left == {}, "\n".join(f"{w}: {t}" for w, texts in left.items() for t in texts)


def test_the_review_before_signing_in_english_shows_no_french(
    qtbot: QtBot, runner: TaskRunner, room: Room
) -> None:
    workspace = open_workspace(qtbot, runner, room)
    page = to_signature_by_the_step_bar(qtbot, workspace)
    review = page.review
    assert review.errors() or review.warnings()  # the plan's problems are shown
    with room.session.uow(read_only=True) as uow:
        person = uow.people.get(room.person_id)
    plan = room.plans.current_for_person(room.person_id)
    assert plan is not None
    labels = [o.label for o in plan.objectives]
    labels += [a.label for o in plan.objectives for a in o.actions]
    data = [person.first_name, person.last_name, person.last_name.upper(), *labels]
    data += [room.session.counsellor.display_name, room.julien.display_name]
    assert french_left(page, data) == []


def test_the_set_up_in_english_refuses_in_english(
    qtbot: QtBot, runner: TaskRunner, data_dir: Path
) -> None:
    """A device set up with the English interface: the identity's refusals, then a weak
    passphrase with the strength meter's words."""
    model = SetupModel(data_dir, runner)
    window = SetupWindow(model)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    model.choose(model.form.mode)
    window.identity.territory.lineEdit().clear()
    type_text(window.identity.territory.lineEdit(), "Atlantide")
    press_enter(window.identity.counsellor_name)
    assert window.identity.errors["territory_code"].isVisible()
    # Proper names stay as they are: the départements, the French institutions.
    names = [t.name for t in TERRITORIES.values()] + [kind.label for kind in StructureKind]
    names += ["Conseil départemental de l'Aveyron", "Atlantide"]
    found = {"identity refused": french_left(window, names)}

    model.form.territory_code, model.form.structure_name = "973", "Mission"
    model.form.counsellor_name = "Kevin T."
    model.advance()
    assert model.page is SetupView.PASSPHRASE
    type_text(window.passphrase.fields.passphrase, "azerty")
    type_text(window.passphrase.fields.confirmation, "azerty")
    press_enter(window.passphrase.fields.confirmation)
    assert window.passphrase.fields.error.text()  # refused: too weak
    found["passphrase refused"] = french_left(window, [*names, "Kevin T.", "Mission"])
    left = {where: texts for where, texts in found.items() if texts}
    assert left == {}, "\n".join(f"{w}: {t}" for w, texts in left.items() for t in texts)
