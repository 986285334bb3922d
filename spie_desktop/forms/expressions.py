"""A tiny, safe expression language for ``visible_if`` and ``advance_if`` (never ``eval``).

Grammar (keywords in lowercase)::

    expr       := and_expr ('or' and_expr)*
    and_expr   := not_expr ('and' not_expr)*
    not_expr   := 'not' not_expr | comparison
    comparison := operand [ ('==' | '!=' | '<' | '<=' | '>' | '>=') operand
                          | ['not'] 'in' operand
                          | 'is' ['not'] 'answered' ]
    operand    := STRING | NUMBER | 'true' | 'false' | 'null' | KEY
                | '[' [literal (',' literal)*] ']' | '(' expr ')'

A ``KEY`` is an answer key such as ``mobilite.permis`` or ``emploi.situations``. Strings are
quoted with ``'`` or ``"``. Evaluation never raises: a missing answer is ``null``;
``<``/``>`` between values of different kinds (or with ``null``) is false; ``x in y`` is
false unless ``y`` is a list or a string; the result is read as a truth value.

Example: ``mobilite.permis == true and not ('velo' in mobilite.moyens)``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Scalar = str | int | float | bool | None
Lookup = Callable[[str], Any]


class ExpressionSyntaxError(Exception):
    """An expression does not follow the grammar; ``reason`` is in French."""

    def __init__(self, reason: str, position: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.position = position


@dataclass(frozen=True, slots=True)
class Literal:
    value: Scalar


@dataclass(frozen=True, slots=True)
class ListLiteral:
    items: tuple[Scalar, ...]


@dataclass(frozen=True, slots=True)
class Ref:
    key: str


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Membership:
    item: Node
    container: Node
    negate: bool


@dataclass(frozen=True, slots=True)
class Answered:
    ref: Ref
    negate: bool


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # 'and' | 'or'
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


Node = Literal | ListLiteral | Ref | Compare | Membership | Answered | BoolOp | Not

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>-?\d+(?:\.\d+)?)
      | (?P<string>'[^'\\]*(?:\\.[^'\\]*)*'|"[^"\\]*(?:\\.[^"\\]*)*")
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
      | (?P<op>==|!=|<=|>=|<|>|\(|\)|\[|\]|,)
    )""",
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in", "is", "answered", "true", "false", "null"}
_COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}
_MAX_DEPTH = 40  # nesting of 'not' and parentheses; keeps a hostile file from exhausting the stack


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # number | string | name | op | keyword | end
    text: str
    position: int


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(source):
        if source[position:].strip() == "":
            break
        match = _TOKEN.match(source, position)
        if match is None or match.lastgroup is None:
            start = len(source) - len(source[position:].lstrip())
            raise ExpressionSyntaxError(f"caractère inattendu « {source[start]} »", start)
        kind, text = match.lastgroup, match.group(match.lastgroup)
        start = match.start(kind)
        if kind == "name" and text in _KEYWORDS:
            kind = "keyword"
        tokens.append(_Token(kind, text, start))
        position = match.end()
    tokens.append(_Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = _tokenize(source)
        self.index = 0
        self.depth = 0

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != "end":
            self.index += 1
        return token

    def accept(self, text: str) -> bool:
        token = self.peek()
        if token.kind in ("keyword", "op") and token.text == text:
            self.index += 1
            return True
        return False

    def expect(self, text: str) -> None:
        if not self.accept(text):
            token = self.peek()
            found = token.text or "la fin de l'expression"
            raise ExpressionSyntaxError(f"« {text} » attendu, trouvé « {found} »", token.position)

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ExpressionSyntaxError("expression vide", 0)
        node = self.expr()
        token = self.peek()
        if token.kind != "end":
            raise ExpressionSyntaxError(f"« {token.text} » inattendu", token.position)
        return node

    def expr(self) -> Node:
        items = [self.and_expr()]
        while self.accept("or"):
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else BoolOp("or", tuple(items))

    def and_expr(self) -> Node:
        items = [self.not_expr()]
        while self.accept("and"):
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else BoolOp("and", tuple(items))

    def not_expr(self) -> Node:
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise ExpressionSyntaxError("expression trop imbriquée", self.peek().position)
        try:
            if self.accept("not"):
                return Not(self.not_expr())
            return self.comparison()
        finally:
            self.depth -= 1

    def comparison(self) -> Node:
        left = self.operand()
        token = self.peek()
        if token.kind == "op" and token.text in _COMPARISONS:
            self.take()
            return Compare(token.text, left, self.operand())
        if self.accept("in"):
            return Membership(left, self.operand(), negate=False)
        if token.kind == "keyword" and token.text == "not":
            after = self.tokens[self.index + 1]
            if after.kind == "keyword" and after.text == "in":
                self.index += 2
                return Membership(left, self.operand(), negate=True)
        if self.accept("is"):
            negate = self.accept("not")
            self.expect("answered")
            if not isinstance(left, Ref):
                raise ExpressionSyntaxError(
                    "« is answered » s'applique à une réponse", token.position
                )
            return Answered(left, negate)
        return left

    def operand(self) -> Node:
        token = self.peek()
        if self.accept("("):
            node = self.expr()
            self.expect(")")
            return node
        if self.accept("["):
            items: list[Scalar] = []
            if not self.accept("]"):
                items.append(self.literal())
                while self.accept(","):
                    items.append(self.literal())
                self.expect("]")
            return ListLiteral(tuple(items))
        if token.kind == "name":
            self.take()
            return Ref(token.text)
        return Literal(self.literal())

    def literal(self) -> Scalar:
        token = self.take()
        if token.kind == "number":
            return float(token.text) if "." in token.text else int(token.text)
        if token.kind == "string":
            return re.sub(r"\\(.)", r"\1", token.text[1:-1])
        if token.kind == "keyword" and token.text in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[token.text]
        found = token.text or "la fin de l'expression"
        raise ExpressionSyntaxError(f"valeur attendue, trouvé « {found} »", token.position)


def parse(source: str) -> Node:
    """Parse an expression; raise :class:`ExpressionSyntaxError` with a French reason."""
    return _Parser(source).parse()


def references(node: Node) -> set[str]:
    """Every answer key the expression reads."""
    return {sub.key for sub in _walk(node) if isinstance(sub, Ref)}


def compared_literals(node: Node) -> Iterator[tuple[str, Scalar]]:
    """(key, literal) pairs the expression compares for equality or membership.

    Used at load time to catch a literal that is not one of a choice question's values.
    """
    for sub in _walk(node):
        if isinstance(sub, Compare) and sub.op in ("==", "!="):
            pairs = ((sub.left, sub.right), (sub.right, sub.left))
            for side, other in pairs:
                if isinstance(side, Ref) and isinstance(other, Literal):
                    yield side.key, other.value
        elif isinstance(sub, Membership):
            if isinstance(sub.container, Ref) and isinstance(sub.item, Literal):
                yield sub.container.key, sub.item.value
            if isinstance(sub.item, Ref) and isinstance(sub.container, ListLiteral):
                for item in sub.container.items:
                    yield sub.item.key, item


def _walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Compare):
        yield from _walk(node.left)
        yield from _walk(node.right)
    elif isinstance(node, Membership):
        yield from _walk(node.item)
        yield from _walk(node.container)
    elif isinstance(node, Answered):
        yield node.ref
    elif isinstance(node, BoolOp):
        for item in node.items:
            yield from _walk(item)
    elif isinstance(node, Not):
        yield from _walk(node.operand)


def evaluate(node: Node, lookup: Lookup) -> bool:
    """The truth value of an expression given answers (``lookup(key)``, ``None`` if absent)."""
    return bool(_value(node, lookup))


def _value(node: Node, lookup: Lookup) -> Any:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, ListLiteral):
        return list(node.items)
    if isinstance(node, Ref):
        return lookup(node.key)
    if isinstance(node, Answered):
        answered = lookup(node.ref.key) not in (None, "", [])
        return answered != node.negate
    if isinstance(node, BoolOp):
        if node.op == "and":
            return all(_value(item, lookup) for item in node.items)
        return any(_value(item, lookup) for item in node.items)
    if isinstance(node, Not):
        return not _value(node.operand, lookup)
    if isinstance(node, Membership):
        found = _contains(_value(node.container, lookup), _value(node.item, lookup))
        return found != node.negate
    return _compare(node.op, _value(node.left, lookup), _value(node.right, lookup))


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, list):
        return any(_equal(item, element) for element in container)
    if isinstance(container, str) and isinstance(item, str):
        return item in container
    return False


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) != isinstance(right, bool):
        return False  # true is not 1
    if _is_number(left) and _is_number(right):
        return bool(left == right)
    return type(left) is type(right) and bool(left == right)


def _compare(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return _equal(left, right)
    if op == "!=":
        return not _equal(left, right)
    comparable = (_is_number(left) and _is_number(right)) or (
        isinstance(left, str) and isinstance(right, str)
    )
    if not comparable or any(isinstance(v, float) and math.isnan(v) for v in (left, right)):
        return False
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)
