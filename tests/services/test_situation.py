"""The point de situation over a real store: every person, their counsellors, the CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from spie_desktop.domain.alert_rules import AlertRules
from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.people import ConsentScope
from spie_desktop.domain.situation import AlertKind, Stage
from spie_desktop.services.alert_rules import save_rules
from spie_desktop.services.interviews import InterviewService
from spie_desktop.services.people import PeopleService
from spie_desktop.services.situation import compute_situation, export_csv, rows_as_csv
from spie_desktop.services.timeline import TimelineService
from spie_desktop.storage.session import Session

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def test_every_person_has_a_line_with_their_counsellors(session: Session) -> None:
    people = PeopleService(session)
    quiet = people.create_person("=HYPERLINK(1)", "Durand", date(1990, 1, 1))
    seen = people.create_person("Hélène", "Lefèvre", date(1979, 4, 12))
    people.record_consent(seen.id, {ConsentScope.RECORD})
    InterviewService(session).start_or_resume(seen.id)
    TimelineService(session).add_event(
        quiet.id, FollowUpKind.ORIENTATION, date(2026, 10, 1), now=NOW
    )
    TimelineService(session).add_event(seen.id, FollowUpKind.CONTACT, date(2026, 12, 1), now=NOW)

    report = compute_situation(session, now=NOW)
    rows = {r.person_id: r for r in report.rows}
    assert set(rows) == {quiet.id, seen.id}
    assert [(a.kind, a.days) for a in rows[quiet.id].alerts] == [(AlertKind.NOT_SEEN, 65)]
    assert rows[seen.id].alerts == () and rows[seen.id].stage is Stage.ORIENTED
    assert rows[seen.id].counsellors == ("Nadia B.",)
    assert rows[seen.id].structures == ("Conseil départemental de l'Aveyron",)
    assert report.alert_count == 1 and report.summary.without_contact[60] == 1

    # The territory's own thresholds apply at once.
    save_rules(session, AlertRules(not_seen_after_orientation_days=90))
    assert compute_situation(session, now=NOW).alert_count == 0

    csv = rows_as_csv(report.rows)
    assert ";'=HYPERLINK(1);" in csv  # a formula is neutralised for spreadsheets


def test_the_csv_goes_outside_the_data_dir_and_is_audited(session: Session, tmp_path: Path) -> None:
    PeopleService(session).create_person("Hélène", "Lefèvre", date(1979, 4, 12))
    rows = compute_situation(session, now=NOW).rows
    with pytest.raises(ValidationError) as caught:
        export_csv(session, rows, session.data_dir / "liste.csv")
    assert "dossier de données chiffrées" in caught.value.message_fr
    out = export_csv(session, rows, tmp_path / "point.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbfidentifiant;")
    with session.uow(read_only=True) as uow:
        assert uow.audit.list()[-1].action is AuditAction.EXPORTED
