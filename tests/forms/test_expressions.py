from __future__ import annotations

import pytest

from spie_desktop.forms.expressions import (
    ExpressionSyntaxError,
    compared_literals,
    evaluate,
    parse,
    references,
)


def ev(source: str, **answers: object) -> bool:
    values = {key.replace("__", "."): value for key, value in answers.items()}
    return evaluate(parse(source), values.get)


def test_comparisons_and_boolean_logic() -> None:
    assert ev("a.permis == true", a__permis=True)
    assert not ev("a.permis == true", a__permis=False)
    assert ev("a.n >= 3 and a.n < 5", a__n=4)
    assert not ev("a.n >= 3 and a.n < 5", a__n=5)
    assert ev("a.n > 3 or a.x == 'oui'", a__n=1, a__x="oui")
    assert ev("not (a.n > 3)", a__n=1)
    assert ev("a.d <= '2024-12-31'", a__d="2024-01-01")
    assert ev("a.x != 'oui'", a__x=None)


def test_membership_and_answered() -> None:
    assert ev("'velo' in a.moyens", a__moyens=["bus", "velo"])
    assert ev("'velo' not in a.moyens", a__moyens=["bus"])
    assert ev("a.duree in ['court', 'long']", a__duree="long")
    assert ev("a.x is answered", a__x="texte")
    assert ev("a.x is not answered", a__x="")
    assert ev("a.x is not answered")


def test_mismatched_kinds_are_false_never_errors() -> None:
    assert not ev("a.n > 3", a__n="quatre")
    assert not ev("a.n > 3")
    assert not ev("a.n == 1", a__n=True)  # true is not 1
    assert not ev("'x' in a.n", a__n=4)
    assert ev("a.f == 2", a__f=2.0)


def test_references_and_compared_literals() -> None:
    node = parse("a.p == true and ('velo' in a.m or a.d in ['x', 'y'])")
    assert references(node) == {"a.p", "a.m", "a.d"}
    assert set(compared_literals(node)) == {
        ("a.p", True),
        ("a.m", "velo"),
        ("a.d", "x"),
        ("a.d", "y"),
    }


@pytest.mark.parametrize(
    "source",
    [
        "",
        "a ==",
        "a == == b",
        "(a.b",
        "a @ b",
        "a is answered b",
        "1 is answered",
        "a in",
        "__import__('os').system('true')",
        "a.b == 'unterminated",
        "a and",
        "[1, 2",
    ],
)
def test_syntax_errors_are_typed(source: str) -> None:
    with pytest.raises(ExpressionSyntaxError) as caught:
        parse(source)
    assert caught.value.reason


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(ExpressionSyntaxError, match="imbriquée"):
        parse("not " * 500 + "a.b")
    with pytest.raises(ExpressionSyntaxError):
        parse("(" * 500 + "a.b" + ")" * 500)
