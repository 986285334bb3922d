"""The Linux bundle: its size unpacked and compressed and the time from process start to the
unlock window (targets: bench/targets.toml [bundle]). Returns figures, asserts nothing.

Uses the bundle folder given as argument (``python -m bench.bench_bundle PATH``), else
``dist/spie-desktop`` if ``make installer`` made one, else builds an unprovisioned bundle in
a temporary folder first (1–5 minutes). The device is set up by the bundle's own
``init``, then the bundle is started several times with ``SPIE_BENCH_EXIT_ON_SHOW=1`` on
the offscreen platform; the first run (cold caches for the bundle's files) is shown apart.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from bench.figures import Figure, figure, print_figures

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7
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


def sizes(bundle: Path, tmp: Path) -> tuple[float, float]:
    """(MB unpacked, MB as tar.xz); the largest parts are printed."""
    from installer.linux_package import XZ_PRESET, tree_size

    unpacked = tree_size(bundle)
    started = time.perf_counter()
    archive = tmp / "bundle.tar.xz"
    with tarfile.open(archive, "w:xz", preset=XZ_PRESET) as tar:  # as installer.linux_package
        tar.add(bundle, arcname="spie-desktop")
    packed = archive.stat().st_size
    print(f"  packed in {time.perf_counter() - started:.0f} s")
    parts = sorted(
        (
            (tree_size(p) if p.is_dir() else p.stat().st_size, p.name)
            for p in (bundle / "_internal").iterdir()
            if not p.is_symlink()
        ),
        reverse=True,
    )
    print("  largest parts: " + ", ".join(f"{name} {size / MB:.1f}" for size, name in parts[:8]))
    return unpacked / MB, packed / MB


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


def startup(bundle: Path, tmp: Path, runs: int) -> tuple[list[float], float]:
    """The app's own start → unlock window times over ``runs`` runs after one cold run, and
    the cold run's."""
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
    return [start_once(executable, data_dir, env)[0] for _ in range(runs)], cold[0]


MEASURES = ("bundle.unpacked_mb", "bundle.compressed_mb", "bundle.startup_s")


def figures(quick: bool, given: Path | None = None) -> list[Figure]:
    """The bundle in dist/ (make installer), or one built here; a quick run measures only an
    existing one (a build takes minutes)."""
    if not sys.platform.startswith("linux"):
        print("bench_bundle: Linux only")
        return []
    if quick and given is None and not (ROOT / "dist" / "spie-desktop" / "spie-desktop").is_file():
        print("bench_bundle: no bundle in dist/ and a quick run does not build one")
        return []
    with tempfile.TemporaryDirectory(prefix="spie-bench-bundle-") as name:
        tmp = Path(name)
        bundle = find_or_build(tmp, given)
        unpacked, packed = sizes(bundle, tmp)
        warm, cold = startup(bundle, tmp, 2 if quick else RUNS)
    return [
        figure("bundle.unpacked_mb", "MB", [unpacked]),
        figure("bundle.compressed_mb", "MB", [packed], note="tar.xz as installer.linux_package"),
        figure("bundle.startup_s", "s", warm, note="as reported by the app, after a cold run"),
        figure("bundle.cold_startup_s", "s", [cold], informational=True),
    ]


def main(argv: list[str] | None = None) -> None:
    args = argv or []
    print_figures(figures(quick=False, given=Path(args[0]).resolve() if args else None))


if __name__ == "__main__":
    main(sys.argv[1:])
