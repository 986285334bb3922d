"""The set-up wizard's demo path, with the real services: a demo store to try everything,
signing included."""

from __future__ import annotations

from pathlib import Path

import pytest

from spie_desktop.services.demo_plans import demo_signer_accounts
from spie_desktop.services.setup_wizard import SetupForm, SetupMode, set_up_device


def test_the_gui_demo_makes_both_demo_signer_accounts(tmp_path: Path) -> None:
    form = SetupForm(
        mode=SetupMode.DEMO, counsellor_name="Élodie", passphrase="lune rousse sur le Larzac"
    )
    work = set_up_device(tmp_path / "store", form)
    with pytest.raises(StopIteration) as stop:
        while True:
            next(work)
    with stop.value.value.session as session:
        assert session.store.is_demo
        signers = demo_signer_accounts(session)
        assert sorted(c.field.value for c in signers) == ["emploi", "social"]
