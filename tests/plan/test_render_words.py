"""What the plan PDF says about where, who and how it ends: a commune or no place, no
gendered birth line, and never a last page holding the signatures alone."""

from __future__ import annotations

import dataclasses
import io

import pypdf

from spie_desktop.domain.territory import territory_by_code
from spie_desktop.plan.document import PlanDocument, signing_place
from spie_desktop.plan.render import render_plan_pdf
from tests.plan.conftest import plan_document

AVEYRON = territory_by_code("12")


def _pages(doc: PlanDocument) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(render_plan_pdf(doc).pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_plan_is_made_in_a_commune_or_says_no_place() -> None:
    assert "Fait à Rodez, le " in " ".join(_pages(plan_document()))
    nowhere = dataclasses.replace(plan_document(), place="")
    text = " ".join(_pages(nowhere))
    assert "Fait le " in text and "Fait à" not in text


def test_the_territory_is_no_place_and_the_person_s_commune_stands_in() -> None:
    assert signing_place("Aveyron", "", "", AVEYRON) == ""
    assert signing_place(" aveyron ", "Aveyron", "Millau", AVEYRON) == "Millau"
    assert signing_place("", "Espalion", "Millau", AVEYRON) == "Espalion"
    assert signing_place("Rodez", "Espalion", "Millau", AVEYRON) == "Rodez"


def test_the_birth_line_is_not_gendered() -> None:
    text = " ".join(_pages(plan_document()))
    assert "née" not in text.split() and "né" not in text.split()
    assert "Date de naissance : " in text


def test_the_signatures_never_sit_alone_on_the_last_page() -> None:
    """Whatever the plan's length, the last page shows the last section with them."""
    base = plan_document()
    lengths = set()
    for extra in range(0, 48, 2):
        commitments = base.commitments + tuple(
            f"Engagement complémentaire numéro {n}, écrit avec la personne." for n in range(extra)
        )
        pages = _pages(dataclasses.replace(base, commitments=commitments))
        lengths.add(len(pages))
        last = pages[-1]
        assert "signature électronique" in last
        assert "Vos données personnelles" in last, (extra, last[:200])
    assert len(lengths) > 1  # the padding did move the page breaks
