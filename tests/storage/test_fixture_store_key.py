"""The 0012 fixture store's key (tests/fixtures/store_0012_content.py ``data_key``) is
derived with argon2's real function whatever the suite has put in place: its key slot was
made at the real cost, so the cheap derivation (tests/cheap_kdf.py) would give another key."""

from __future__ import annotations

from spie_desktop.storage import kdf
from spie_desktop.storage.store import check_store_file
from tests.cheap_kdf import cheap_hash_secret_raw
from tests.fixtures.store_0012_content import FIXTURE, data_key


def test_the_fixture_key_opens_the_fixture_store_under_the_cheap_derivation() -> None:
    assert kdf.hash_secret_raw is cheap_hash_secret_raw  # not marked real_kdf
    data_key.cache_clear()  # derived here, not remembered from a real_kdf test
    check_store_file(FIXTURE / "store.db", data_key())  # read-only: the fixture stays
    assert kdf.hash_secret_raw is cheap_hash_secret_raw  # and the suite's is back
