"""Build the spie-desktop bundle, provision it for a territory, and pack it.

    python -m installer.build                                  # unprovisioned bundle
    python -m installer.build --territory 12 --server https://spie.aveyron.fr \\
        --ca territory-ca.pem [--name "SPIE Aveyron"] [--lock-timeout 10] [--retention-months 24]

(``make installer TERRITORY=12 SERVER=… CA=…`` runs the same.) Steps: check the provisioning
values (before spending a minute on the build), run PyInstaller with
``installer/spie-desktop.spec`` into ``build/`` and ``dist/``, write ``provisioning.json``
beside the executable, run the bundle's own ``--self-check``, then on Linux pack
``dist/spie-desktop-<version>[-t<territory>]-linux-<arch>.tar.xz``. Sizes are printed
against the targets (bench/targets.toml). On Windows and macOS the bundle is made and provisioned
the same way; then follow ``installer/windows/README.md`` or ``installer/macos/README.md``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spie_desktop import __version__
from spie_desktop.provisioning import (
    DEFAULT_LOCK_TIMEOUT_MINUTES,
    DEFAULT_RETENTION_MONTHS,
    FILE_NAME,
    Provisioning,
    ProvisioningRefused,
    make_provisioning,
    write_file,
)

from . import linux_package

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "spie-desktop.spec"
BUNDLE_DIR = "spie-desktop"
MAX_UNPACKED_MB = 150
MAX_COMPRESSED_MB = 70


class BuildError(Exception):
    """A build step failed; the message is one line for the administrator."""


@dataclass(frozen=True)
class BuildResult:
    bundle: Path
    executable: Path
    archive: Path | None
    unpacked_bytes: int
    archive_bytes: int | None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m installer.build",
        description="Build the spie-desktop bundle; with --territory/--server/--ca, provision "
        "it for a territory.",
    )
    parser.add_argument(
        "--territory", help="territory code of the list, e.g. 12, 69M or CTG (973 still accepted)"
    )
    parser.add_argument("--server", help="territory server URL, e.g. https://spie.aveyron.fr")
    parser.add_argument(
        "--ca", type=Path, help="territory CA certificate (spie-server territory ca-cert CODE)"
    )
    parser.add_argument("--name", default="", help='bundle name in menus, e.g. "SPIE Aveyron"')
    parser.add_argument(
        "--lock-timeout",
        type=int,
        default=DEFAULT_LOCK_TIMEOUT_MINUTES,
        metavar="MINUTES",
        help="lock after this much inactivity",
    )
    parser.add_argument(
        "--retention-months",
        type=int,
        default=DEFAULT_RETENTION_MONTHS,
        metavar="MONTHS",
        help="keep files this long after support ends",
    )
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help="PyInstaller's work folder",
    )
    parser.add_argument("--no-archive", action="store_true", help="stop after the bundle")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="skip PyInstaller if the bundle exists (re-provision and re-pack)",
    )
    return parser.parse_args(argv)


def provisioning_from_args(args: argparse.Namespace) -> Provisioning | None:
    """The checked provisioning asked for, ``None`` for an unprovisioned bundle."""
    given = [name for name in ("territory", "server", "ca") if getattr(args, name)]
    if not given:
        return None
    if len(given) != 3:
        missing = sorted({"territory", "server", "ca"} - set(given))
        raise BuildError(
            "provisioning needs --territory, --server and --ca together "
            f"(missing: {', '.join('--' + m for m in missing)})"
        )
    try:
        ca_pem = Path(args.ca).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(f"cannot read the CA certificate {args.ca}: {exc}") from None
    try:
        return make_provisioning(
            args.territory,
            args.server,
            ca_pem,
            lock_timeout_minutes=args.lock_timeout,
            retention_months=args.retention_months,
            bundle_name=args.name,
        )
    except ProvisioningRefused as exc:
        raise BuildError(exc.reason_en) from None


def run_pyinstaller(dist: Path, work: Path) -> Path:
    dist.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]  # fmt: skip
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit status {result.returncode})")
    return dist / BUNDLE_DIR


def executable_of(bundle: Path) -> Path:
    suffix = ".exe" if sys.platform == "win32" else ""
    return bundle / f"{BUNDLE_DIR}{suffix}"


def provision(bundle: Path, provisioning: Provisioning | None) -> Path | None:
    """Write (or, for an unprovisioned build, remove) ``provisioning.json`` in the bundle."""
    target = bundle / FILE_NAME
    if provisioning is None:
        target.unlink(missing_ok=True)
        return None
    write_file(target, provisioning)
    return target


def self_check(executable: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPIE_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [str(executable), "--self-check"]
    if sys.platform == "win32":
        command[0] = str(executable.with_name(f"{BUNDLE_DIR}-console.exe"))
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        sys.stderr.write(result.stderr[-4000:])
        raise BuildError("the bundle's self-check failed (see above)")


def build(args: argparse.Namespace) -> BuildResult:
    provisioning = provisioning_from_args(args)
    dist, work = Path(args.dist).resolve(), Path(args.work).resolve()
    bundle = dist / BUNDLE_DIR
    started = time.monotonic()
    if not (args.reuse and executable_of(bundle).exists()):
        print(f"building spie-desktop {__version__} with PyInstaller (1–5 min)…", flush=True)
        bundle = run_pyinstaller(dist, work)
        print(f"bundle built in {time.monotonic() - started:.0f} s: {bundle}", flush=True)
    written = provision(bundle, provisioning)
    if provisioning is not None:
        print(
            f"provisioned for territory {provisioning.territory_code}, "
            f"server {provisioning.server_url}: {written}"
        )
    else:
        print("unprovisioned bundle (set-up will ask for the territory)")
    self_check(executable_of(bundle))
    archive = None
    if sys.platform.startswith("linux") and not args.no_archive:
        archive = linux_package.make_archive(
            bundle,
            dist,
            __version__,
            territory=provisioning.territory_code if provisioning else None,
            bundle_name=provisioning.bundle_name if provisioning else "",
        )
    return BuildResult(
        bundle=bundle,
        executable=executable_of(bundle),
        archive=archive,
        unpacked_bytes=linux_package.tree_size(bundle),
        archive_bytes=archive.stat().st_size if archive else None,
    )


def report(result: BuildResult) -> str:
    mb = 1024 * 1024
    unpacked = result.unpacked_bytes / mb
    lines = [
        f"bundle   : {result.bundle} — {unpacked:.1f} MB unpacked "
        f"(target < {MAX_UNPACKED_MB} MB: {'met' if unpacked < MAX_UNPACKED_MB else 'NOT met'})"
    ]
    if result.archive is not None and result.archive_bytes is not None:
        packed = result.archive_bytes / mb
        verdict = "met" if packed < MAX_COMPRESSED_MB else "NOT met"
        lines.append(
            f"archive  : {result.archive} — {packed:.1f} MB "
            f"(target < {MAX_COMPRESSED_MB} MB: {verdict})"
        )
    elif sys.platform == "win32":
        lines.append(
            "next     : iscc installer\\windows\\spie-desktop.iss (installer/windows/README.md)"
        )
    elif sys.platform == "darwin":
        lines.append("next     : sign and notarise dist/SPIE.app (installer/macos/README.md)")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        result = build(args)
    except BuildError as exc:
        print(f"installer.build: error: {exc}", file=sys.stderr)
        return 1
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
