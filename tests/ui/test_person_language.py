"""The person's language, chosen on their file, and the consent read in it with the French."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from spie_desktop.domain.people import CONSENT_WORDING, ConsentScope
from spie_desktop.domain.person_texts import person_texts
from spie_desktop.services.device import SetupResult
from spie_desktop.services.people import PeopleService
from spie_desktop.ui.consent_dialog import ConsentDialog
from spie_desktop.ui.new_person_dialog import NewPersonDialog
from spie_desktop.ui.tasks import TaskRunner

from .conftest import NADIA_PASSPHRASE
from .main_helpers import people_of, unlock_to_main
from .test_person_flow import consent_dialog, open_new_person


def _labels(dialog: ConsentDialog) -> list[str]:
    return [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]


def test_a_brazilian_person_reads_the_consent_in_portuguese_with_the_french_below(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    dialog = open_new_person(qtbot, main)
    assert dialog.language.currentData() == "fr"  # French unless the counsellor says so
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names[0] == "Français" and "Português (Brasil)" in names and "العربية" in names
    dialog.first_name.setText("Joana")
    dialog.last_name.setText("Pereira")
    dialog.language.setCurrentIndex(dialog.language.findData("pt-BR"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool(section.dialogs) and isinstance(section.dialogs[-1], ConsentDialog),
        timeout=5000,
    )
    consent = consent_dialog(section)
    portuguese = person_texts("pt-BR")
    shown = _labels(consent)
    own = portuguese.consent_wording().text
    assert own in shown and CONSENT_WORDING in shown
    assert shown.index(own) < shown.index(CONSENT_WORDING)  # the French comes below
    assert "Le texte en français est le texte de référence." in shown
    # The box's words wrap beside it; they are its name for a screen reader, Portuguese first.
    box = consent.boxes[ConsentScope.RECORD].accessibleName()
    assert box == "Guardar o meu dossiê na ferramenta da estrutura — " + (
        "Conserver mon dossier dans l'outil de la structure"
    )
    assert (
        "Guardar o meu dossiê na ferramenta da estrutura\n"
        + ("Conserver mon dossier dans l'outil de la structure")
        in shown
    )
    person_id = section.person_file.person_id
    assert PeopleService(main.context.session).get(person_id).language == "pt-BR"


def test_the_identity_editor_shows_and_changes_the_persons_language(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    service = PeopleService(main.context.session)
    person = service.create_person("Amina", "Haddad", None, language="ar")
    section.open_person(person.id)
    qtbot.waitUntil(lambda: section.person_file.file is not None, timeout=5000)
    editor = section.edit_identity(person.id)
    assert isinstance(editor, NewPersonDialog)
    assert editor.language.currentData() == "ar"
    editor.language.setCurrentIndex(editor.language.findData("en"))
    with qtbot.waitSignal(editor.created, timeout=5000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert service.get(person.id).language == "en"
    qtbot.waitUntil(lambda: dict(section.person_file.identity()).get("Langue") == "English")


def test_an_arabic_consent_is_laid_out_right_to_left(
    qtbot: QtBot, runner: TaskRunner, ready_device: tuple[Path, SetupResult]
) -> None:
    data_dir, _ = ready_device
    main = unlock_to_main(qtbot, runner, data_dir, NADIA_PASSPHRASE)
    section = people_of(main)
    person = PeopleService(main.context.session).create_person(
        "Amina", "Haddad", None, language="ar"
    )
    consent = section.ask_consent(person.id, "Amina HADDAD", "ar")
    assert isinstance(consent, ConsentDialog)
    arabic = person_texts("ar").consent_wording().text
    label = next(w for w in consent.own_texts if w.text() == arabic)
    assert label.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert label.alignment() & Qt.AlignmentFlag.AlignRight
