"""Every fixed part of the plan PDF and of the draft convention in the person's language
with the French too: the barrier chart, the counsellors, the signature boxes, the dates,
the footers; numbers and Latin words in Arabic lines keep their order; every font embedded."""

from __future__ import annotations

import dataclasses
import tempfile
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from spie_desktop.domain.immersion import HostCompany, ImmersionObjective, Period, Tutor
from spie_desktop.domain.immersion_convention import Beneficiary, ConventionDraft, Prescriber
from spie_desktop.domain.offers import LinkedOffer
from spie_desktop.domain.person_texts import PersonTexts, person_texts
from spie_desktop.plan.convention import render_convention_pdf
from spie_desktop.plan.document import PlanDocument
from spie_desktop.plan.render import render_plan_pdf
from spie_desktop.plan.right_to_left import visual_line
from spie_desktop.plan.wording import plan_words
from tests.plan.conftest import plan_document, run_tool

LANGUAGES = ("pt-BR", "es", "en", "ar")
FRENCH = person_texts("fr")


def _plain(text: str) -> str:
    """Presentation forms folded, vowel marks dropped, spaces collapsed; the directional
    marks pdftotext puts around right-to-left runs become spaces (they separate words)."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(
        " " if c in "\u200e\u200f\u202a\u202b\u202c" else c
        for c in folded
        if unicodedata.category(c) != "Mn"
    )
    return " ".join(kept.split())


def _words(text: str) -> set[str]:
    for mark in ".:،,()":
        text = text.replace(mark, " ")
    return set(text.split())


def _extract(tmp_path: Path, pdf: bytes, name: str = "doc.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return run_tool("pdftotext", "-enc", "UTF-8", str(path), "-")


def _long_date(texts: PersonTexts, day: date) -> str:
    month = texts.text(f"date.month.{day.month}")
    return texts.text("date.long", day=str(day.day), month=month, year=day.year)


def _shown(code: str, own: str, plain: str, words: set[str]) -> bool:
    """``own`` is in the extracted text: as written, or word by word for Arabic (whose
    lines come back in drawing order)."""
    if code == "ar":
        return _words(_plain(own)) <= words
    return _plain(own) in plain


@cache
def _plan_text(code: str) -> tuple[str, int]:
    """The extracted text of the plan in ``code`` (rendered once per language), and its
    number of pages."""
    rendered = render_plan_pdf(plan_document(language=code, sensitive_consent=True))
    with tempfile.TemporaryDirectory() as folder:
        return _plain(_extract(Path(folder), rendered.pdf)), rendered.page_count


def _parts(texts: PersonTexts, pages: int) -> dict[str, tuple[str, str]]:
    """Each fixed part of the plan: (in the person's language, in French)."""
    return {
        # The barrier chart: a theme, a weight, the scale.
        "chart theme": (texts.text("theme.maitrise_langue"), FRENCH.text("theme.maitrise_langue")),
        "chart weight": (
            texts.text("plan.chart.weight.blocking"),
            FRENCH.text("plan.chart.weight.blocking"),
        ),
        "chart not discussed": (
            texts.text("plan.chart.weight.not_discussed"),
            FRENCH.text("plan.chart.weight.not_discussed"),
        ),
        # The counsellors, with their structure.
        "counsellor": (
            texts.text(
                "plan.counsellor_at",
                role=texts.text("plan.role.emploi"),
                name="Julien Roux",
                structure="France Travail Rodez",
            ),
            FRENCH.text(
                "plan.counsellor_at",
                role=FRENCH.text("plan.role.emploi"),
                name="Julien Roux",
                structure="France Travail Rodez",
            ),
        ),
        # The signature boxes.
        "person signs": (texts.text("plan.role.person"), FRENCH.text("plan.role.person")),
        "counsellor signs": (texts.text("plan.role.social"), FRENCH.text("plan.role.social")),
        # The dates, spelled out in the person's language.
        "made at": (
            texts.text(
                "plan.made_at_on", place="Rodez", date=_long_date(texts, date(2026, 11, 27))
            ),
            "Fait à Rodez, le 27 novembre 2026.",
        ),
        "next review": (
            texts.text("plan.next_review", date=_long_date(texts, date(2027, 1, 8))),
            "Prochain rendez-vous ensemble : le 8 janvier 2027.",
        ),
        # The title and the footer of each page.
        "title": (
            texts.text("plan.title", name="Hélène LEFÈVRE"),
            "Plan d'action de Hélène LEFÈVRE",
        ),
        "footer": (
            texts.text("plan.page", page=pages, pages=pages),
            FRENCH.text("plan.page", page=pages, pages=pages),
        ),
    }


PARTS = tuple(_parts(FRENCH, 1))


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_fixed_part_of_the_plan_is_in_the_person_s_language_and_french(
    code: str, part: str
) -> None:
    plain, pages = _plan_text(code)
    own, french = _parts(person_texts(code), pages)[part]
    assert _shown(code, own, plain, _words(plain)), own
    assert _plain(french) in plain, french


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_chart_s_scale_is_in_both_languages(tmp_path: Path, code: str) -> None:
    """Each step of the scale is a line of its own, the French under it."""
    pdf = render_plan_pdf(plan_document(language=code)).pdf
    lines = [_plain(line) for line in _extract(tmp_path, pdf).splitlines()]
    pairs = set(zip(lines, lines[1:], strict=False))
    texts = person_texts(code)
    for step in ("none", "light", "strong", "blocking"):
        key = f"plan.chart.scale.{step}"
        assert (_plain(texts.text(key)), FRENCH.text(key)) in pairs, step


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_priorities_name_their_themes_in_both_languages(tmp_path: Path, code: str) -> None:
    pdf = render_plan_pdf(plan_document(language=code)).pdf
    lines = [_plain(line) for line in _extract(tmp_path, pdf).splitlines()]
    own = _plain("1. " + person_texts(code).text("theme.mobilite"))
    above = lines[lines.index("1. Mobilité") - 1]  # the person's language, the French below
    assert _words(above) == _words(own) if code == "ar" else above == own, above


@pytest.mark.parametrize("code", LANGUAGES)
def test_dates_use_the_person_s_month_names(code: str) -> None:
    plain, _pages = _plan_text(code)
    for month in (11, 1):  # the plan is made in November, reviewed in January
        assert person_texts(code).text(f"date.month.{month}") in _words(plain), month


def test_the_signature_block_says_where_and_when_in_both_languages(tmp_path: Path) -> None:
    plain = _plain(_extract(tmp_path, render_plan_pdf(plan_document(language="pt-BR")).pdf))
    block = plain.split("Assinaturas Signatures", 1)[1].lstrip()
    assert block.startswith(
        "Feito em Rodez, em 27 de novembro de 2026. Fait à Rodez, le 27 novembre 2026."
    )


def test_a_french_reader_s_chart_and_footer_stay_french_once(tmp_path: Path) -> None:
    rendered = render_plan_pdf(plan_document())
    plain = _plain(_extract(tmp_path, rendered.pdf))
    assert plain.count("frein bloquant") == 1 and "blocking" not in plain
    assert f"Page 1 sur {rendered.page_count}" in plain
    assert "Conseiller ou conseillère (emploi) : Julien Roux, France Travail Rodez" in plain


def test_numbers_inside_an_arabic_line_keep_their_order() -> None:
    """Every form a number takes in the plan, after Arabic words (a digit after an Arabic
    letter is an "Arabic number" to the bidi algorithm, and a hyphen or a space between two
    of those used to turn them around)."""
    for value in (
        *("2026-12", "2026-12-06", "05 94 12 34 56", "+594 694 12 34 56", "12 %", "20 €"),
        *("12/04/1979", "5CE8EEB2", "v1.2", "10:42", "35 h", "1,5 h"),
    ):
        drawn = visual_line(f"نص الإعلام، النسخة {value}.")
        assert value in drawn, (value, drawn)


def test_the_arabic_plan_prints_the_consent_version_in_its_order(tmp_path: Path) -> None:
    extracted = _extract(tmp_path, render_plan_pdf(plan_document(language="ar")).pdf)
    arabic_lines = [
        line for line in extracted.splitlines() if any("\u0600" <= c <= "\ufeff" for c in line)
    ]
    version = [line for line in arabic_lines if "2026" in line and "12" in line]
    assert any("2026-12" in line for line in version), version
    assert "12-2026" not in extracted
    assert "12/04/1979" in extracted  # no digit form is turned around either
    assert "1979/04/12" not in extracted


def _draft() -> ConventionDraft:
    return ConventionDraft(
        beneficiary=Beneficiary("Hélène", "Lefèvre", date(1979, 4, 12), "Rodez", "", ""),
        prescriber=Prescriber("France Travail Rodez", "Julien Roux"),
        company=HostCompany("Aide et Domicile", "12345678900017", "1 rue du Lac", "Rodez", ""),
        tutor=Tutor("Anne Marty", "Responsable de secteur", "", ""),
        objective=ImmersionObjective.DISCOVER,
        periods=(Period(date(2027, 3, 1), date(2027, 3, 5)),),
        weekly_hours=35.0,
        trade_code="K1302",
        trade_label="Assistance auprès d'adultes",
        activities="Accompagner une aide à domicile.",
        skills="Écoute.",
        renewal=False,
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_convention_footer_is_in_the_person_s_language(tmp_path: Path, code: str) -> None:
    texts = person_texts(code)
    pdf = render_convention_pdf(_draft(), plan_words(code))
    plain = _plain(_extract(tmp_path, pdf))
    words = _words(plain)
    for key, values in (("convention.footer", {}), ("plan.page", {"page": 1, "pages": 2})):
        assert _shown(code, texts.text(key, **values), plain, words), key
        assert _plain(FRENCH.text(key, **values)) in plain, key


def test_every_font_of_every_document_is_embedded(tmp_path: Path) -> None:
    for code in ("fr", *LANGUAGES):
        documents = {
            f"plan-{code}.pdf": render_plan_pdf(plan_document(language=code)).pdf,
            f"convention-{code}.pdf": render_convention_pdf(_draft(), plan_words(code)),
        }
        for name, pdf in documents.items():
            path = tmp_path / name
            path.write_bytes(pdf)
            listing = run_tool("pdffonts", str(path)).splitlines()[2:]
            assert listing, name
            for line in listing:
                assert line.split()[-5] == "yes", (name, line)  # the "emb" column


OFFER = LinkedOffer(
    source="dora",
    id="dora--1",
    name="Auto-école sociale",
    structure="Mission locale",
    address="2 rue Thiers, Rodez",
    phone="05 65 12 34 56",
    contact_name="Mme Vidal",
)


def _with_offer(doc: PlanDocument) -> PlanDocument:
    first = doc.objectives[0]
    action = dataclasses.replace(first.actions[0], offer=OFFER.sentence(), linked_offer=OFFER)
    objective = dataclasses.replace(first, actions=(action, *first.actions[1:]))
    return dataclasses.replace(doc, objectives=(objective, *doc.objectives[1:]))


@pytest.mark.parametrize("code", ["fr", *LANGUAGES])
def test_a_linked_offer_is_introduced_in_the_person_s_language(tmp_path: Path, code: str) -> None:
    texts = person_texts(code)
    pdf = render_plan_pdf(_with_offer(plan_document(language=code))).pdf
    plain = _plain(_extract(tmp_path, pdf))
    words = _words(plain)
    french = _plain(OFFER.sentence())
    assert plain.count(french) == 1  # the French, once, as the offer writes it
    if code == "fr":
        return
    phone = texts.text("plan.offer.phone", phone=OFFER.phone)
    details = "Auto-école sociale (Mission locale) — 2 rue Thiers, Rodez — Mme Vidal · "
    own = texts.text("plan.offer", offer=details + phone)
    assert _shown(code, own, plain, words), own
    if code == "ar":  # the phone number in its order inside the Arabic line
        assert "05 65 12 34 56" in _plain(_extract(tmp_path, pdf))
