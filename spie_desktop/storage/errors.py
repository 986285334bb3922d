"""Errors raised by the storage layer: each carries a French message for people.

None of these messages may contain personal data: they name files and counts, never people.
"""

from __future__ import annotations

from spie_desktop.domain.errors import NotFound, SpieError
from spie_desktop.domain.interface_sentence import say


class KeySlotFileMissing(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le fichier des clés (keyslots.json) est introuvable : le coffre ne peut pas "
                "être ouvert sans lui. Restaurez-le depuis votre sauvegarde ; si la "
                "configuration de l'appareil a été interrompue, mettez ses fichiers de côté avec "
                "« spie-desktop discard-setup »."
            ),
            "key slot file (keyslots.json) is missing: restore it from a backup, or, if set-up "
            "was interrupted, move the files aside with 'spie-desktop discard-setup'",
        )


class KeySlotFileCorrupt(SpieError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            say(
                "Le fichier des clés (keyslots.json) est illisible ou endommagé. Restaurez-le "
                "depuis votre sauvegarde."
            ),
            f"key slot file (keyslots.json) is corrupt: {detail}",
        )
        self.detail = detail


class KeySlotFileExists(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Un fichier des clés (keyslots.json) existe déjà ici : il n'a pas été remplacé."),
            "key slot file (keyslots.json) already exists; not overwritten",
        )


class UnknownAccount(NotFound):
    def __init__(self) -> None:
        super().__init__(
            say("Ce compte n'existe pas sur ce poste."),
            "no key slot for this account on this device",
        )


class AccountSlotExists(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Ce compte a déjà une clé sur ce poste."), "this account already has a key slot"
        )


class WeakKeyDerivation(SpieError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            say("Les paramètres de protection de la clé sont trop faibles."),
            f"key derivation parameters too weak: {detail}",
        )


class EmptyPassphrase(SpieError):
    def __init__(self) -> None:
        super().__init__(say("La phrase de passe ne peut pas être vide."), "empty passphrase")


class WrongPassphrase(SpieError):
    def __init__(self) -> None:
        super().__init__(say("Phrase de passe incorrecte."), "wrong passphrase")


class WrongRecoveryKey(WrongPassphrase):
    def __init__(self) -> None:
        SpieError.__init__(
            self, "Clé de secours incorrecte.", "wrong recovery key (or no recovery slot)"
        )


class NoRecoverySlot(NotFound):
    def __init__(self) -> None:
        super().__init__(
            say("Aucune clé de secours n'a été créée sur ce poste."), "no recovery key slot"
        )


class UnlockThrottled(SpieError):
    """Too many wrong attempts: ``retry_after_s`` seconds must pass before the next one."""

    def __init__(self, retry_after_s: float) -> None:
        seconds = max(1, int(retry_after_s + 0.999))
        super().__init__(
            say("Trop d'essais : réessayez dans 1 seconde.")
            if seconds == 1
            else say("Trop d'essais : réessayez dans {seconds} secondes.", seconds=seconds),
            f"unlock throttled; retry in {retry_after_s:.1f} s",
        )
        self.retry_after_s = retry_after_s


class StoreMissing(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "Le fichier de données (store.db) est introuvable. Restaurez-le depuis votre "
                "sauvegarde."
            ),
            "store file is missing",
        )


class StoreExists(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Un fichier de données existe déjà ici : il n'a pas été remplacé."),
            "store file already exists; not overwritten",
        )


class WrongStoreKey(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say(
                "La clé ne correspond pas à ce fichier de données : le fichier des clés et le "
                "fichier de données ne vont pas ensemble (sauvegardes mélangées ?)."
            ),
            "data key does not decrypt the store (or its first page is damaged)",
        )


class StoreCorrupt(SpieError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            say("Le fichier de données est endommagé. Restaurez-le depuis votre sauvegarde."),
            f"store file is corrupt: {detail}",
        )
        self.detail = detail


class StoreTooNew(SpieError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            say(
                "Ces données ont été écrites par une version plus récente du logiciel. Mettez à "
                "jour le logiciel pour les ouvrir."
            ),
            f"store schema revision {revision!r} is unknown to this version",
        )
        self.revision = revision


class StoreUpgradeFailed(SpieError):
    """Converting the store to this version's format failed; the store was left as it was."""

    def __init__(self, detail: str) -> None:
        super().__init__(
            say(
                "La mise à jour du fichier de données a échoué : il est resté tel quel. "
                "Vérifiez l'espace libre sur le disque, puis réessayez."
            ),
            f"store upgrade failed, store left unchanged: {detail}",
        )
        self.detail = detail


class StoreClosed(SpieError):
    def __init__(self) -> None:
        super().__init__(
            say("Le coffre est verrouillé : déverrouillez-le pour continuer."), "store is closed"
        )


class StaleRecord(SpieError):
    """Optimistic concurrency: the record changed since it was read."""

    def __init__(self, entity: str, expected: int, found: int | None) -> None:
        super().__init__(
            say(
                "Cette fiche a été modifiée entre-temps (dans une autre fenêtre ou par la "
                "synchronisation). Rechargez-la avant d'enregistrer."
            ),
            f"stale {entity}: expected version {expected}, found {found}",
        )
        self.entity = entity
        self.expected = expected
        self.found = found


class NotADemoStore(SpieError):
    """The bulk path writes no outbox: it is for synthetic data in a flagged demo store only."""

    def __init__(self) -> None:
        super().__init__(
            say("L'import en masse est réservé aux coffres de démonstration."),
            "bulk inserts need a demo store (meta demo_store = '1'): "
            "they bypass the sync outbox and are for synthetic data only",
        )
