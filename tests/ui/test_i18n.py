"""The translation function and the way dates and times are shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import say, verbatim
from spie_desktop.domain.interface_texts import english_catalogue
from spie_desktop.ui import i18n
from spie_desktop.ui.i18n import format_date, format_datetime, format_time, tr, tr_said


@pytest.fixture(autouse=True)
def french() -> Iterator[None]:
    yield
    i18n.set_catalogue(None)


def test_tr_returns_french_source_and_fills_placeholders() -> None:
    assert tr("Déverrouiller") == "Déverrouiller"
    assert tr("Réessayez dans {n} s.", n=12) == "Réessayez dans 12 s."
    # no kwargs: braces are left alone (no str.format on plain strings)
    assert tr("{pas un champ}") == "{pas un champ}"


def test_a_sentence_of_the_core_is_shown_through_the_same_catalogue() -> None:
    """An error the domain raised, a sync summary: French as written until English is
    loaded, then English, each inner sentence too; a person's words stay as typed."""
    refused = ValidationError(
        say("« {kind} » ne se planifie pas : enregistrez-le une fois fait.", kind="Orientation"),
        "not plannable",
    )
    summary = say(
        "{error} Nouvel essai dans {delay} s.",
        error=say("Serveur injoignable : la synchronisation reprendra plus tard."),
        delay="30",
    )
    assert tr_said(refused.said) == refused.message_fr
    i18n.set_catalogue(english_catalogue())
    assert tr_said(verbatim("Non synchronisé")) == "Not synchronised"
    assert tr_said(summary) == (
        "Server unreachable: the synchronisation will resume later. Trying again in 30 s."
    )
    assert tr_said(refused.said) == "“Orientation” cannot be planned: record it once it is done."
    assert refused.message_fr.startswith("« Orientation » ne se planifie pas")  # the CLI's


def test_tr_uses_the_loaded_catalogue() -> None:
    i18n.set_catalogue({"Réessayez dans {n} s.": "Tente de novo em {n} s."})
    assert tr("Réessayez dans {n} s.", n=3) == "Tente de novo em 3 s."
    assert tr("Quitter") == "Quitter"  # missing entries fall back to French
    i18n.set_catalogue(None)
    assert tr("Réessayez dans {n} s.", n=3) == "Réessayez dans 3 s."


def test_tr_is_not_installed_into_builtins() -> None:
    import builtins

    assert not hasattr(builtins, "tr") and not hasattr(builtins, "_")


def test_format_date_is_day_month_year() -> None:
    assert format_date(date(1979, 3, 2)) == "02/03/1979"
    assert format_date(None) == ""
    assert format_date(datetime(2026, 1, 31, 23, 0, tzinfo=UTC)) == "31/01/2026"


def test_utc_shown_in_cayenne_is_three_hours_earlier() -> None:
    moment = datetime(2026, 11, 27, 14, 30, tzinfo=UTC)
    assert format_datetime(moment, "America/Cayenne") == "27/11/2026 11:30"
    assert format_time(moment, "America/Cayenne") == "11:30:00"


def test_time_zone_change_can_move_the_day() -> None:
    moment = datetime(2026, 11, 28, 1, 15, tzinfo=UTC)
    assert format_datetime(moment, "America/Cayenne") == "27/11/2026 22:15"
    # Paris: UTC+1 in winter, UTC+2 in summer
    assert format_datetime(moment, "Europe/Paris") == "28/11/2026 02:15"
    assert (
        format_datetime(datetime(2026, 7, 1, 10, 0, tzinfo=UTC), "Europe/Paris")
        == "01/07/2026 12:00"
    )


def test_naive_datetimes_are_taken_as_utc() -> None:
    assert format_datetime(datetime(2026, 11, 27, 14, 30), "America/Cayenne") == "27/11/2026 11:30"
    assert format_datetime(None, "Europe/Paris") == ""
