"""Bearer tokens and enrolment codes: random, shown once, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import hmac
import secrets

#: No 0/O, 1/I/L, 5/S, 8/B: readable over the phone and off a sheet of paper.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY234679"
CODE_LENGTH = 10


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def same_hash(stored: str, presented: str) -> bool:
    """Constant-time comparison of a stored hash with the hash of what was presented."""
    return hmac.compare_digest(stored.encode("ascii"), hash_secret(presented).encode("ascii"))


def new_enrolment_code() -> str:
    """``K7QF-9M2X-TD``: 10 characters (about 47 bits) in groups of 4-4-2."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(text: str) -> str:
    """Uppercase, without the dashes and spaces people add or drop when typing it."""
    return "".join(ch for ch in text.upper() if ch not in "- \t")
