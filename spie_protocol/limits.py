"""Sizes both sides agree on; the server answers 413 beyond them."""

from __future__ import annotations

MAX_CHANGES_PER_BATCH = 500
MAX_BODY_BYTES = 2 * 1024 * 1024  # a request body, after gzip decompression
MAX_CHANGE_BYTES = 256 * 1024  # one change, serialised as compact JSON
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 200
MAX_CHUNK_BYTES = 1024 * 1024
MAX_BLOB_BYTES = 32 * 1024 * 1024
MAX_BLOBS_PER_REQUEST = 200  # hashes one blob fetch or upload names
MAX_FETCH_ANSWER_BYTES = 1024 * 1024  # blobs a fetch answer holds (at least one, whatever its size)
MAX_COUNSELLORS_PER_DEVICE = 20
