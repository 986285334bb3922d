"""Importing an orientation list through the use case, on a real store."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from spie_desktop.domain.events import AuditAction, FollowUpKind
from spie_desktop.domain.orientation import MAX_ROWS, OrientationListRefused
from spie_desktop.services.orientation_import import ImportReport, import_orientation_list
from spie_desktop.services.people import PeopleService
from spie_desktop.storage.session import Session

from .orientation_lists import HEADER, ROWS, TODAY, generated_rows, write_csv, write_xlsx


def _snapshot(session: Session) -> tuple[int, int, int, int]:
    """People, ORIENTATION events, outbox entries, audit entries."""
    with session.uow(read_only=True) as uow:
        return (
            uow.people.count(),
            len(uow.events.list_of_kind(FollowUpKind.ORIENTATION)),
            uow.outbox.count_pending(),
            len(uow.audit.list()),
        )


def _import(session: Session, path: Path) -> ImportReport:
    return import_orientation_list(session, path, today=TODAY)


@pytest.mark.parametrize(
    "make",
    [
        lambda p: write_csv(p / "liste.csv"),
        lambda p: write_csv(p / "liste.csv", separator=";", encoding="cp1252"),
        lambda p: write_csv(p / "liste.csv", separator=";", encoding="utf-8-sig"),
        lambda p: write_csv(p / "liste.txt", separator="\t", encoding="utf-16"),
        lambda p: write_xlsx(p / "liste.xlsx"),
    ],
    ids=["utf8-comma", "cp1252-semicolon", "excel-utf8-bom", "utf16-tab", "xlsx"],
)
def test_a_list_creates_people_with_their_orientation(
    session: Session, tmp_path: Path, make: object
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    report = _import(session, path)
    assert (report.created, report.matched, report.rejected) == (3, 0, 0)
    with session.uow(read_only=True) as uow:
        people = {p.last_name: p for p in uow.people.list_all()}
        assert set(people) == {"Lefèvre", "N'Diaye", "Müller"}
        helene = people["Lefèvre"]
        assert (helene.first_name, helene.birth_date) == ("Hélène", date(1985, 3, 12))
        assert (helene.commune, helene.phone) == ("Rodez", "06 12 34 56 78")
        [event] = uow.events.list_for_person(helene.id)
        entries = {(e.entity_id, e.entity) for e in uow.audit.list()}
        pending = {(o.entity, o.entity_id) for o in uow.outbox.pending()}
    assert event.kind is FollowUpKind.ORIENTATION
    assert event.details == {
        "oriented_by": "Conseil départemental",
        "reason": "RSA – orientation socio-professionnelle",
        "insee_code": "12202",
    }
    # Noon in Rodez (UTC+2 in September) on the orientation day.
    assert event.occurred_at == datetime(2026, 9, 2, 10, 0, tzinfo=UTC)
    assert (helene.id, "person") in entries and (event.id, "follow_up_event") in entries
    assert ("people", helene.id) in pending and ("follow_up_events", event.id) in pending


def test_reimporting_the_same_list_changes_nothing(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "liste.csv", separator=";", encoding="cp1252")
    first = _import(session, path)
    before = _snapshot(session)
    again = _import(session, path)
    assert (first.created, first.orientations) == (3, 3)
    assert (again.created, again.matched, again.rejected, again.orientations) == (0, 3, 0, 0)
    assert _snapshot(session) == before


def test_a_likely_duplicate_in_the_store_is_matched_and_oriented(
    session: Session, tmp_path: Path
) -> None:
    existing = PeopleService(session).create_person("Helene", "Lefevre", date(1985, 3, 12))
    report = _import(session, write_csv(tmp_path / "liste.csv"))
    assert (report.created, report.matched) == (2, 1)
    with session.uow(read_only=True) as uow:
        assert uow.people.count() == 3
        [event] = uow.events.list_for_person(existing.id)
    assert event.details["oriented_by"] == "Conseil départemental"


def test_a_second_orientation_of_a_known_person_is_a_second_event(
    session: Session, tmp_path: Path
) -> None:
    _import(session, write_csv(tmp_path / "septembre.csv"))
    later = [list(ROWS[0])]
    later[0][8] = "20/11/2026"
    report = _import(session, write_csv(tmp_path / "novembre.csv", later))
    assert (report.created, report.matched, report.orientations) == (0, 1, 1)
    with session.uow(read_only=True) as uow:
        assert len(uow.events.list_of_kind(FollowUpKind.ORIENTATION)) == 4


def test_orientation_dates_use_the_territory_calendar(session: Session, tmp_path: Path) -> None:
    _import(session, write_csv(tmp_path / "liste.csv"))
    zone = ZoneInfo(session.territory.timezone)
    with session.uow(read_only=True) as uow:
        days = sorted(
            e.occurred_at.astimezone(zone).date()
            for e in uow.events.list_of_kind(FollowUpKind.ORIENTATION)
        )
    assert days == [date(2026, 9, 2), date(2026, 10, 1), date(2026, 11, 15)]


def test_bad_rows_are_rejected_with_their_line_and_the_rest_imported(
    session: Session, tmp_path: Path
) -> None:
    good = ROWS[0]

    def row(**changes: str) -> list[str]:
        cells = dict(zip(HEADER, good, strict=True))
        cells.update({HEADER[int(k[1:])]: v for k, v in changes.items()})
        return [cells[h] for h in HEADER]

    rows = [
        list(ROWS[1]),  # line 2: fine
        row(c0="Martin", c2="01/01/2030"),  # 3: born in the future
        row(c0="Martin", c8="31/12/1899"),  # 4: oriented before 1900
        ["", "", "", "", "", "", "", "", "", ""],  # 5: empty, skipped
        row(c0="Bernard", c4="20123"),  # 6: département 20 does not exist
        row(c0='=HYPERLINK("http://x";"clic")'),  # 7: a formula
        row(c0="Petit", c5="+33 6 12 34 56 78"),  # 8: fine (a phone is no formula)
        list(ROWS[1]),  # 9: same person as line 2
        row(c0="Durand", c9="@SUM(A1)"),  # 10: a formula in the reason
        row(c0="Roux", c8=""),  # 11: no orientation date
        row(c0="Faure", c6="pas-une-adresse"),  # 12: a wrong e-mail
        row(c0="Blanc", c2="1899-05-01"),  # 13: born before 1900
    ]
    report = _import(session, write_csv(tmp_path / "liste.csv", rows, separator=";"))
    reasons = {r.line: r.reason for r in report.rejections}
    assert (report.created, report.matched) == (2, 0)
    assert sorted(reasons) == [3, 4, 6, 7, 9, 10, 11, 12, 13]
    assert "dans le futur" in reasons[3]
    assert "1900" in reasons[4] and "1900" in reasons[13]
    assert "code INSEE" in reasons[6]
    assert "formule" in reasons[7] and "formule" in reasons[10]
    assert reasons[9] == "doublon de la ligne 2 (même personne)."
    assert "date d'orientation manque" in reasons[11]
    assert reasons[12].startswith("E-mail : ")
    with session.uow(read_only=True) as uow:
        stored = [(p.first_name, p.last_name, p.commune) for p in uow.people.list_all()]
    assert all(not value.startswith(("=", "@")) for person in stored for value in person)
    assert {last for _, last, _ in stored} == {"N'Diaye", "Petit"}


def _refused(session: Session, path: Path, expected: str) -> None:
    before = _snapshot(session)
    with pytest.raises(OrientationListRefused) as raised:
        _import(session, path)
    assert expected in raised.value.message_fr
    assert _snapshot(session) == before


@pytest.fixture
def imported(session: Session, tmp_path: Path) -> Session:
    """A store holding one imported list, so that "nothing written" can be seen."""
    _import(session, write_csv(tmp_path / "premiere.csv"))
    return session


def test_a_list_without_a_name_column_writes_nothing(imported: Session, tmp_path: Path) -> None:
    header = ["Identifiant", *HEADER[1:]]
    path = write_csv(tmp_path / "liste.csv", generated_rows(5), header=header)
    _refused(imported, path, "« nom »")


def test_a_file_that_is_not_a_table_writes_nothing(imported: Session, tmp_path: Path) -> None:
    text = tmp_path / "notes.csv"
    text.write_text("Compte rendu de la réunion\nRien à signaler\n", encoding="utf-8")
    _refused(imported, text, "n'est pas un tableau")
    pdf = tmp_path / "liste.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    _refused(imported, pdf, "n'est pas un tableau")
    unclosed = tmp_path / "guillemet.csv"
    body = "".join(f"Nom{n};Léa;02/11/2026\r\n" for n in range(30))
    unclosed.write_text(f"Nom;Prénom;Date d'orientation\r\n\"Durand;Léa;02/11/2026\r\n{body}")
    _refused(imported, unclosed, "le guillemet ouvert ligne 2 n'est jamais refermé")
    broken = tmp_path / "cassé.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is no workbook")
    _refused(imported, broken, "n'est pas un tableau")


def test_wrong_encoding_bytes_write_nothing(imported: Session, tmp_path: Path) -> None:
    mixed = tmp_path / "mixte.csv"
    utf8 = write_csv(tmp_path / "a.csv", generated_rows(3), separator=";").read_bytes()
    mixed.write_bytes(utf8 + "Bérénice;Zoé".encode("cp1252") + b"\r\n")
    _refused(imported, mixed, "Encodage")
    undefined = tmp_path / "inconnu.csv"
    undefined.write_bytes(b"nom;pr\x81nom;date d'orientation\r\nA;B;01/01/2026\r\n")
    _refused(imported, undefined, "Encodage")
    utf16 = tmp_path / "unicode.csv"
    utf16.write_bytes(
        write_csv(tmp_path / "b.csv", separator="\t").read_bytes().replace(b"", b"\x00")
    )
    _refused(imported, utf16, "UTF-16")  # UTF-16 without its mark: not guessed


def test_a_list_over_the_row_limit_writes_nothing(imported: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "enorme.csv", generated_rows(MAX_ROWS + 1), separator=";")
    _refused(imported, path, "plus de 20\u202f000 lignes")


def test_a_hundred_thousand_rows_get_a_clear_message(imported: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "enorme.csv", generated_rows(100_000), separator=";")
    _refused(imported, path, "Découpez-la en plusieurs fichiers")


def test_the_row_limit_itself_is_accepted(session: Session, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "liste.csv", generated_rows(MAX_ROWS), separator=";")
    report = _import(session, path)
    assert report.created == MAX_ROWS and report.rejected == 0


def test_the_import_is_audited_with_the_counsellor(session: Session, tmp_path: Path) -> None:
    _import(session, write_csv(tmp_path / "liste.csv"))
    with session.uow(read_only=True) as uow:
        created = [e for e in uow.audit.list() if e.action is AuditAction.CREATED]
    assert len(created) == 6
    assert {e.actor_id for e in created} == {session.counsellor.id}


def test_a_closed_or_restricted_known_person_is_not_oriented_again(
    session: Session, tmp_path: Path
) -> None:
    from spie_desktop.services.support import SupportService

    existing = PeopleService(session).create_person("Helene", "Lefevre", date(1985, 3, 12))
    support = SupportService(session)
    support.close(existing.id, "sans_nouvelles", support.timeline.today())
    report = _import(session, write_csv(tmp_path / "liste.csv"))
    assert (report.created, report.matched, report.rejected) == (2, 0, 1)
    assert "close ou dont le traitement est limité" in report.rejections[0].reason
    with session.uow(read_only=True) as uow:
        assert [e.kind for e in uow.events.list_for_person(existing.id)] == [
            FollowUpKind.END_OF_SUPPORT
        ]


def test_a_reimport_costs_the_same_statements_for_five_or_forty_known_people(
    session: Session, tmp_path: Path
) -> None:
    """Known people are checked (matched, closed or restricted) from reads of everyone, not
    with queries per person: re-sending a list of 10,000 took 14 s of queries."""

    def statements_to_reimport(rows: list[list[str]], name: str) -> int:
        listing = write_csv(tmp_path / name, rows)
        assert _import(session, listing).created == len(rows)
        seen: list[str] = []

        def note(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(Engine, "before_cursor_execute", note)
        try:
            report = _import(session, listing)
        finally:
            event.remove(Engine, "before_cursor_execute", note)
        assert (report.created, report.matched, report.orientations) == (0, len(rows), 0)
        return len(seen)

    people = generated_rows(45)
    assert statements_to_reimport(people[:5], "cinq.csv") == statements_to_reimport(
        people[5:], "quarante.csv"
    )
