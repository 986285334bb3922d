"""Whether the territory CA a server returns at enrolment is the territory's own.

That CA is pinned for HTTPS and chained into every counsellor certificate, so it must not be
taken on the server's word. An installation provisioned with the territory CA
(:mod:`spie_desktop.provisioning`) compares against it. Otherwise the administrator vouches
for it: ``spie-server territory ca-cert CODE`` prints its SHA-256 fingerprint, which the
counsellor gives ahead (``enroll --ca-fingerprint``) or confirms when shown (the prompt, the
enrolment dialog).
"""

from __future__ import annotations

import hmac
import logging

from spie_desktop.domain.interface_sentence import say
from spie_desktop.provisioning import bundled_provisioning, require_provisioned_ca
from spie_protocol.fingerprint import certificate_fingerprint, normalise_fingerprint

from .errors import CorruptResponse, SyncError

log = logging.getLogger(__name__)

HOW_TO_GET_IT_EN = "the administrator prints it with `spie-server territory ca-cert CODE`"


class CaFingerprintRequired(SyncError):
    cli_hint_fr = (
        "Donnez-la avec --ca-fingerprint HEX (l'administrateur l'affiche avec "
        "« spie-server territory ca-cert CODE »)."
    )

    def __init__(self) -> None:
        super().__init__(
            say(
                "Cette installation ne connaît pas encore le certificat du territoire : demandez "
                "son empreinte à votre administrateur pour la confirmer."
            ),
            "this installation was not provisioned with the territory CA: give its SHA-256 "
            f"fingerprint with --ca-fingerprint HEX ({HOW_TO_GET_IT_EN})",
        )


class CaFingerprintInvalid(SyncError):
    cli_hint_fr = "(option --ca-fingerprint HEX ; les deux-points sont acceptés)"

    def __init__(self) -> None:
        super().__init__(
            say("L'empreinte indiquée n'est pas une empreinte SHA-256 (64 chiffres hexadécimaux)."),
            "--ca-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)",
        )


class CaFingerprintMismatch(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le certificat présenté par le serveur n'a pas l'empreinte donnée par "
                "l'administrateur : inscription refusée. Prévenez l'administrateur de votre "
                "territoire."
            ),
            "the server's territory CA does not have the fingerprint given; enrolment refused",
        )


class CaNotConfirmed(SyncError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Inscription annulée : l'empreinte du certificat du territoire n'a pas été "
                "confirmée. Rien n'a été enregistré."
            ),
            "the territory CA's fingerprint was not confirmed; enrolment cancelled",
        )


def parse_fingerprint(text: str) -> str:
    try:
        return normalise_fingerprint(text)
    except ValueError:
        raise CaFingerprintInvalid() from None


def is_provisioned() -> bool:
    return bundled_provisioning() is not None


def fingerprint_of(ca_pem: str) -> str:
    try:
        return certificate_fingerprint(ca_pem)
    except (ValueError, UnicodeEncodeError):
        raise CorruptResponse("the territory CA in the enrolment answer is not a PEM") from None


def verify_territory_ca(ca_pem: str, expected_fingerprint: str | None) -> None:
    """Raise unless ``ca_pem`` is the provisioned CA (when provisioned) and has the expected
    fingerprint (when one is given); unprovisioned, a fingerprint is required."""
    actual = fingerprint_of(ca_pem)
    provisioned = is_provisioned()
    if provisioned:
        require_provisioned_ca(ca_pem)
    elif expected_fingerprint is None:
        raise CaFingerprintRequired()
    if expected_fingerprint is not None and not hmac.compare_digest(
        parse_fingerprint(expected_fingerprint), actual
    ):
        log.error("enrolment refused: the territory CA's fingerprint differs from the one given")
        raise CaFingerprintMismatch()
