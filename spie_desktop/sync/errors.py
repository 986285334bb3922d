"""Everything that can go wrong talking to the territory server, as typed errors.

Each carries a French message for the counsellor, an English one for logs, and whether the
same request may simply be tried again later (``retryable``). None of them loses data: the
outbox keeps every change until the server confirmed it, and the pull checkpoint only moves
after a page is stored.
"""

from __future__ import annotations

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say


class SyncError(SpieError):
    retryable = False


class Unreachable(SyncError):
    retryable = True

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            say("Serveur injoignable : la synchronisation reprendra plus tard."),
            f"server unreachable{': ' + detail if detail else ''}",
        )


class Stalled(Unreachable):
    """No byte moved for the stall timeout."""


class TlsFailure(SyncError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            say(
                "La connexion sécurisée au serveur a échoué (certificat non reconnu) : vérifiez "
                "l'adresse du serveur ou contactez votre administrateur."
            ),
            f"TLS failure{': ' + detail if detail else ''}",
        )


class Unauthorized(SyncError):
    def __init__(self, code: str = "invalid_token") -> None:
        super().__init__(
            say("Le serveur ne reconnaît pas cet appareil : il doit être inscrit à nouveau."),
            f"unauthorized ({code}): enrol the device again",
        )


class DeviceRevoked(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Cet appareil a été révoqué par l'administrateur : il ne peut plus se "
                "synchroniser. Vos données locales restent consultables."
            ),
            "this device has been revoked by the territory administrator",
        )


class Forbidden(SyncError):
    def __init__(self, code: str) -> None:
        super().__init__(
            say("Le serveur refuse cette opération pour cet appareil."), f"forbidden ({code})"
        )


class PayloadTooLarge(SyncError):
    """413: the caller splits what it sent and tries again with less."""

    def __init__(self, code: str = "body_too_large") -> None:
        super().__init__(
            say("Un envoi était trop volumineux pour le serveur."), f"payload too large ({code})"
        )


class ServerError(SyncError):
    retryable = True

    def __init__(self, status: int) -> None:
        super().__init__(
            say("Le serveur rencontre un problème : la synchronisation reprendra plus tard."),
            f"server error (HTTP {status})",
        )


class RateLimited(SyncError):
    retryable = True

    def __init__(self, retry_after: float) -> None:
        super().__init__(
            say("Le serveur demande de patienter avant de réessayer."),
            f"rate limited (retry after {retry_after:.0f} s)",
        )
        self.retry_after = retry_after


class CaptivePortal(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le réseau demande une connexion (portail captif) : ouvrez un navigateur pour "
                "vous connecter, puis relancez."
            ),
            "captive portal: a 200 answer that is not the server's JSON",
        )


class CorruptResponse(SyncError):
    """``partial``: what arrived of a successful answer before the link cut it (a reader of
    blob frames keeps the whole ones)."""

    retryable = True

    def __init__(self, detail: str, partial: bytes = b"") -> None:
        super().__init__(
            say("La réponse du serveur est arrivée incomplète ou abîmée : nouvel essai."),
            f"corrupt response: {detail}",
        )
        self.partial = partial


class CorruptRequest(SyncError):
    """The server received our body damaged (``bad_gzip``): send it again."""

    retryable = True

    def __init__(self) -> None:
        super().__init__(
            say("Un envoi est arrivé abîmé au serveur : nouvel essai."),
            "the server received a damaged request body (bad_gzip)",
        )


class UpdateRequired(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le serveur utilise une version plus récente du protocole : mettez spie-desktop "
                "à jour avant de synchroniser."
            ),
            "the server speaks another major protocol version (426): update the client",
        )


class RequestRefused(SyncError):
    """Any other 4xx: the server says what (``code``); the caller decides."""

    def __init__(self, status: int, code: str, message: str = "", received: int | None = None):
        super().__init__(
            say("Le serveur a refusé une demande de synchronisation."),
            f"refused (HTTP {status} {code}): {message[:200]}",
        )
        self.cli_hint_fr = f"(HTTP {status} : {code})"  # the server's reason, for the terminal
        self.status = status
        self.code = code
        self.received = received


class MalformedCode(SyncError):
    """An enrolment code the protocol cannot carry (empty, too long): refused before sending."""

    def __init__(self) -> None:
        super().__init__(
            say(
                "Ce code d'inscription n'a pas la bonne forme : vérifiez-le auprès de votre "
                "administrateur."
            ),
            "malformed enrolment code",
        )


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__(say("Synchronisation interrompue."), "sync cancelled")


class NotEnrolled(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Cet appareil n'est pas encore inscrit auprès d'un serveur de territoire : "
                "utilisez « spie-desktop enroll »."
            ),
            "this device is not enrolled with a territory server (run enroll)",
        )


class DemoStoreRefused(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say("Un coffre de démonstration ne peut pas être inscrit auprès d'un serveur."),
            "a demo store can never be enrolled nor synced",
        )
