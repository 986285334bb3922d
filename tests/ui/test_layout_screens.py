"""The layout on screens this process cannot have: Qt's offscreen screen is set per process.

* a 1366×768 laptop screen, presentation mode (F11) on, and a case review's « Présenter la
  séance » window on it: ``layout_screen_cases.py``;
* the same screen at 150 % scaling (``QT_SCALE_FACTOR=1.5``, 910×512 logical pixels): the
  workspace tests of ``test_layout_workspace.py`` at that size (pages scroll, nothing is cut
  or overlaps; the plan's 350 px floor is only asked of a full 1366×768), and the
  « Indicateurs » section's layout test (``test_indicators_section.py``) at that scale;
* the same screen with text at 200 %: every dialog and window the accessibility walk opens
  (``text_200_dialog_cases.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def run_on_screen(
    tmp_path: Path, target: str, extra_env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        **extra_env,
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", target],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_presentation_mode_stays_on_a_1366_by_768_screen(tmp_path: Path) -> None:
    result = run_on_screen(tmp_path, str(HERE / "layout_screen_cases.py"), {})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "2 passed" in result.stdout


def test_at_150_percent_scaling_nothing_is_cut_or_overlaps(tmp_path: Path) -> None:
    scaled = {"QT_SCALE_FACTOR": "1.5", "SPIE_LAYOUT_SIZES": "910x512"}
    result = run_on_screen(tmp_path, str(HERE / "test_layout_workspace.py"), scaled)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "3 passed" in result.stdout


def test_indicators_at_150_percent_scaling(tmp_path: Path) -> None:
    scaled = {"QT_SCALE_FACTOR": "1.5"}
    target = str(HERE / "test_indicators_section.py") + "::test_fits_a_laptop_screen"
    result = run_on_screen(tmp_path, target, scaled)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout


def test_at_200_percent_text_no_dialog_scrolls_sideways_or_cuts_a_label(tmp_path: Path) -> None:
    result = run_on_screen(tmp_path, str(HERE / "text_200_dialog_cases.py"), {})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout  # the windows still listed in NOT_YET: « xfailed »
