"""The names ``spie_protocol`` offers are resolved on first use: each one is the object its
submodule defines, and importing a light submodule loads none of the message models."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import spie_protocol

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", spie_protocol.__all__)
def test_each_name_is_its_submodules_own(name: str) -> None:
    home = importlib.import_module(f"spie_protocol.{spie_protocol._HOME[name]}")
    assert getattr(spie_protocol, name) is getattr(home, name)
    assert name in dir(spie_protocol)


def test_every_name_has_a_home_and_an_unknown_one_is_refused() -> None:
    assert sorted(spie_protocol.__all__) == sorted(spie_protocol._HOME)
    with pytest.raises(AttributeError):
        spie_protocol.NoSuchName  # noqa: B018
    from spie_protocol import PushBatch, territories

    assert PushBatch.__module__ == "spie_protocol.messages"
    assert territories.__name__ == "spie_protocol.territories"


def test_a_light_submodule_loads_no_message_models() -> None:
    code = (
        "import sys, spie_protocol.territories, spie_protocol.sharing\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'spie_protocol.messages'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
