"""What the benchmark modules declare, read from their source (nothing heavy is imported or
run): the targets each lists in MEASURES and the figures its ``figures()`` builds."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from bench.targets import Target

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


@dataclass
class Declared:
    measures: tuple[str, ...] | None  # None: the module has no MEASURES
    has_figures: bool
    target_figures: set[str] = field(default_factory=set)  # figure("x", …) not informational
    dynamic_target_figures: int = 0  # non-informational figures with a computed name


def declared(source: str) -> Declared:
    tree = ast.parse(source)
    measures: tuple[str, ...] | None = None
    has_figures = False
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "figures":
            has_figures = True
        value = None
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "MEASURES" for t in node.targets
        ):
            value = node.value
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            value = node.value if node.target.id == "MEASURES" else None
        if value is not None:
            measures = tuple(ast.literal_eval(value))
    found = Declared(measures, has_figures)
    for call in ast.walk(tree):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
            continue
        if call.func.id != "figure" or not call.args:
            continue
        informational = any(
            k.arg == "informational" and isinstance(k.value, ast.Constant) and k.value.value
            for k in call.keywords
        )
        if informational:
            continue
        name = call.args[0]
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            found.target_figures.add(name.value)
        else:
            found.dynamic_target_figures += 1
    return found


def module_sources(folder: Path = BENCH_DIR) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("bench_*.py"))}


def problems(targets: list[Target], sources: dict[str, str]) -> list[str]:
    """Every disagreement between targets.toml and the modules, as sentences."""
    modules = {name: declared(source) for name, source in sources.items()}
    found: list[str] = []
    declared_by: dict[str, str] = {}
    for name, mod in modules.items():
        if mod.measures is None:
            found.append(f"{name} has no MEASURES")
            continue
        for key in mod.measures:
            declared_by[key] = name
        if mod.has_figures:
            for fig in sorted(mod.target_figures - set(mod.measures)):
                found.append(f"{name} builds figure {fig} with no target: add it or informational")
            for key in sorted(set(mod.measures) - mod.target_figures):
                found.append(f"{name} lists {key} in MEASURES but builds no such figure")
            if mod.dynamic_target_figures:
                found.append(f"{name} builds a figure with a computed name and no informational")
    keys = {t.key for t in targets}
    for key, name in sorted(declared_by.items()):
        if key not in keys:
            found.append(f"{name} measures {key}, which targets.toml does not have")
    for tgt in targets:
        by = declared_by.get(tgt.key)
        if tgt.pending:
            if by:
                found.append(f"{tgt.key} is pending in targets.toml but {by} measures it")
        elif by is None:
            found.append(f"{tgt.key}: no module measures it (mark it pending, with why)")
        elif tgt.bench != by:
            found.append(f"{tgt.key} names {tgt.bench} but {by} measures it")
    return found
