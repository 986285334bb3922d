"""Looking for a forgotten person everywhere a device keeps bytes: every decrypted page of the
store file (free pages included: what ``secure_delete`` must have overwritten), the store's
SQL dump, and every other file of the data directory (WAL, logs, keys, config, exports)."""

from __future__ import annotations

import uuid
from pathlib import Path
from sqlite3.dump import _iterdump

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from spie_desktop.config import store_path
from spie_desktop.storage.engine import connect_raw
from spie_desktop.storage.session import Session

PAGE = 4096  # SQLCipher 4 defaults: 4 KiB pages ending with a 16-byte IV and a 64-byte HMAC
RESERVE = 80
SALT = 16
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(page: bytes, number: int, data_key: bytes) -> bytes:
    body_start = SALT if number == 1 else 0
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(data_key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[body_start : PAGE - RESERVE]) + decryptor.finalize()


def decrypted_pages(path: Path, data_key: bytes) -> bytes:
    """Every page of a SQLCipher 4 file decrypted with its raw key, in file order."""
    raw = path.read_bytes()
    out = bytearray()
    for index, start in enumerate(range(0, len(raw) - len(raw) % PAGE, PAGE)):
        out += _decrypt_page(raw[start : start + PAGE], index + 1, data_key)
    return bytes(out)


def decrypted_wal(path: Path, data_key: bytes) -> bytes:
    """Every frame of a WAL file (32-byte header, then 24-byte frame headers each before
    one encrypted page), decrypted."""
    if not path.exists():
        return b""
    raw = path.read_bytes()
    out = bytearray()
    start = WAL_HEADER
    while start + FRAME_HEADER + PAGE <= len(raw):
        number = int.from_bytes(raw[start : start + 4], "big")
        page = raw[start + FRAME_HEADER : start + FRAME_HEADER + PAGE]
        out += _decrypt_page(page, number, data_key)
        start += FRAME_HEADER + PAGE
    return bytes(out)


def sql_dump(path: Path, data_key: bytes) -> str:
    conn = connect_raw(path, data_key)
    try:
        return "\n".join(_iterdump(conn))  # sqlite3's own dump, over the SQLCipher connection
    finally:
        conn.close()


def traces(data_dir: Path, data_key: bytes, needles: list[str]) -> dict[str, list[str]]:
    """Where each needle (case-insensitive, also as JSON escapes) is still found."""
    store = store_path(data_dir)
    places: dict[str, bytes] = {
        "dump": sql_dump(store, data_key).encode("utf-8"),
        "pages": decrypted_pages(store, data_key),
        "wal pages": decrypted_wal(store.with_name(store.name + "-wal"), data_key),
    }
    for path in sorted(data_dir.rglob("*")):
        if path.is_file() and path != store:
            places[str(path.relative_to(data_dir))] = path.read_bytes()
    found: dict[str, list[str]] = {}
    for needle in needles:
        variants = {needle, needle.lower(), needle.upper()}
        escaped = {
            v.encode("ascii", "backslashreplace").decode().replace("\\x", "\\u00") for v in variants
        }
        forms = {v.encode("utf-8") for v in variants | escaped} | id_forms(needle)
        for place, data in places.items():
            low = data.lower()
            if any(form in data or form.lower() in low for form in forms):
                found.setdefault(needle, []).append(place)
    return found


def id_forms(needle: str) -> set[bytes]:
    """An id is stored as its 16 bytes (a page holds them raw, the dump shows X'hex'); the
    wire and the logs write its text. Nothing more for a needle that is not an id."""
    try:
        as_id = uuid.UUID(needle)
    except ValueError:
        return set()
    return {as_id.bytes, as_id.hex.encode("ascii")}


def names(line: str, record_id: uuid.UUID) -> bool:
    """A dump line names the record: its id as text (JSON, logs) or as a blob (X'hex')."""
    return str(record_id) in line or record_id.hex in line.lower()


def person_needles(person_id: uuid.UUID, *texts: str) -> list[str]:
    return [str(person_id), *texts]


def session_key(session: Session) -> bytes:
    return session.data_key
