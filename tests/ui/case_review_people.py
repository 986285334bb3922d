"""Three people for Thursday's multi-agency group, each with every identifying field filled
(birth date, a small commune, phone, e-mail), interviewed, with a signed plan in force; and
the scan of a text for any of those fields, in the forms a screen or a PDF could print them."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from spie_desktop.domain.organisation import Field
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.redaction import fold
from spie_desktop.services import device
from spie_desktop.services.interview_session import InterviewSessionService
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.plans import PlanService
from spie_desktop.storage.session import Session
from tests.services.conftest import JULIEN_PASSPHRASE
from tests.services.plan_fixtures import ANSWERS, Room, pad_signatures

from .conftest import NADIA_PASSPHRASE


@dataclass(frozen=True)
class Someone:
    person_id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: date
    commune: str
    phone: str
    email: str

    def identifying(self) -> dict[str, str]:
        b = self.birth_date
        return {
            "first name": self.first_name,
            "last name": self.last_name,
            "birth date": f"{b:%d/%m/%Y}",
            "birth date (dots)": f"{b:%d.%m.%Y}",
            "birth date (iso)": b.isoformat(),
            "commune": self.commune,
            "phone": self.phone,
            "phone (compact)": self.phone.replace(" ", ""),
            "e-mail": self.email,
            "e-mail (local part)": self.email.split("@")[0],
            "person id": str(self.person_id),
            "person id (hex)": self.person_id.hex,
            "person id (short)": self.person_id.hex[:8],
        }


PEOPLE = (
    ("Hélène", "Lefèvre", date(1979, 4, 12), "Sainte-Eulalie-d'Olt", "06 45 78 12 90"),
    ("Yannick", "Troadec", date(1996, 9, 3), "Conques-en-Rouergue", "07 61 24 38 55"),
    ("Fatoumata", "Keïta", date(1988, 1, 27), "Najac", "06 12 93 47 08"),
)


def three_people(session: Session) -> list[Someone]:
    """Each interviewed (the barriers of ``ANSWERS``) with a signed plan in force."""
    julien = device.add_counsellor(
        session, display_name="Julien R.", field=Field.EMPLOI, passphrase=JULIEN_PASSPHRASE
    )
    people, plans = PeopleService(session), PlanService(session)
    made: list[Someone] = []
    for first, last, birth, commune, phone in PEOPLE:
        email = f"{fold(first)}.{fold(last)}@exemple.fr".replace(" ", "")
        person = people.create_person(first, last, birth, commune, phone, email)
        people.record_consent(person.id, {ConsentScope.RECORD, ConsentScope.SHARE_CONSORTIUM})
        interview = InterviewService(session).start_or_resume(person.id)
        workspace = InterviewSessionService(session)
        for key, value in ANSWERS.items():
            workspace.save_answer(interview.id, key, value)
        room = Room(session, plans, julien, person.id, interview.id)
        draft = room.ready_draft()
        plans.sign(draft.id, pad_signatures(draft), room.confirmations(NADIA_PASSPHRASE), "Rodez")
        made.append(Someone(person.id, first, last, birth, commune, phone, email))
    return made


def found(text: str, people: Iterable[Someone]) -> list[str]:
    """Which identifying fields of whom ``text`` holds (accents and case folded)."""
    folded = fold(" ".join(text.split()))
    return [
        f"{someone.first_name}: {name}"
        for someone in people
        for name, value in someone.identifying().items()
        if fold(value) in folded
    ]


def widget_texts(root: QWidget) -> list[str]:
    """Every text ``root`` and its children show or hold for a person or a screen reader:
    window title, labels, buttons, group titles, fields, list, tree and table cells and
    headers, tooltips, accessible names and descriptions."""
    texts: list[str] = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [
            widget.toolTip(),
            widget.statusTip(),
            widget.whatsThis(),
            widget.accessibleName(),
            widget.accessibleDescription(),
        ]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                texts += [item.text(), item.toolTip()]
        if isinstance(widget, QTableWidget):
            texts += _table_texts(widget)
        if isinstance(widget, QTreeWidget):
            for index in range(widget.topLevelItemCount()):
                item = widget.topLevelItem(index)
                for column in range(widget.columnCount()):
                    texts += [item.text(column), item.toolTip(column)]
    return [t for t in texts if t]


def _table_texts(table: QTableWidget) -> list[str]:
    texts: list[str] = []
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        if header is not None:
            texts.append(header.text())
        for row in range(table.rowCount()):
            item = table.item(row, column)
            if item is not None:
                texts += [item.text(), item.toolTip()]
    return texts
