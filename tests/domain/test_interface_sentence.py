"""A sentence the core builds: French as written, any language through a lookup, sentences
inside sentences, and errors that keep it for the interface."""

from __future__ import annotations

from spie_desktop.domain.errors import ValidationError
from spie_desktop.domain.interface_sentence import joined, say, verbatim
from spie_desktop.domain.situation import AlertKind, alerts_for

ENGLISH = {
    "{error} Nouvel essai dans {delay} s.": "{error} Trying again in {delay} s.",
    "Serveur injoignable.": "Server unreachable.",
    "Envoyé": "Sent",
}


def test_french_is_the_source_filled_in_and_a_lookup_translates_each_part() -> None:
    inner = say("Serveur injoignable.")
    outer = say("{error} Nouvel essai dans {delay} s.", error=inner, delay="30")
    assert outer.french == str(outer) == "Serveur injoignable. Nouvel essai dans 30 s."
    english = outer.render(lambda source: ENGLISH.get(source, source))
    assert english == "Server unreachable. Trying again in 30 s."


def test_a_verbatim_text_is_shown_as_is_or_translated_when_the_catalogue_has_it() -> None:
    assert verbatim("Envoyé").render(ENGLISH.get) == "Sent"  # a label of a table
    assert verbatim("{pas un champ}").french == "{pas un champ}"
    assert joined(" ; ", [verbatim("Envoyé"), say("Serveur injoignable.")]).render(
        lambda source: ENGLISH.get(source, source)
    ) == ("Sent ; Server unreachable.")


def test_an_error_keeps_its_sentence_and_its_french_message() -> None:
    error = ValidationError(say("Le SIRET {siret} est faux.", siret="123"), "bad siret", "siret")
    assert error.message_fr == "Le SIRET 123 est faux."
    assert error.said.source == "Le SIRET {siret} est faux."
    assert dict(error.said.values) == {"siret": "123"}
    plain = ValidationError("Déjà en français.", "plain")
    assert plain.message_fr == plain.said.french == "Déjà en français."


def test_an_alert_reads_the_same_in_french_and_carries_its_sentence() -> None:
    from datetime import date, timedelta

    from spie_desktop.domain.alert_rules import AlertRules
    from spie_desktop.domain.events import FollowUpKind
    from spie_desktop.domain.parcours import Mark

    today = date(2026, 12, 6)
    alerts = alerts_for(
        [Mark(FollowUpKind.ORIENTATION, today - timedelta(days=100))], [], AlertRules(), today
    )
    assert [a.kind for a in alerts] == [AlertKind.NOT_SEEN]
    assert alerts[0].text == "Orientée il y a 100 jours, pas encore reçue."
    assert alerts[0].said.source == "Orientée il y a {n} jours, pas encore reçue."
