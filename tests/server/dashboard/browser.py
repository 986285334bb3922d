"""Debian's Chromium, headless, driven by Selenium through Debian's chromedriver.

The browser trusts exactly the test server's key (``--ignore-certificate-errors-spki-list``
with that key's hash), nothing else, so the dashboard runs over real HTTPS with its ``Secure``
cookies as in production.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from tests.conftest import require_tool
from tests.server.dashboard.tls import TlsFiles


def spki_hash(certificate: Path) -> str:
    public_key = x509.load_pem_x509_certificate(certificate.read_bytes()).public_key()
    der = public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def headless_chromium(tls: TlsFiles, profile: Path, size: str = "1366,900") -> webdriver.Chrome:
    chromium = require_tool("chromium")
    chromedriver = require_tool("chromedriver")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={size}",
        f"--ignore-certificate-errors-spki-list={spki_hash(tls.certificate)}",
    ):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
