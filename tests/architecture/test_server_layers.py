"""The server's rooms and their direction: app > admin > dashboard > indicators > retention |
offers > sync > territory > HTTP plumbing > foundation (pyproject.toml, [tool.importlinter]). A
planted upward import breaks it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.architecture.test_layers import ROOT, contracts, toml_table

ROOMS = [
    "spie_server.app",
    "spie_server.admin",
    "spie_server.dashboard",
    "spie_server.indicators",
    "spie_server.retention | spie_server.offers",
    "spie_server.sync",
    "spie_server.territory",
]


def server_layers() -> dict[str, Any]:
    found = [c for c in contracts() if c["type"] == "layers" and c["layers"][: len(ROOMS)] == ROOMS]
    assert len(found) == 1, "pyproject.toml must state the server layers contract once"
    return found[0]


def test_every_server_module_sits_in_a_layer() -> None:
    """A module added at the top of the package without a place in the contract is unchecked."""
    named = {
        m.strip() for layer in server_layers()["layers"] for m in layer.replace("|", ":").split(":")
    }
    top = {
        f"spie_server.{p.stem if p.is_file() else p.name}"
        for p in (ROOT / "spie_server").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__")
        or (p.is_dir() and (p / "__init__.py").exists() and p.name != "migrations")
    }
    assert top == named


def test_planted_upward_imports_break_the_server_layers(tmp_path: Path) -> None:
    package = tmp_path / "spie_server"
    shutil.copytree(
        ROOT / "spie_server", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (package / "territory" / "planted_upward.py").write_text("import spie_server.sync.push\n")
    (package / "sync" / "planted_admin.py").write_text("from spie_server.admin import undo\n")
    (package / "offers" / "planted_sibling.py").write_text("import spie_server.retention.run\n")
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["spie_server"]\n' + toml_table(server_layers()),
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
    assert "spie_server.territory.planted_upward -> spie_server.sync.push" in result.stdout
    assert "spie_server.sync.planted_admin -> spie_server.admin.undo" in result.stdout
    assert "spie_server.offers.planted_sibling -> spie_server.retention.run" in result.stdout
