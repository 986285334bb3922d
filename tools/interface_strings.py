"""Every sentence the desktop interface shows, found by reading the source (AST): the
``tr("…")`` literals of the UI and the ``say("…")`` literals of the core (the sentences the
domain, services, sync and storage build for the windows: errors, statuses, summaries).

``python tools/interface_strings.py`` lists, for each file, the sentences the English
interface catalogue lacks (``--all``: every sentence). The coverage test
(tests/ui/test_interface_catalogue.py) uses :func:`literals` the same way, and
:func:`unsaid_errors` to refuse a core error written as a bare French string.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "spie_desktop" / "ui"
#: The core: every package of the desktop application but the UI (which uses ``tr``) and the
#: command line (French only, it is not the interface).
CORE = ROOT / "spie_desktop"
NOT_CORE = ("ui", "cli")
#: Labels the UI shows through ``tr(x.label)`` or ``tr(LABELS[x])``, read from where they are
#: defined: a dict (its values), an enum (each member's ``label``), or a function returning
#: a dict of objects with a ``label`` (the referential's themes).
LABEL_SOURCES = (
    "spie_desktop.domain.organisation:Field",
    "spie_desktop.domain.situation:Stage",
    "spie_desktop.domain.situation:AlertKind",
    "spie_desktop.domain.case_review:ReviewStatus",
    "spie_desktop.domain.immersion:ImmersionObjective",
    "spie_desktop.domain.plan:ActionStatus",
    "spie_desktop.domain.events:FOLLOW_UP_LABELS",
    "spie_desktop.domain.parcours:RECORDED_LABELS",
    "spie_desktop.domain.event_details:CHANNEL_LABELS",
    "spie_desktop.domain.event_details:CONTRACT_LABELS",
    "spie_desktop.domain.event_details:DIFFICULTY_LABELS",
    "spie_desktop.domain.support_end:OUTCOME_LABELS",
    "spie_desktop.domain.case_summary:SEX_LABELS",
    "spie_desktop.ui.plan.labels:CONTRACT_LABELS",
    "spie_desktop.ui.plan.labels:OBJECTIVE_STATUS_LABELS",
    "spie_desktop.domain.referential:themes",
    "spie_desktop.ui.situation_chart:MONTHS_FR",
    "spie_desktop.ui.indicators_page:PERIODS",
    "spie_desktop.ui.indicators_page:TABLE_HEADER",
    "spie_protocol.indicators.definitions:DEFINITIONS",
    "spie_protocol.indicators.definitions:CATEGORY_LABELS",
    "spie_desktop.services.sync_status:BADGE_FR",
    "spie_desktop.sync.progress:PHASE_FR",
    "spie_desktop.domain.orientation:_FIELD_LABELS",
    "spie_desktop.domain.plan:SIGNER_LABELS",
    "spie_desktop.sync.progress:COUNTED_WORDS",
    "spie_desktop.services.setup_wizard:STEP_LABELS",
    "spie_desktop.domain.passphrase:SCORE_LABELS_FR",
    "spie_desktop.domain.passphrase:HINTS_FR",
    "spie_desktop.storage.entities:ENTITY_SPECS",
    "spie_desktop.storage.entities:DEFAULT_LABEL_FR",
    "spie_desktop.services.sync_desk:FIELD_LABELS_FR",
    "spie_desktop.services.parked:UNKNOWN_LABEL_FR",
    "spie_desktop.services.parked:REASONS_FR",
    "spie_desktop.services.parked:DEFAULT_REASON_FR",
    "spie_desktop.ui.people_rows:COLUMNS",
    "spie_desktop.ui.situation_rows:COLUMNS",
)
#: The text attributes of a label-bearing object (an indicator's definition).
LABEL_FIELDS = ("label", "how", "unit", "label_fr")


def file_literals(path: Path, function: str = "tr") -> list[tuple[str, int]]:
    """The ``tr`` literals of one file with their line, in source order: ``tr("…")`` and
    ``tr(NAME)`` where ``NAME`` is a string constant of the module or imported from one.
    ``function="say"``: the sentences a core module builds, ``say("…", …)``."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == function
            and node.args
        ):
            continue
        argument = node.args[0]
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
            found.append((argument.value, node.lineno))
        elif isinstance(argument, ast.Name):
            value = _constant(path, tree, argument.id)
            if value is not None:
                found.append((value, node.lineno))
    return sorted(found, key=lambda item: item[1])


def _module_constants(tree: ast.Module) -> dict[str, str]:
    constants: dict[str, str] = {}
    for node in tree.body:
        target = value = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
        ):
            constants[target.id] = value.value
    return constants


def _constant(path: Path, tree: ast.Module, name: str) -> str | None:
    """The string ``name`` stands for in ``path``: its own constant, or one it imports."""
    own = _module_constants(tree)
    if name in own:
        return own[name]
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom) or node.module is None:
            continue
        if not any((alias.asname or alias.name) == name for alias in node.names):
            continue
        original = next(a.name for a in node.names if (a.asname or a.name) == name)
        base = path.parent
        for _ in range(node.level - 1):
            base = base.parent
        parts = node.module.split(".")
        module = (base if node.level else ROOT).joinpath(*parts)
        source = module.with_suffix(".py") if module.with_suffix(".py").exists() else None
        source = source or (module / "__init__.py" if (module / "__init__.py").exists() else None)
        if source is not None:
            found = _module_constants(ast.parse(source.read_text("utf-8"), str(source)))
            return found.get(original)
    return None


def label_literals() -> dict[str, list[str]]:
    """``labels module:NAME`` → the labels of each of :data:`LABEL_SOURCES`."""
    import importlib
    from enum import Enum

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    result: dict[str, list[str]] = {}
    for spec in LABEL_SOURCES:
        module, name = spec.split(":")
        found = getattr(importlib.import_module(module), name)
        if isinstance(found, type) and issubclass(found, Enum):
            labels = [member.label for member in found]  # type: ignore[attr-defined]
        elif callable(found):
            labels = [item.label for item in found().values()]
        else:
            labels = _strings(found)
        result[f"labels {spec}"] = list(dict.fromkeys(label for label in labels if label))
    return result


def _strings(found: object) -> list[str]:
    """The texts inside a table of labels: dict values, tuple items, an object's
    :data:`LABEL_FIELDS`; enumeration members are keys, not texts."""
    from enum import Enum

    if isinstance(found, Enum):
        return []
    if isinstance(found, str):
        return [found]
    if isinstance(found, dict):
        return [text for value in found.values() for text in _strings(value)]
    if isinstance(found, tuple | list):
        return [text for item in found for text in _strings(item)]
    return [t for f in LABEL_FIELDS if isinstance(t := getattr(found, f, None), str)]


def literals(ui: Path = UI) -> dict[str, list[str]]:
    """Relative file name (``plan/plan_page.py``) → its distinct ``tr`` literals; for the
    real UI, the labels of :data:`LABEL_SOURCES` and the core's sentences too
    (``core sync/progress.py`` → its ``say`` literals)."""
    result: dict[str, list[str]] = {} if ui != UI else label_literals()
    for path in sorted(ui.rglob("*.py")):
        _add(result, path.relative_to(ui).as_posix(), file_literals(path))
    if ui == UI:
        for path in core_files():
            _add(result, f"core {path.relative_to(CORE).as_posix()}", file_literals(path, "say"))
    return result


def _add(result: dict[str, list[str]], name: str, found: list[tuple[str, int]]) -> None:
    seen: list[str] = []
    for text, _line in found:
        if text not in seen:
            seen.append(text)
    if seen:
        result[name] = seen


def core_files() -> list[Path]:
    return [
        path
        for path in sorted(CORE.rglob("*.py"))
        if path.relative_to(CORE).parts[0] not in NOT_CORE
    ]


def unsaid_errors() -> list[str]:
    """``file:line`` of each core error built with a bare string for its French message (a
    literal or an f-string instead of ``say("…")``): the interface could not translate it.
    Checked for the errors whose first argument is their message (no ``__init__`` of their
    own) and for ``super().__init__`` inside an error class."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from spie_desktop.domain.errors import SpieError, ValidationError

    plain, every = set(), set()
    for path in core_files():
        _import(path)
    pending: list[type] = [SpieError]
    while pending:
        cls = pending.pop()
        every.add(cls.__name__)
        if cls.__init__ in (SpieError.__init__, ValidationError.__init__):
            plain.add(cls.__name__)
        pending += cls.__subclasses__()
    found = []
    for path in core_files():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and not any(
                isinstance(b, ast.Name) and b.id in every for b in node.bases
            ):
                continue
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call) and n.args]
            for call in calls:
                func = call.func
                named = isinstance(func, ast.Name) and func.id in plain
                inside = isinstance(node, ast.ClassDef) and (
                    isinstance(func, ast.Attribute)
                    and func.attr == "__init__"
                    and isinstance(func.value, ast.Call)
                    and isinstance(func.value.func, ast.Name)
                    and func.value.func.id == "super"
                )
                if (named or inside) and _bare_string(call.args[0]):
                    found.append(f"{path.relative_to(ROOT).as_posix()}:{call.lineno}")
    return sorted(set(found))


def _bare_string(node: ast.expr) -> bool:
    if isinstance(node, ast.BinOp):
        return _bare_string(node.left) or _bare_string(node.right)
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _import(path: Path) -> None:
    import importlib

    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    if "migrations" in parts:
        return
    importlib.import_module(".".join(parts))


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from spie_desktop.domain.interface_texts import english_catalogue

    known = {} if "--all" in argv else english_catalogue()
    missing = 0
    for name, texts in literals().items():
        lacking = [text for text in texts if text not in known]
        for text in lacking:
            print(f"{name}: {text!r}")
        missing += len(lacking)
    print(f"{missing} literal(s) without an English entry", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
