"""The architecture is the dependency direction: check it with import-linter's contracts.

The contracts live in pyproject.toml ([tool.importlinter]): nothing outside ``spie_desktop.ui``
imports PySide6; ``domain`` and ``forms`` import no SQLAlchemy, requests, reportlab or pyHanko;
the server and the desktop package never import each other.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


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
