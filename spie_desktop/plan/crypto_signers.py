"""Which counsellors' keys sign a plan PDF, in signing order.

Kept apart from :mod:`spie_desktop.plan.render` (reportlab) so that the services checking a
plan's signers import nothing of the PDF stack until a plan is really rendered.
"""

from __future__ import annotations

from spie_desktop.domain.plan import SignerRole

#: The counsellors whose key signs the PDF, in signing order.
CRYPTO_SIGNERS = (SignerRole.SOCIAL, SignerRole.EMPLOI)
