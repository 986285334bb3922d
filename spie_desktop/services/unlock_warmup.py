"""What an unlock needs, loaded while the person types their passphrase.

The unlock window is shown before SQLAlchemy, SQLCipher, the cipher, the key derivation and
the territory certificate request are imported: start-up must not wait for them. An unlock
needs every one of them (:func:`spie_desktop.services.device.unlock` opens the store, then asks for the
counsellor's territory certificate), so the window loads them on the database lane as soon
as it has been painted; by the time a passphrase is submitted they are in memory and the
unlock is no slower than when start-up imported them.
"""

from __future__ import annotations

import importlib

#: The modules :func:`spie_desktop.services.device.unlock` imports on its way (each pulls
#: in its own heavy libraries: SQLAlchemy and sqlcipher3; argon2, cryptography and pydantic).
#: Not the PDF stack (pyHanko, reportlab) nor the HTTP client (requests): an unlock signs and
#: sends nothing, the first signature and the first sync import them.
UNLOCK_MODULES = (
    "spie_desktop.storage.store",
    "spie_desktop.services.signing_keys",
    "spie_desktop.sync.certificate_requests",
)


def load_unlock_modules() -> None:
    """Import what an unlock will use (instant once done; safe to call again)."""
    for name in UNLOCK_MODULES:
        importlib.import_module(name)
