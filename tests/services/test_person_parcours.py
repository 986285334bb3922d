"""One person's parcours as the file shows it, and the team PDF list, without Qt."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.event_details import CONTRACT, MONTH, STILL_IN_WORK
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.situation import AlertKind
from spie_desktop.services.people import PeopleService
from spie_desktop.services.person_parcours import read_parcours
from spie_desktop.services.situation import compute_situation
from spie_desktop.services.situation_pdf import TEAM_ONLY_FR, export_pdf, pdf_lines
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def test_the_file_has_the_steps_alerts_and_check_ins_of_the_list(session: Session) -> None:
    person = PeopleService(session).create_person("Denis", "Leroy", date(1985, 5, 17))
    timeline = TimelineService(session)
    timeline.add_event(person.id, FollowUpKind.ORIENTATION, date(2026, 8, 1), now=NOW)
    timeline.add_event(
        person.id, FollowUpKind.EMPLOYMENT, date(2026, 10, 1), details={CONTRACT: "cdd"}, now=NOW
    )
    parcours = read_parcours(session, person.id, now=NOW)
    assert [s.kind for s in parcours.steps] == [FollowUpKind.ORIENTATION, FollowUpKind.EMPLOYMENT]
    assert parcours.steps[1].wait_days == 61
    assert [c.month for c in parcours.check_ins] == [1, 3, 6]
    assert [c.month for c in parcours.due_check_ins] == [1]  # due 01/11
    line = next(r for r in compute_situation(session, now=NOW).rows if r.person_id == person.id)
    assert parcours.alerts == line.alerts  # the file and the list agree
    assert AlertKind.CHECK_IN_DUE in {a.kind for a in parcours.alerts}

    timeline.add_event(
        person.id,
        FollowUpKind.CHECK_IN,
        date(2026, 11, 3),
        details={MONTH: 1, STILL_IN_WORK: True},
        now=NOW,
    )
    parcours = read_parcours(session, person.id, now=NOW)
    assert [c.month for c in parcours.check_ins] == [3, 6] and parcours.due_check_ins == ()
    assert AlertKind.CHECK_IN_DUE not in {a.kind for a in parcours.alerts}


def test_the_team_pdf_names_people_says_it_stays_in_the_team_and_is_audited(
    session: Session, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    person = PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 4, 12))
    TimelineService(session).add_event(
        person.id, FollowUpKind.ORIENTATION, date(2026, 9, 1), now=NOW
    )
    rows = compute_situation(session, now=NOW).rows
    assert pdf_lines(rows)[0][0] == "Hélène LEFÈVRE"
    with pytest.raises(ValidationError):
        export_pdf(session, rows, session.data_dir / "l.pdf", today=NOW.date(), filters="")
    out = export_pdf(session, rows, tmp_path / "l.pdf", today=NOW.date(), filters="")
    text = " ".join(
        (out.read_bytes() and pypdf.PdfReader(str(out)).pages[0].extract_text()).split()
    )
    assert "Hélène LEFÈVRE" in text and "Filtres : aucun filtre" in text
    assert " ".join(TEAM_ONLY_FR.split()[:6]) in text and "05/12/2026" in text
    assert out.stat().st_mode & 0o077 == 0  # owner only
    with session.uow(read_only=True) as uow:
        assert uow.audit.list()[-1].action is AuditAction.EXPORTED
