"""Where ``plan verify`` finds the territory CA and its revocation list.

The CA, first found wins: ``--ca FILE``; the CA of the installation's provisioning bundle;
the CA pinned in the data directory at enrolment (``territory-ca.pem``). The CRL:
``--crl FILE`` (DER or PEM), else the one the last sync kept (``territory-crl.der``).
No store is opened: both files sit beside it, in clear (they are public).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography import x509

from spie_desktop.domain.errors import SpieError
from spie_desktop.input_limits import ANCHOR_FILE_MAX, InputFileTooLarge, read_bounded
from spie_desktop.provisioning import ProvisioningRefused, bundled_provisioning
from spie_desktop.sync.enrolment import ca_file
from spie_desktop.sync.revocation import crl_file


class AnchorUnreadable(SpieError):
    def __init__(self, path: Path, what_fr: str, what_en: str) -> None:
        super().__init__(f"{path} : {what_fr}", f"{path}: {what_en}")


@dataclass(frozen=True)
class Anchors:
    roots: list[x509.Certificate]
    crls: list[x509.CertificateRevocationList]


def territory_anchors(ca: Path | None, crl: Path | None, data_dir: Path) -> Anchors:
    return Anchors(_roots(ca, data_dir), _crls(crl, data_dir))


def _roots(ca: Path | None, data_dir: Path) -> list[x509.Certificate]:
    if ca is not None:
        return _certificates(ca)
    try:
        provisioning = bundled_provisioning()
    except ProvisioningRefused:
        provisioning = None  # an altered bundle is no anchor; the pinned CA may still be
    if provisioning is not None:
        return x509.load_pem_x509_certificates(provisioning.ca_cert_pem.encode("ascii"))
    pinned = ca_file(data_dir)
    return _certificates(pinned) if pinned.is_file() else []


def _crls(crl: Path | None, data_dir: Path) -> list[x509.CertificateRevocationList]:
    path = crl if crl is not None else crl_file(data_dir)
    if crl is None and not path.is_file():
        return []
    data = _read(path)
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return [x509.load_pem_x509_crl(data)]
        return [x509.load_der_x509_crl(data)]
    except ValueError:
        raise AnchorUnreadable(
            path, "ce n'est pas une liste de révocation (CRL)", "not a CRL"
        ) from None


def _certificates(path: Path) -> list[x509.Certificate]:
    try:
        certificates = x509.load_pem_x509_certificates(_read(path))
    except ValueError:
        raise AnchorUnreadable(
            path, "ce n'est pas un certificat PEM", "not a PEM certificate"
        ) from None
    return certificates


def _read(path: Path) -> bytes:
    try:
        return read_bounded(path, ANCHOR_FILE_MAX, "a trust anchor")
    except InputFileTooLarge as exc:
        raise AnchorUnreadable(path, exc.message_fr, exc.message_en) from None
    except OSError as exc:
        raise AnchorUnreadable(
            path,
            f"fichier illisible ({exc.strerror or type(exc).__name__})",
            f"unreadable ({exc.strerror or type(exc).__name__})",
        ) from None
