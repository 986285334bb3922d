"""``plan list``, ``plan export`` and ``plan verify`` end to end on a demo store."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .conftest import Run, assert_one_error_line

LINE = re.compile(
    r"^(?P<plan>[0-9a-f-]{36})\t(?P<person>[0-9a-f-]{36})\t(?P<version>\d+)\t"
    r"(?P<status>draft|signed|superseded)\t(?P<date>\d\d/\d\d/\d{4}|-)\t(?P<sha>[0-9a-f]{12}|-)$"
)


def test_list_export_and_verify_the_signed_demo_plans(
    data_dir: Path, cli: Run, tmp_path: Path
) -> None:
    data = ["--data-dir", str(data_dir)]
    demo = cli("demo", "--people", "40", "--signed-plans", "2", *data)
    assert demo.returncode == 0, demo.stderr
    assert "et 2 plans signés" in demo.stdout

    listing = cli("plan", "list", *data)
    assert listing.returncode == 0, listing.stderr
    rows = [LINE.match(line) for line in listing.stdout.splitlines()]
    assert rows and all(rows), listing.stdout
    signed = [r for r in rows if r and r["status"] == "signed"]
    drafts = [r for r in rows if r and r["status"] == "draft"]
    assert len(signed) == 2 and drafts
    assert all(r["date"] != "-" and r["sha"] != "-" for r in signed)
    assert all(r["date"] == "-" and r["sha"] == "-" for r in drafts)

    out = tmp_path / "plan.pdf"
    exported = cli("plan", "export", signed[0]["plan"], "--out", str(out), *data)
    assert exported.returncode == 0, exported.stderr
    assert hashlib.sha256(out.read_bytes()).hexdigest().startswith(signed[0]["sha"])
    assert out.stat().st_mode & 0o077 == 0

    verified = cli("plan", "verify", str(out), passphrase=None)
    assert verified.returncode == 1, verified.stdout + verified.stderr  # demo keys: self-signed
    lines = verified.stdout.splitlines()
    assert "« Nadia B. (démo) »" in lines[0] and "« Julien R. (démo) »" in lines[1]
    assert "intacte" in lines[0] and "intacte" in lines[1]
    assert "signé hors autorité du territoire" in lines[-1]

    draft = cli("plan", "export", drafts[0]["plan"], "--out", str(tmp_path / "d.pdf"), *data)
    assert_one_error_line(draft, "pas encore signé", "pas de PDF")
    inside = cli("plan", "export", signed[0]["plan"], "--out", str(data_dir / "p.pdf"), *data)
    assert_one_error_line(inside, "dans le dossier de données chiffrées")
    assert not (data_dir / "p.pdf").exists()
