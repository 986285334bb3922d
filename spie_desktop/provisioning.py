"""Provisioning: the territory settings an administrator builds into an installer.

``python -m installer.build --territory 12 --server URL --ca FILE`` writes
``provisioning.json`` next to the bundle's executable::

    {"format": "spie-provisioning/1", "territory_code": "12", "server_url": "https://…",
     "ca_cert_pem": "-----BEGIN CERTIFICATE-----…", "lock_timeout_minutes": 10,
     "retention_months": 24, "bundle_name": "SPIE Aveyron", "created_at": "2026-…Z",
     "sha256": "<hex of SHA-256 over the canonical JSON of every other field>"}

What the checksum protects: accidental damage and naive edits (someone changing the
territory code in a text editor). It is **not** a signature: whoever can write the file can
recompute it. Real protection comes from where the file lives (a per-machine install that
counsellors cannot write to) and from the territory CA pin: when the device enrols, the CA
the server presents must be the provisioned one (:func:`require_provisioned_ca`), so an
altered server URL leads nowhere.

No Qt here; :mod:`cryptography` is imported only when a CA certificate is checked, so the
start-up path pays nothing for an unprovisioned device.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import sys
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from spie_desktop.domain.errors import SpieError
from spie_desktop.domain.interface_sentence import say
from spie_desktop.domain.territory import territory_by_code
from spie_desktop.server_address import is_loopback_host
from spie_protocol.territories import normalise_code

FORMAT = "spie-provisioning/1"
FILE_NAME = "provisioning.json"
#: Source checkouts and tests only: a frozen bundle reads the file beside its executable and
#: ignores this variable (a counsellor could otherwise point it at a file of their own).
ENV_VAR = "SPIE_PROVISIONING_FILE"
DEFAULT_LOCK_TIMEOUT_MINUTES = 10
DEFAULT_RETENTION_MONTHS = 24
LOCK_TIMEOUT_RANGE = (1, 240)
RETENTION_RANGE = (1, 120)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Provisioning:
    territory_code: str
    server_url: str
    ca_cert_pem: str
    lock_timeout_minutes: int = DEFAULT_LOCK_TIMEOUT_MINUTES
    retention_months: int = DEFAULT_RETENTION_MONTHS
    bundle_name: str = ""
    created_at: str = ""  # ISO 8601, UTC


FIELD_TYPES: dict[str, type] = {
    "format": str,
    "territory_code": str,
    "server_url": str,
    "ca_cert_pem": str,
    "lock_timeout_minutes": int,
    "retention_months": int,
    "bundle_name": str,
    "created_at": str,
}


class ProvisioningRefused(SpieError):
    """The provisioning file is damaged, altered or invalid: set-up must not use it."""

    def __init__(self, reason_fr: str, reason_en: str) -> None:
        super().__init__(
            say(
                "Le fichier de provisionnement de cette installation est refusé : {reason_fr}. "
                "Demandez une installation neuve à l'administrateur de votre territoire.",
                reason_fr=reason_fr,
            ),
            f"provisioning file refused: {reason_en}",
        )
        self.reason_fr = reason_fr
        self.reason_en = reason_en


class TerritoryCaMismatch(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le serveur n'a pas présenté l'autorité de certification prévue pour ce "
                "territoire : inscription refusée. Prévenez l'administrateur de votre territoire."
            ),
            "the server's territory CA differs from the provisioned CA; enrolment refused",
        )


# -- making and reading the file -------------------------------------------------------------


def make_provisioning(
    territory_code: str,
    server_url: str,
    ca_cert_pem: str,
    *,
    lock_timeout_minutes: int = DEFAULT_LOCK_TIMEOUT_MINUTES,
    retention_months: int = DEFAULT_RETENTION_MONTHS,
    bundle_name: str = "",
    now: datetime | None = None,
) -> Provisioning:
    """A checked provisioning (raises :class:`ProvisioningRefused` on a bad value)."""
    created = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    provisioning = Provisioning(
        territory_code=_known_territory(territory_code),
        server_url=server_url.strip().rstrip("/"),
        ca_cert_pem=ca_cert_pem.strip() + "\n",
        lock_timeout_minutes=lock_timeout_minutes,
        retention_months=retention_months,
        bundle_name=" ".join(bundle_name.split()),
        created_at=created.isoformat().replace("+00:00", "Z"),
    )
    _validate(provisioning)
    return provisioning


def dumps(provisioning: Provisioning) -> str:
    """The file's text: the fields, then the checksum over their canonical JSON."""
    body: dict[str, Any] = {"format": FORMAT, **asdict(provisioning)}
    document = {**body, "sha256": checksum(body)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def loads(text: str | bytes) -> Provisioning:
    """Parse and check a provisioning file's content; refuse anything altered or invalid."""
    try:
        document = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ProvisioningRefused("il n'est pas lisible (JSON invalide)", "bad JSON") from None
    if not isinstance(document, dict):
        raise ProvisioningRefused("il n'est pas lisible (JSON invalide)", "not a JSON object")
    claimed = document.pop("sha256", None)
    if set(document) != set(FIELD_TYPES) or not isinstance(claimed, str):
        raise ProvisioningRefused(
            "ses champs ne sont pas ceux attendus", f"unexpected fields {sorted(document)}"
        )
    if document["format"] != FORMAT:
        raise ProvisioningRefused(
            "son format est inconnu", f"unknown format {document['format']!r}"
        )
    if not hmac.compare_digest(claimed.lower().encode(), checksum(document).encode()):
        raise ProvisioningRefused(
            "il a été modifié depuis sa création (somme de contrôle incorrecte)",
            "checksum mismatch (the file was altered)",
        )
    for name, kind in FIELD_TYPES.items():
        if type(document[name]) is not kind:
            raise ProvisioningRefused(
                f"le champ « {name} » a un type invalide", f"{name} should be {kind.__name__}"
            )
    del document["format"]
    provisioning = Provisioning(**document)
    _validate(provisioning)
    return provisioning


def read_file(path: Path) -> Provisioning:
    try:
        return loads(path.read_bytes())
    except OSError as exc:
        raise ProvisioningRefused(
            "il est introuvable ou illisible", f"cannot read {path} ({type(exc).__name__})"
        ) from None


def write_file(path: Path, provisioning: Provisioning) -> None:
    path.write_text(dumps(provisioning), encoding="utf-8")


# -- checks -----------------------------------------------------------------------------------


def _validate(p: Provisioning) -> None:
    _known_territory(p.territory_code)  # a former code (973 for CTG) is still known
    if normalise_code(p.territory_code) != p.territory_code:
        raise ProvisioningRefused(
            "son code de territoire n'est pas écrit sous sa forme normale",
            f"territory code {p.territory_code!r} is not normalised",
        )
    _check_server_url(p.server_url)
    _check_ca_certificate(p.ca_cert_pem)
    _check_range("lock_timeout_minutes", p.lock_timeout_minutes, LOCK_TIMEOUT_RANGE)
    _check_range("retention_months", p.retention_months, RETENTION_RANGE)
    if len(p.bundle_name) > 80 or not p.bundle_name.isprintable():
        raise ProvisioningRefused("son nom d'installation est invalide", "bad bundle_name")
    try:
        datetime.fromisoformat(p.created_at)
    except ValueError:
        raise ProvisioningRefused("sa date de création est invalide", "bad created_at") from None


def _known_territory(code: str) -> str:
    try:
        return territory_by_code(code).code
    except SpieError:
        raise ProvisioningRefused(
            f"le territoire « {code} » est inconnu", f"unknown territory {code!r}"
        ) from None


def _check_server_url(url: str) -> None:
    parts = urlsplit(url)
    loopback = is_loopback_host(parts.hostname)
    if (
        parts.scheme not in ("https", "http")
        or (parts.scheme == "http" and not loopback)
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(c.isspace() for c in url)
    ):
        raise ProvisioningRefused(
            "l'adresse du serveur est invalide (https:// attendu)", f"bad server URL {url!r}"
        )


def _check_ca_certificate(pem: str) -> None:
    from cryptography import x509

    try:
        certificate = x509.load_pem_x509_certificate(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise ProvisioningRefused(
            "le certificat du territoire n'est pas un certificat PEM valide",
            "ca_cert_pem is not a PEM certificate",
        ) from None
    try:
        is_ca = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise ProvisioningRefused(
            "le certificat fourni n'est pas celui d'une autorité de certification",
            "ca_cert_pem is not a CA certificate",
        )


def _check_range(name: str, value: int, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not low <= value <= high:
        raise ProvisioningRefused(
            f"la valeur de « {name} » est hors limites ({low}–{high})",
            f"{name}={value} outside {low}..{high}",
        )


# -- where the file lives, and what the app does with it --------------------------------------


def provisioning_file() -> Path | None:
    """The provisioning file this process should obey, or ``None`` (unprovisioned).

    In a bundle: ``provisioning.json`` beside the executable (or in the bundle's internal
    folder, or ``Contents/Resources`` of a macOS app). In a checkout: ``$SPIE_PROVISIONING_FILE``.
    """
    if getattr(sys, "frozen", False):
        exe_dir = Path(sys.executable).resolve().parent
        folders = [exe_dir, Path(getattr(sys, "_MEIPASS", exe_dir)), exe_dir.parent / "Resources"]
        return next((f / FILE_NAME for f in folders if (f / FILE_NAME).exists()), None)
    override = os.environ.get(ENV_VAR, "").strip()
    return Path(override).expanduser() if override else None


def bundled_provisioning() -> Provisioning | None:
    """The checked provisioning of this installation; ``None`` if unprovisioned."""
    path = provisioning_file()
    if path is None:
        return None
    try:
        return read_file(path)
    except ProvisioningRefused as exc:
        log.error("%s (%s)", exc.message_en, path)
        raise


def seed_first_run(data_dir: Path) -> Provisioning | None:
    """Before set-up: make the data dir's ``config.toml`` carry the provisioned territory
    (locked), server URL and lock timeout, which set-up then pre-fills and enforces.

    Only for a device not yet set up (callers check); raises :class:`ProvisioningRefused`
    on an altered file, so set-up never starts with altered values.
    """
    from spie_desktop.config import DeviceConfig, load_config, save_config

    provisioning = bundled_provisioning()
    if provisioning is None:
        return None
    current = load_config(data_dir)
    wanted = DeviceConfig(
        territory_code=provisioning.territory_code,
        structure_name=current.structure_name if current else "",
        structure_kind=current.structure_kind if current else "",
        server_url=provisioning.server_url,
        lock_timeout_minutes=provisioning.lock_timeout_minutes,
        territory_locked=True,
    )
    if wanted != current:
        save_config(data_dir, wanted)
        log.info("device config seeded from provisioning: territory %s", wanted.territory_code)
    return provisioning


def require_provisioned_ca(server_ca_pem: str) -> None:
    """At enrolment: the CA the server sent must be the provisioned one (if provisioned)."""
    provisioning = bundled_provisioning()
    if provisioning is None:
        return
    if not same_certificate(provisioning.ca_cert_pem, server_ca_pem):
        log.error("enrolment refused: the server's CA is not the provisioned territory CA")
        raise TerritoryCaMismatch()


def same_certificate(pem_a: str, pem_b: str) -> bool:
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        a = x509.load_pem_x509_certificate(pem_a.encode("ascii"))
        b = x509.load_pem_x509_certificate(pem_b.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(a.public_bytes(Encoding.DER), b.public_bytes(Encoding.DER))
