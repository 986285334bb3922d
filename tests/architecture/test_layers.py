"""The architecture is the dependency direction: check it with import-linter's contracts.

The contracts live in pyproject.toml ([tool.importlinter]): nothing outside ``spie_desktop.ui``
imports PySide6; ``domain`` and ``forms`` import no SQLAlchemy, requests, reportlab or pyHanko;
the server and the desktop package never import each other; the desktop package is layered
``ui > services > sync > plan | storage > forms > domain`` and the UI reaches storage, sync and
plans only through services.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

DESKTOP_LAYERS = [
    "spie_desktop.ui",
    "spie_desktop.services",
    "spie_desktop.sync",
    "spie_desktop.plan | spie_desktop.storage",
    "spie_desktop.forms",
    "spie_desktop.domain",
]


def contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return found


def layers_contract() -> dict[str, Any]:
    layered = [c for c in contracts() if c["type"] == "layers" and c["layers"] == DESKTOP_LAYERS]
    assert len(layered) == 1, "pyproject.toml must state the desktop layers contract once"
    return layered[0]


def ui_contract() -> dict[str, Any]:
    found = [
        c
        for c in contracts()
        if c["type"] == "forbidden"
        and c["source_modules"] == ["spie_desktop.ui"]
        and {"spie_desktop.storage", "spie_desktop.sync", "spie_desktop.plan"}
        <= set(c["forbidden_modules"])
    ]
    assert len(found) == 1, "pyproject.toml must forbid ui -> storage, sync, plan once"
    return found[0]


def toml_table(contract: dict[str, Any]) -> str:
    """One ``[[tool.importlinter.contracts]]`` table (strings, booleans, lists of strings)."""
    lines = ["[[tool.importlinter.contracts]]"]
    for key, value in contract.items():
        text = ("true" if value else "false") if isinstance(value, bool) else json.dumps(value)
        lines.append(f"{key} = {text}")
    return "\n".join(lines) + "\n"


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: " in result.stdout and " broken" in result.stdout


def test_a_forbidden_import_is_caught(tmp_path: Path) -> None:
    """The checker really sees a Qt import in the core (so the contract can fail)."""
    package = tmp_path / "spie_desktop"
    (package / "domain").mkdir(parents=True)
    (package / "ui").mkdir()
    (package / "__init__.py").write_text("")
    (package / "ui" / "__init__.py").write_text("")
    (package / "domain" / "__init__.py").write_text("import PySide6.QtCore\n")
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["spie_desktop"]\ninclude_external_packages = true\n'
        '[[tool.importlinter.contracts]]\nname = "no Qt"\ntype = "forbidden"\n'
        'source_modules = ["spie_desktop.domain"]\nforbidden_modules = ["PySide6"]\n'
    )
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), str(config), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout or "broken" in result.stdout


def test_planted_upward_imports_break_the_layer_contracts(tmp_path: Path) -> None:
    """A copy of the real package with storage importing the UI breaks the layers contract,
    and the UI importing storage directly breaks the forbidden one: the contracts taken from
    pyproject.toml really catch what they state (the test fails if either is removed)."""
    layers, ui_only_through_services = layers_contract(), ui_contract()
    package = tmp_path / "spie_desktop"
    shutil.copytree(
        ROOT / "spie_desktop", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (package / "storage" / "planted_upward.py").write_text("import spie_desktop.ui\n")
    (package / "ui" / "planted_shortcut.py").write_text(
        "from spie_desktop.storage.session import Session\n"
    )
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["spie_desktop"]\n'
        + toml_table(layers)
        + toml_table(ui_only_through_services),
        encoding="utf-8",
    )
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), str(config), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Contracts: 0 kept, 2 broken." in result.stdout, result.stdout
    assert "spie_desktop.storage.planted_upward -> spie_desktop.ui" in result.stdout
    assert "spie_desktop.ui.planted_shortcut -> spie_desktop.storage.session" in result.stdout


def test_no_two_desktop_modules_import_each_other() -> None:
    """Two-file cycles (loader <-> extensions, enrolment <-> certificate_requests,
    unit_of_work <-> bulk) were broken by moving the shared piece: none may come back."""
    import grimp

    graph = grimp.build_graph("spie_desktop", cache_dir=None)
    cycles = sorted(
        (module, other)
        for module in graph.modules
        for other in graph.find_modules_directly_imported_by(module)
        if module < other and module in graph.find_modules_directly_imported_by(other)
    )
    assert cycles == []
