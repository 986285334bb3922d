"""The Linux bundle: its size (target < 150 MB unpacked, < 70 MB compressed) and the time
from process start to the unlock window (target < 0.5 s). Prints figures, asserts nothing.

Uses the bundle folder given as argument (``python -m bench.bench_bundle PATH``), else
``dist/spie-desktop`` if ``make installer`` made one, else builds an unprovisioned bundle in
a temporary folder first (1–5 minutes). The device is set up by the bundle's own
``init``, then the bundle is started several times with ``SPIE_BENCH_EXIT_ON_SHOW=1`` on
the offscreen platform; the first run (cold caches for the bundle's files) is shown apart.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from bench.targets import target

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
TARGET_S = target("bundle", "startup_s")
MB = 1024 * 1024
PASSPHRASE = "banc essai du paquet"


def find_or_build(tmp: Path, given: Path | None = None) -> Path:
    if given is not None:
        print(f"bundle: {given}")
        return given
    existing = ROOT / "dist" / "spie-desktop"
    if (existing / "spie-desktop").is_file():
        print(f"bundle: {existing} (from make installer)")
        return existing
    from installer.build import build, parse_args

    print("bundle: none in dist/, building one (unprovisioned) in a temporary folder…")
    args = parse_args(["--dist", str(tmp / "dist"), "--work", str(tmp / "work"), "--no-archive"])
    return build(args).bundle


def sizes(bundle: Path, tmp: Path) -> None:
    from installer.linux_package import XZ_PRESET, tree_size

    unpacked = tree_size(bundle)
    started = time.perf_counter()
    archive = tmp / "bundle.tar.xz"
    with tarfile.open(archive, "w:xz", preset=XZ_PRESET) as tar:  # as installer.linux_package
        tar.add(bundle, arcname="spie-desktop")
    packed = archive.stat().st_size
    print(
        f"size: {unpacked / MB:.1f} MB unpacked (target < 150), "
        f"{packed / MB:.1f} MB tar.xz (target < 70; packed in {time.perf_counter() - started:.0f} s)"
    )
    parts = sorted(
        (
            (tree_size(p) if p.is_dir() else p.stat().st_size, p.name)
            for p in (bundle / "_internal").iterdir()
            if not p.is_symlink()
        ),
        reverse=True,
    )
    print("  largest parts: " + ", ".join(f"{name} {size / MB:.1f}" for size, name in parts[:8]))


def territory_of(bundle: Path) -> str:
    path = bundle / "provisioning.json"
    if path.is_file():
        return str(json.loads(path.read_text(encoding="utf-8"))["territory_code"])
    return "12"


def env_for(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "SPIE_PASSPHRASE": PASSPHRASE,
    }


def start_once(executable: Path, data_dir: Path, env: dict[str, str]) -> tuple[float, float]:
    """(seconds reported by the app, seconds seen from outside, exit included)."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(executable), "--data-dir", str(data_dir)],
        env={**env, "SPIE_BENCH_EXIT_ON_SHOW": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    outside = time.perf_counter() - started
    line = next(s for s in result.stdout.splitlines() if s.startswith("first window shown after"))
    return float(line.split()[4]), outside


def startup(bundle: Path, tmp: Path) -> None:
    executable = bundle / "spie-desktop"
    env = env_for(tmp)
    data_dir = tmp / "device"
    subprocess.run(
        [
            str(executable),
            "init",
            "--data-dir",
            str(data_dir),
            "--territory",
            territory_of(bundle),
            "--structure",
            "Banc d'essai",
            "--counsellor",
            "Banc d'essai",
            "--field",
            "social",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    cold = start_once(executable, data_dir, env)
    runs = [start_once(executable, data_dir, env) for _ in range(RUNS)]
    inside = [r[0] for r in runs]
    median = statistics.median(inside)
    print(f"startup: bundle start → unlock window shown, {RUNS} runs after one cold run")
    print(f"  first (cold) run    : {cold[0]:.3f} s reported, {cold[1]:.3f} s seen")
    print(
        f"  reported by the app : median {median:.3f} s, min {min(inside):.3f} s, "
        f"max {max(inside):.3f} s"
    )
    print(
        f"  seen by the parent  : median {statistics.median(r[1] for r in runs):.3f} s "
        "(includes exit)"
    )
    print(f"  target < {TARGET_S:.1f} s: {'met' if median < TARGET_S else 'NOT met'}")


def main(argv: list[str] | None = None) -> None:
    if not sys.platform.startswith("linux"):
        print("bench_bundle: Linux only")
        return
    args = argv or []
    with tempfile.TemporaryDirectory(prefix="spie-bench-bundle-") as name:
        tmp = Path(name)
        bundle = find_or_build(tmp, Path(args[0]).resolve() if args else None)
        sizes(bundle, tmp)
        startup(bundle, tmp)


if __name__ == "__main__":
    main(sys.argv[1:])
