"""Protocol version and its compatibility rule.

The version is ``MAJOR.MINOR``. A peer accepts any version with the same major: a minor bump
only adds optional fields, endpoints or entity names that the other side may ignore. A major
bump breaks the contract; the server answers 426 and lists what it supports.
"""

from __future__ import annotations

PROTOCOL_VERSION = "1.0"
PROTOCOL_HEADER = "SPIE-Protocol"
SUPPORTED_MAJORS: tuple[int, ...] = (1,)


def parse_version(text: str) -> tuple[int, int]:
    """``"1"`` or ``"1.3"`` → (major, minor); raise ValueError for anything else."""
    parts = text.strip().split(".")
    if not 1 <= len(parts) <= 2 or not all(p.isdigit() and len(p) <= 4 for p in parts):
        raise ValueError(f"malformed protocol version: {text!r}")
    major = int(parts[0])
    minor = int(parts[1]) if len(parts) == 2 else 0
    return major, minor


def is_compatible(text: str, supported_majors: tuple[int, ...] = SUPPORTED_MAJORS) -> bool:
    """True when a peer speaking ``text`` can talk to us (same major version)."""
    try:
        major, _ = parse_version(text)
    except ValueError:
        return False
    return major in supported_majors
