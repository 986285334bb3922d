"""``person close`` / ``reopen`` / ``restrict`` / ``unrestrict`` end to end on a real store:
French lines, one error line on stderr for a refusal, the file frozen in between."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from .conftest import Run, assert_one_error_line
from .test_timeline_cmd import add_person


def test_close_reopen_restrict_and_unrestrict(initialised: Path, cli: Run) -> None:
    person, today = add_person(initialised)
    where = ("--data-dir", str(initialised))
    ended = today - timedelta(days=1)

    refused = cli(
        "person", "close", str(person), "--outcome", "parti", "--date", "01/01/2026", *where
    )
    assert_one_error_line(refused, "Issue d'accompagnement inconnue", "emploi_durable")
    future = today + timedelta(days=2)
    refused = cli(
        "person", "close", str(person), "--outcome", "deces", "--date", f"{future:%d/%m/%Y}", *where
    )
    assert_one_error_line(refused, "dans le futur")

    result = cli(
        "person",
        "close",
        str(person),
        "--outcome",
        "emploi_durable",
        "--date",
        f"{ended:%d/%m/%Y}",
        *where,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Accompagnement terminé le {ended:%d/%m/%Y} — Emploi durable (6 mois ou plus)."
    )
    frozen = cli(
        "timeline", "add", str(person), "--kind", "contact", "--date", f"{today:%d/%m/%Y}", *where
    )
    assert_one_error_line(frozen, "lecture seule")

    assert_one_error_line(
        cli("person", "reopen", str(person), "--reason", " ", *where), "obligatoire"
    )
    result = cli("person", "reopen", str(person), "--reason", "Nouvelle demande", *where)
    assert result.returncode == 0, result.stderr

    result = cli("person", "restrict", str(person), "--reason", "Demande de la personne", *where)
    assert result.returncode == 0, result.stderr
    frozen = cli(
        "timeline", "add", str(person), "--kind", "contact", "--date", f"{today:%d/%m/%Y}", *where
    )
    assert_one_error_line(frozen, "article 18")
    result = cli("person", "unrestrict", str(person), *where)
    assert result.returncode == 0, result.stderr
    assert_one_error_line(cli("person", "unrestrict", str(person), *where), "n'est pas limité")

    listing = cli("timeline", "list", str(person), *where)
    kinds = [line.split("\t")[1] for line in listing.stdout.splitlines()]
    assert kinds == [
        "Fin d'accompagnement",
        "Reprise de l'accompagnement",
        "Limitation du traitement",
        "Fin de la limitation",
    ]


def test_a_bad_date_or_id_is_one_french_line(initialised: Path, cli: Run) -> None:
    where = ("--data-dir", str(initialised))
    bad = cli("person", "close", "pas-un-id", "--outcome", "autre", "--date", "01/01/2026", *where)
    assert bad.returncode != 0 and "identifiant" in bad.stderr
    person, _today = add_person(initialised)
    bad = cli("person", "close", str(person), "--outcome", "autre", "--date", "2026-13-01", *where)
    assert bad.returncode != 0 and "JJ/MM/AAAA" in bad.stderr
