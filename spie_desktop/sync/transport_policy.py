"""The rule every connection to the territory server obeys, checked before any is made.

``https://`` to any host; ``http://`` only to this computer (see
:mod:`spie_desktop.server_address`), unless the caller passes ``insecure`` — the command
line's explicit ``--insecure`` — in which case the request goes out in clear with a warning
in the log. :class:`~.client.SyncClient` calls :func:`check_server_url` in its constructor,
so enrolment, sync and certificate requests, from the command line or the window, all pass
here; so does a server address read back from the store or ``config.toml``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from spie_desktop.domain.interface_sentence import say
from spie_desktop.server_address import is_clear_text_to_another_host

from .errors import SyncError

log = logging.getLogger(__name__)


class ServerAddressInvalid(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say("L'adresse du serveur est invalide : elle doit commencer par https://."),
            "the server address must be an https:// URL with a host name",
        )


class ClearTextRefused(SyncError):
    cli_hint_fr = "Sur un réseau de confiance seulement : --insecure."

    def __init__(self, host: str) -> None:
        super().__init__(
            say(
                "Adresse refusée : « http:// » enverrait vos données sans chiffrement. Utilisez "
                "l'adresse https:// du serveur donnée par votre administrateur."
            ),
            f"refusing plain http:// to {host}: it would send the device token and personal "
            "data in clear; use https:// (or --insecure, only for a trusted network)",
        )


def check_server_url(url: str, *, insecure: bool = False) -> bool:
    """Refuse an address this device must not talk to; ``True`` if it is allowed only
    because of ``insecure`` (clear text to another host), which the caller should say."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("https", "http") or not parts.hostname:
        raise ServerAddressInvalid()
    if not is_clear_text_to_another_host(url):
        return False
    if not insecure:
        raise ClearTextRefused(parts.hostname)
    log.warning("insecure: talking plain http to a non-loopback server, as asked")
    return True
