"""A counsellor's signing identity as the device keeps it: the key wrapped, the certificate.

The private key is stored only wrapped under the counsellor's own passphrase (see
``plan.keys.wrap_private_key``), inside the encrypted store. A counsellor has at most one
*current* identity; older ones are kept with ``replaced_at`` set and their wrapped key
erased, so plans they signed stay verifiable (certificate) but they can never sign again.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from .records import new_id, utc_now


@dataclass(kw_only=True)
class SigningKey:
    counsellor_id: uuid.UUID
    wrapped_key: bytes  # the wrapped PKCS#8 key (JSON blob); empty once replaced
    certificate_pem: str
    chain_pem: str = ""  # issuing certificates (territory CA), empty until enrolment
    created_at: datetime = field(default_factory=utc_now)
    replaced_at: datetime | None = None
    id: uuid.UUID = field(default_factory=new_id)

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None
