"""The consent text read to the person says what sync does with their file
(docs/sync-protocol.md, "Sharing"): the partners of the SPIE receive it only if the person
agrees (``share_consortium``), and health and justice answers reach the other professionals
who follow them only if they agree (``share_sensitive``) — not only the printed plan."""

from __future__ import annotations

import pytest

from spie_desktop.domain.people import CONSENT_WORDING
from spie_desktop.domain.person_texts import SHIPPED_FILES, person_texts


def test_the_french_text_names_the_partners_and_the_other_professionals() -> None:
    assert (
        "Les autres partenaires du service public de l'insertion et de l'emploi le voient "
        "seulement si vous êtes d'accord." in CONSENT_WORDING
    )
    assert (
        "Elles sont montrées aux autres professionnels qui vous accompagnent seulement si "
        "vous êtes d'accord." in CONSENT_WORDING
    )


@pytest.mark.parametrize("language", [name.removesuffix(".toml") for name in SHIPPED_FILES])
def test_every_language_says_it_in_its_own_words(language: str) -> None:
    texts = person_texts(language)
    for key in ("consent.who_sees", "consent.sensitive"):
        said = texts.get(key)
        assert said.language == language and not said.fallback
        assert len(said.text.split(". ")) == 2  # both sentences, in every language
