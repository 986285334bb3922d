"""The end-of-sync line names the local offer when services were received."""

from __future__ import annotations

from spie_desktop.sync.progress import SyncReport


def test_the_summary_names_the_catalogue_after_the_records() -> None:
    report = SyncReport(pulled={"people": 3}, catalogue_services=1200)
    assert report.summary_fr == "3 fiches reçues ; offre locale : 1\u00a0200 services mis à jour"


def test_a_sync_that_only_brought_the_catalogue_says_so() -> None:
    assert SyncReport(catalogue_services=1).summary_fr == "Offre locale : 1 service mis à jour"
    report = SyncReport(catalogue_services=20_000, conflicts=2)
    assert report.summary_fr == (
        "Offre locale : 20\u00a0000 services mis à jour ; 2 conflits à examiner"
    )


def test_no_catalogue_no_mention() -> None:
    assert SyncReport().summary_fr == "Rien de nouveau"
    assert "offre" not in SyncReport(pulled={"people": 2}).summary_fr.lower()
