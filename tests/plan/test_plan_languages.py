"""The plan PDF in the person's language with the French below: the text extracts in both,
Arabic shaped and right to left, every font embedded, no glyph missing, and a sentence the
language lacks shown in French and marked."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from spie_desktop.domain.person_texts import person_texts
from spie_desktop.plan.document import PlanDocument
from spie_desktop.plan.fonts import BOLD, REGULAR, register_fonts
from spie_desktop.plan.render import render_plan_pdf
from spie_desktop.plan.right_to_left import visual_line
from spie_desktop.plan.wording import PlanWords
from tests.plan.conftest import plan_document, run_tool

#: Sentences every plan shows, whatever its content.
SHOWN = (
    "plan.french_reference",
    "plan.objectives.heading",
    "plan.commitments.heading",
    "plan.commitment.person",
    "next.heading",
    "next.copy",
    "next.withdraw",
    "plan.signatures.heading",
    "plan.column.action",
    "plan.action_status.planned",
)


def _plain(text: str) -> str:
    """Extracted text compared with written text: presentation forms folded (NFKC), the
    vowel marks the shaping drops removed, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(
        c
        for c in folded
        if unicodedata.category(c) != "Mn" and c not in "\u200e\u200f\u202a\u202b\u202c"
    )
    return " ".join(kept.split())


def _extract(tmp_path: Path, pdf: bytes) -> str:
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf)
    return run_tool("pdftotext", "-enc", "UTF-8", str(path), "-")


@pytest.mark.parametrize("code", ["pt-BR", "es", "en", "ar"])
def test_each_language_reads_with_the_french_below(tmp_path: Path, code: str) -> None:
    texts = person_texts(code)
    french = person_texts("fr")
    extracted = _extract(tmp_path, render_plan_pdf(plan_document(language=code)).pdf)
    assert "\ufffd" not in extracted
    if code == "ar":  # shaped: the letters' joined forms, not the bare letters
        assert sum("\ufe70" <= c <= "\ufeff" for c in extracted) > 100
    plain = _plain(extracted)
    words = set(plain.replace(".", " ").replace(":", " ").replace("،", " ").split())
    for key in SHOWN:
        own = _plain(texts.text(key))
        if code == "ar":  # lines come back one by one: every word is there
            missing = set(own.replace(".", " ").replace(":", " ").replace("،", " ").split())
            assert missing <= words, (key, missing - words)
        else:
            assert own in plain, key
        assert _plain(french.text(key)) in plain, key
    # The referential's labels are translated; a typed label stays as typed.
    assert _plain(texts.text("action.bourse_au_permis")).split()[0] in words
    assert "Découvrir un métier" in plain
    assert "(" + _plain(texts.text("plan.not_translated")) not in plain  # nothing fell back


def test_a_french_reader_gets_french_once_and_no_reference_line(tmp_path: Path) -> None:
    plain = _plain(_extract(tmp_path, render_plan_pdf(plan_document()).pdf))
    assert "Et maintenant ?" in plain and "Vous gardez une copie de ce plan." in plain
    assert plain.count("Vos objectifs et les actions prévues") == 1
    assert "Le texte en français est le texte de référence." not in plain


def test_every_font_is_embedded_and_has_every_glyph(tmp_path: Path) -> None:
    for code in ("pt-BR", "es", "en", "ar"):
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(render_plan_pdf(plan_document(language=code)).pdf)
        listing = run_tool("pdffonts", str(path)).splitlines()[2:]
        assert listing
        for line in listing:
            assert line.split()[-5] == "yes", line  # emb column
    register_fonts()
    for name in (REGULAR, BOLD):
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)
        cmap = font.face.charToGlyph
        for code in ("pt-BR", "es", "en", "ar"):
            texts = person_texts(code)
            drawn = "".join(texts.text(k) for k in texts.texts if "{" not in texts.texts[k])
            if code == "ar":  # what is drawn is the shaped text
                drawn = "".join(visual_line(line) for line in drawn.split("."))
            missing = {c for c in drawn if ord(c) not in cmap and not c.isspace()}
            assert not missing, (name, code, sorted(missing))


def test_a_sentence_the_language_lacks_is_french_and_marked(tmp_path: Path) -> None:
    folder = tmp_path / "languages"
    folder.mkdir()
    (folder / "gb.toml").write_text(
        '[language]\ncode = "en-GB"\nname = "English (UK)"\ndirection = "ltr"\n\n[texts]\n'
        '"plan.not_translated" = "Not translated yet: this is the French."\n'
        '"next.heading" = "What happens now?"\n',
        "utf-8",
    )
    doc: PlanDocument = dataclasses.replace(
        plan_document(), words=PlanWords(person_texts("en-GB", folder))
    )
    plain = _plain(_extract(tmp_path, render_plan_pdf(doc).pdf))
    # Footers are drawn once the page total is known: out of the flow, so left out here.
    plain = re.sub(r" ?Plan \w+ · version \d+ · Page \d+ sur \d+", "", plain)
    assert "What happens now?" in plain and "Et maintenant ?" in plain
    after = plain.split("Vous pouvez arrêter l'accompagnement quand vous voulez.", 1)[1]
    assert after.lstrip().startswith("(Not translated yet: this is the French.)")
    assert plain.count("(Not translated yet: this is the French.)") > 10
