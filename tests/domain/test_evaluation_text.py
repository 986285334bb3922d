"""The evaluation window's words from the person-facing layer: the person's language, French
for a sentence it lacks, right to left for Arabic."""

from __future__ import annotations

from pathlib import Path

from spie_desktop.domain.evaluation_text import evaluation_words
from spie_desktop.domain.person_texts import person_texts
from spie_protocol.indicators.facts import EvaluationQuestion

SRANAN = '[language]\ncode = "srn"\nname = "Sranantongo"\ndirection = "ltr"\n\n[texts]\n'


def test_a_sentence_the_language_lacks_is_french_for_that_sentence_only(tmp_path: Path) -> None:
    (tmp_path / "srn.toml").write_text(SRANAN + '"evaluation.clear" = "A ben krin?"\n', "utf-8")
    words = evaluation_words(person_texts("srn", tmp_path))
    assert words.questions[EvaluationQuestion.CLEAR] == "A ben krin?"
    assert words.questions[EvaluationQuestion.USEFUL] == "Est-ce utile pour vous ?"
    assert words.scale[1] == "Pas du tout"
    assert words.progress(2, 6) == "Question 2 sur 6"


def test_each_shipped_language_words_the_whole_window() -> None:
    for code in ("pt-BR", "es", "en", "ar"):
        words = evaluation_words(person_texts(code))
        french = evaluation_words(person_texts("fr"))
        assert words.right_to_left is (code == "ar")
        for name, said in words.text.items():
            assert said != french.text[name], (code, name)
        assert words.progress(1, 6) != french.progress(1, 6)
