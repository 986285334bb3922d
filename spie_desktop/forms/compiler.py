"""Compile a validated definition spec into a :class:`FormDefinition`, checking what a schema cannot.

Checks: ids unique in their namespace (steps, panes and themes share one, since they prefix
answer keys), reserved theme keys, situation ids, unique question roles, expressions that
parse, read existing keys, compare choice questions with their real values and form no
cycle, and a ``sensitive_consent`` key that is a yes/no question. Every problem is reported
with its file and line; all of them at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import expressions
from .definition import ExtraQuestion, FieldSpec, FormDefinition, Loc, Source
from .errors import DefinitionError, DefinitionIssue
from .schema import (
    CHOICE_TYPES,
    RESERVED_THEME_KEYS,
    BarrierWeight,
    Choice,
    DefinitionSpec,
    Question,
    QuestionType,
    Step,
    Theme,
)


def _builtin_questions(theme: Theme) -> tuple[Question, ...]:
    by_id = {situation.id: situation.label for situation in reversed(theme.situations)}
    # Duplicates are reported by _check_situations; keep the first label of each id here.
    situations = tuple(
        Choice(value=sid, label=by_id[sid]) for sid in dict.fromkeys(s.id for s in theme.situations)
    )
    weights = tuple(Choice(value=w.value, label=w.label) for w in BarrierWeight)
    return (
        Question(
            id="situations",
            type=QuestionType.MULTIPLE_CHOICE,
            label="Situations",
            choices=situations or (Choice(value="aucune", label="Aucune"),),
        ),
        Question(id="barrier", type=QuestionType.SINGLE_CHOICE, label="Frein", choices=weights),
        Question(id="strengths", type=QuestionType.TEXT_LIST, label="Atouts"),
        Question(id="notes", type=QuestionType.LONG_TEXT, label="Notes"),
    )


def compile_definition(
    spec: DefinitionSpec,
    source: Source,
    *,
    extends: tuple[str, int] | None = None,
    extra: Sequence[ExtraQuestion] = (),
) -> FormDefinition:
    """Index, merge extension questions into their themes and check cross-references."""
    issues: list[DefinitionIssue] = []
    where: dict[str, tuple[Source, Loc]] = {}
    spec = _merge_extra(spec, extra)
    definition = FormDefinition(spec, extends, source.file)
    seen_ids: dict[str, Loc] = {}

    def claim(identifier: str, loc: Loc) -> None:
        if identifier in seen_ids:
            issues.append(source.issue(loc + ("id",), f"identifiant « {identifier} » en double"))
        seen_ids[identifier] = loc

    extra_locs = {(e.theme, e.question.id): (e.source, e.loc) for e in extra}
    for s_index, step in enumerate(spec.steps):
        step_loc: Loc = ("steps", s_index)
        claim(step.id, step_loc)
        _add_section(
            definition,
            step.questions,
            step,
            step.id,
            None,
            None,
            False,
            lambda q, i, loc=step_loc: (source, loc + ("questions", i)),
            where,
            issues,
        )
        for p_index, pane in enumerate(step.panes):
            pane_loc = step_loc + ("panes", p_index)
            claim(pane.id, pane_loc)
            for t_index, theme in enumerate(pane.themes):
                theme_loc = pane_loc + ("themes", t_index)
                claim(theme.id, theme_loc)
                _check_situations(theme, source, theme_loc, issues)
                _add_section(
                    definition,
                    _builtin_questions(theme),
                    step,
                    theme.id,
                    theme,
                    pane.id,
                    True,
                    lambda q, i, loc=theme_loc: (source, loc),
                    where,
                    issues,
                )

                def locate(
                    q: Question, i: int, theme: Theme = theme, loc: Loc = theme_loc
                ) -> tuple[Source, Loc]:
                    return extra_locs.get((theme.id, q.id), (source, loc + ("questions", i)))

                _add_section(
                    definition,
                    theme.questions,
                    step,
                    theme.id,
                    theme,
                    pane.id,
                    False,
                    locate,
                    where,
                    issues,
                )
    definition.added_keys = frozenset(f"{e.theme}.{e.question.id}" for e in extra)
    _resolve_choices(definition)
    _index_roles(definition, where, issues)
    _compile_visibility(definition, where, issues)
    _compile_gates(definition, source, issues)
    _check_consent_key(definition, source, issues)
    if issues:
        raise DefinitionError(source.file, _sorted(issues))
    return definition


def _merge_extra(spec: DefinitionSpec, extra: Sequence[ExtraQuestion]) -> DefinitionSpec:
    if not extra:
        return spec
    steps = []
    for step in spec.steps:
        panes = []
        for pane in step.panes:
            themes = []
            for theme in pane.themes:
                added = tuple(e.question for e in extra if e.theme == theme.id)
                themes.append(theme.model_copy(update={"questions": theme.questions + added}))
            panes.append(pane.model_copy(update={"themes": tuple(themes)}))
        steps.append(step.model_copy(update={"panes": tuple(panes)}))
    return spec.model_copy(update={"steps": tuple(steps)})


def _add_section(
    definition: FormDefinition,
    questions: Sequence[Question],
    step: Step,
    section: str,
    theme: Theme | None,
    pane: str | None,
    builtin: bool,
    locate: Any,
    where: dict[str, tuple[Source, Loc]],
    issues: list[DefinitionIssue],
) -> None:
    keys = definition.section_keys.setdefault(section, [])
    for index, question in enumerate(questions):
        origin, loc = locate(question, index)
        key = f"{section}.{question.id}"
        if not builtin and theme is not None and question.id in RESERVED_THEME_KEYS:
            issues.append(
                origin.issue(loc + ("id",), f"« {question.id} » est réservé dans un thème")
            )
            continue
        if key in definition.fields:
            issues.append(origin.issue(loc + ("id",), f"question « {key} » en double"))
            continue
        sensitive = question.sensitive or (theme is not None and theme.sensitive)
        definition.fields[key] = FieldSpec(
            key, question, step.id, section, theme.id if theme else None, pane, sensitive, builtin
        )
        where[key] = (origin, loc)
        keys.append(key)


def _check_situations(
    theme: Theme, source: Source, loc: Loc, issues: list[DefinitionIssue]
) -> None:
    seen: set[str] = set()
    for index, situation in enumerate(theme.situations):
        if situation.id in seen:
            issues.append(
                source.issue(
                    loc + ("situations", index, "id"),
                    f"situation « {situation.id} » en double dans « {theme.id} »",
                )
            )
        seen.add(situation.id)


def _resolve_choices(definition: FormDefinition) -> None:
    theme_choices = {theme.id: theme.label for theme in definition.themes()}
    for key, spec in list(definition.fields.items()):
        if spec.question.type not in CHOICE_TYPES:
            continue
        if spec.question.choices_from == "themes":
            labels = dict(theme_choices)
        else:
            labels = {choice.value: choice.label for choice in spec.question.choices}
        definition.fields[key] = FieldSpec(
            spec.key,
            spec.question,
            spec.step,
            spec.section,
            spec.theme,
            spec.pane,
            spec.sensitive,
            spec.builtin,
            tuple(labels),
            labels,
        )


def _index_roles(
    definition: FormDefinition, where: dict[str, tuple[Source, Loc]], issues: list[DefinitionIssue]
) -> None:
    for key, spec in definition.fields.items():
        role = spec.question.role
        if role is None:
            continue
        if role in definition.role_keys:
            origin, loc = where[key]
            first = definition.role_keys[role]
            issues.append(
                origin.issue(loc + ("role",), f"rôle « {role.value} » déjà tenu par « {first} »")
            )
            continue
        definition.role_keys[role] = key


def _parse(
    text: str, origin: Source, loc: Loc, issues: list[DefinitionIssue]
) -> expressions.Node | None:
    try:
        return expressions.parse(text)
    except expressions.ExpressionSyntaxError as exc:
        issues.append(
            origin.issue(
                loc, f"expression invalide ({exc.reason}, position {exc.position + 1}) : {text}"
            )
        )
        return None


def _check_references(
    definition: FormDefinition,
    node: expressions.Node,
    origin: Source,
    loc: Loc,
    issues: list[DefinitionIssue],
) -> bool:
    fine = True
    for ref in sorted(expressions.references(node)):
        if ref not in definition.fields:
            issues.append(
                origin.issue(loc, f"« {ref} » ne désigne aucune question de ce formulaire")
            )
            fine = False
    for ref, literal in expressions.compared_literals(node):
        spec = definition.fields.get(ref)
        if spec is None or spec.question.type not in CHOICE_TYPES or literal is None:
            continue
        if literal not in spec.choices:
            issues.append(origin.issue(loc, f"« {literal} » n'est pas un choix de « {ref} »"))
    return fine


def _compile_visibility(
    definition: FormDefinition, where: dict[str, tuple[Source, Loc]], issues: list[DefinitionIssue]
) -> None:
    graph: dict[str, set[str]] = {}
    for key, spec in definition.fields.items():
        if spec.question.visible_if is None:
            continue
        origin, loc = where[key]
        node = _parse(spec.question.visible_if, origin, loc + ("visible_if",), issues)
        if node is None:
            continue
        if _check_references(definition, node, origin, loc + ("visible_if",), issues):
            definition.visibility[key] = node
            graph[key] = expressions.references(node)
    order, cycle = _topological_order(graph)
    if cycle:
        origin, loc = where[cycle[0]]
        issues.append(
            origin.issue(loc + ("visible_if",), "visible_if forme un cycle : " + " → ".join(cycle))
        )
    definition.visibility_order = order


def _topological_order(graph: dict[str, set[str]]) -> tuple[list[str], list[str]]:
    """Keys with a condition, each after the keys it reads; or the first cycle found."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: being visited, 2: done
    path: list[str] = []

    def visit(key: str) -> list[str]:
        if state.get(key) == 2 or key not in graph:
            return []
        if state.get(key) == 1:
            return path[path.index(key) :] + [key]
        state[key] = 1
        path.append(key)
        for ref in sorted(graph[key]):
            cycle = visit(ref)
            if cycle:
                return cycle
        path.pop()
        state[key] = 2
        order.append(key)
        return []

    for key in graph:
        cycle = visit(key)
        if cycle:
            return order, cycle
    return order, []


def _compile_gates(
    definition: FormDefinition, source: Source, issues: list[DefinitionIssue]
) -> None:
    for index, step in enumerate(definition.steps):
        if step.advance_if is None:
            continue
        loc: Loc = ("steps", index, "advance_if")
        node = _parse(step.advance_if, source, loc, issues)
        if node is not None and _check_references(definition, node, source, loc, issues):
            definition.gates[step.id] = node


def _check_consent_key(
    definition: FormDefinition, source: Source, issues: list[DefinitionIssue]
) -> None:
    key = definition.spec.sensitive_consent
    if key is None:
        return
    spec = definition.fields.get(key)
    if spec is None or spec.question.type != QuestionType.YES_NO:
        issues.append(
            source.issue(("sensitive_consent",), f"« {key} » doit désigner une question oui/non")
        )


def _sorted(issues: list[DefinitionIssue]) -> list[DefinitionIssue]:
    unique = list(dict.fromkeys(issues))
    return sorted(unique, key=lambda issue: (issue.file, issue.line))
