"""A colleague at the keyboard of the unlocked window vouches for a new account: their
passphrase is checked against the open store, the account is added through it."""

from __future__ import annotations

import pytest

from spie_desktop.domain.organisation import Field
from spie_desktop.services import device
from spie_desktop.services.colleagues import add_counsellor_vouched, device_accounts
from spie_desktop.storage.errors import WrongPassphrase
from spie_desktop.storage.session import Session

from .conftest import JULIEN_PASSPHRASE, NADIA_PASSPHRASE


def test_a_wrong_colleague_passphrase_adds_nothing(session: Session) -> None:
    with pytest.raises(WrongPassphrase):
        add_counsellor_vouched(
            session,
            session.counsellor.id,
            "pas la bonne phrase",
            display_name="Julien R.",
            field=Field.EMPLOI,
            passphrase=JULIEN_PASSPHRASE,
        )
    assert [a.display_name for a in device_accounts(session.data_dir)] == ["Nadia B."]


def test_the_account_vouched_for_unlocks_with_its_own_passphrase(session: Session) -> None:
    julien = add_counsellor_vouched(
        session,
        session.counsellor.id,
        NADIA_PASSPHRASE,
        display_name="Julien R.",
        field=Field.EMPLOI,
        passphrase=JULIEN_PASSPHRASE,
    )
    names = [a.display_name for a in device_accounts(session.data_dir)]
    assert names == ["Nadia B.", "Julien R."]
    with device.unlock(session.data_dir, julien.id, JULIEN_PASSPHRASE) as his:
        assert his.counsellor.field is Field.EMPLOI
