"""View-model of the person file: identity, consent in force, timeline, the interview button."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from spie_desktop.domain.event_words import details_in_words
from spie_desktop.domain.events import FOLLOW_UP_LABELS, FollowUpEvent
from spie_desktop.domain.interview import Interview
from spie_desktop.domain.people import CONSENT_SCOPE_LABELS, ConsentRecord, ConsentScope
from spie_desktop.domain.plan import ActionPlan, PlanStatus
from spie_desktop.domain.support_end import OUTCOME_LABELS
from spie_desktop.services.changes import Change, changes
from spie_desktop.services.person_languages import device_languages

from .i18n import format_date, format_datetime, tr
from .parcours_model import ParcoursModel

if TYPE_CHECKING:
    from spie_desktop.services.access_export import AccessExportFiles
    from spie_desktop.services.device import Session
    from spie_desktop.services.person_file import PersonFile, TimelineEntry
    from spie_desktop.services.support import SupportState

    from .window_context import WindowContext

EVENT_LABELS = FOLLOW_UP_LABELS
#: What a close, a reopening, a restriction or its lifting calls back with.
OnDone = Callable[[], None]
OnRefused = Callable[[str, "str | None"], None]  # French message, the field it is about
PLAN_STATUS_LABELS = {
    PlanStatus.DRAFT: "Brouillon",
    PlanStatus.SIGNED: "Signé",
    PlanStatus.SUPERSEDED: "Remplacé par une version plus récente",
}


@dataclass(frozen=True)
class TimelineRow:
    when: str
    what: str
    detail: str
    plan_id: uuid.UUID | None = None  # a signed plan: its PDF can be shown


class PersonFileModel(QObject):
    changed = Signal()

    def __init__(self, context: WindowContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.person_id: uuid.UUID | None = None
        self.file: PersonFile | None = None
        self.loading = False
        self.error = ""
        self.exporting = False
        self.export_note = ""
        self._tz = "Europe/Paris"
        self.parcours = ParcoursModel(context, self)

    # -- loading ------------------------------------------------------------------------------

    def open(self, person_id: uuid.UUID) -> None:
        if person_id != self.person_id:
            self.file, self.export_note = None, ""
        self.person_id = person_id
        self.parcours.open(person_id)
        self.reload(parcours=False)

    def reload(self, *, parcours: bool = True) -> None:
        from spie_desktop.services.person_file import PersonFileService

        person_id = self.person_id
        session = self.context.session
        if person_id is None or session is None:
            return
        if parcours:
            self.parcours.reload()
        self._tz = session.territory.timezone

        def read(s: Session) -> PersonFile:
            return PersonFileService(s).load(person_id)

        if self.context.query(read, self._on_loaded, self._on_failed, owner=self):
            self.loading, self.error = True, ""
            self.changed.emit()

    def clear(self) -> None:
        """Forget what was shown (locked); :attr:`person_id` stays, to reopen on unlock."""
        self.file, self.loading, self.error = None, False, ""
        self.exporting, self.export_note = False, ""
        self.parcours.clear()
        self.changed.emit()

    def _on_loaded(self, file: PersonFile) -> None:
        if file.person.id == self.person_id:
            self.file, self.loading = file, False
            self.changed.emit()

    def _on_failed(self, message: str, _exc: BaseException) -> None:
        self.loading, self.error = False, message
        self.changed.emit()

    # -- right of access ----------------------------------------------------------------------

    def export_access(self, folder: Path) -> None:
        """Write the access PDF and JSON in ``folder``; :attr:`export_note` says where."""
        from spie_desktop.services.access_export import write_access_export

        person_id = self.person_id
        if person_id is None or self.file is None or self.exporting:
            return

        def export(s: Session) -> AccessExportFiles:
            return write_access_export(s, person_id, folder)

        # Only the local audit trail is written (the export is recorded): nothing any page shows.
        if self.context.change(
            export, changes(), self._on_exported, self._on_export_failed, owner=self
        ):
            self.exporting, self.export_note, self.error = True, "", ""
            self.changed.emit()

    def _on_exported(self, files: AccessExportFiles) -> None:
        self.exporting = False
        self.export_note = tr(
            "Export écrit dans {folder} : {pdf} (à remettre à la personne) et {json}.",
            folder=str(files.pdf.parent),
            pdf=files.pdf.name,
            json=files.json.name,
        )
        self.changed.emit()

    def _on_export_failed(self, message: str, _exc: BaseException) -> None:
        self.exporting, self.error = False, message
        self.changed.emit()

    # -- end of support, restriction (RGPD art. 18) -------------------------------------------

    def close_support(
        self, outcome: str, day: date, on_done: OnDone, on_refused: OnRefused
    ) -> bool:
        """End the support on ``day`` with ``outcome`` (a code of ``OUTCOME_LABELS``)."""
        from spie_desktop.services.support import SupportService

        person_id = self.person_id
        return person_id is not None and self._support_change(
            lambda s: SupportService(s).close(person_id, outcome, day), on_done, on_refused
        )

    def reopen_support(self, reason: str, on_done: OnDone, on_refused: OnRefused) -> bool:
        from spie_desktop.services.support import SupportService

        person_id = self.person_id
        return person_id is not None and self._support_change(
            lambda s: SupportService(s).reopen(person_id, reason), on_done, on_refused
        )

    def restrict(self, reason: str, on_done: OnDone, on_refused: OnRefused) -> bool:
        from spie_desktop.services.support import SupportService

        person_id = self.person_id
        return person_id is not None and self._support_change(
            lambda s: SupportService(s).restrict(person_id, reason), on_done, on_refused
        )

    def lift_restriction(self, on_done: OnDone, on_refused: OnRefused) -> bool:
        from spie_desktop.services.support import SupportService

        person_id = self.person_id
        return person_id is not None and self._support_change(
            lambda s: SupportService(s).lift_restriction(person_id), on_done, on_refused
        )

    def _support_change(
        self, work: Callable[[Session], object], on_done: OnDone, on_refused: OnRefused
    ) -> bool:
        def failed(message: str, exc: BaseException) -> None:
            on_refused(message, getattr(exc, "field", None))

        # An event on the path and, for a close or a reopening, the person's stage.
        announced = changes(Change.TIMELINE, Change.PEOPLE)
        task = self.context.change(work, announced, lambda _r: on_done(), failed, owner=self)
        return task is not None

    @property
    def support(self) -> SupportState | None:
        return self.file.support if self.file else None

    @property
    def frozen(self) -> bool:
        """Closed or restricted: the file is read-only."""
        return self.support is not None and self.support.state.frozen

    @property
    def closed(self) -> bool:
        return self.support is not None and self.support.state.closed

    @property
    def restricted(self) -> bool:
        return self.support is not None and self.support.state.restricted

    def banner_lines(self) -> list[str]:
        """What the read-only banner says, one line per reason (none: no banner)."""
        support = self.support
        if support is None:
            return []
        lines = []
        if support.state.closed:
            outcome = OUTCOME_LABELS[support.outcome] if support.outcome else tr("issue inconnue")
            lines.append(
                tr(
                    "Accompagnement terminé le {date} — {outcome}",
                    date=format_date(support.ended_on) or "—",
                    outcome=tr(outcome),
                )
            )
        if support.state.restricted:
            lines.append(
                tr(
                    "Traitement limité depuis le {date} (RGPD, article 18) : le dossier n'est "
                    "ni modifié ni envoyé au serveur. Motif : {reason}",
                    date=format_date(support.restricted_on) or "—",
                    reason=support.restriction_reason,
                )
            )
        return lines

    # -- what the page shows ------------------------------------------------------------------

    @property
    def title(self) -> str:
        return self.file.person.full_name if self.file else ""

    def identity(self, today: date | None = None) -> list[tuple[str, str]]:
        if self.file is None:
            return []
        person = self.file.person
        born = format_date(person.birth_date)
        age = person.age_on(today or date.today())
        if born and age is not None:
            born = tr("{date} ({age} ans)", date=born, age=age)
        return [
            (tr("Date de naissance"), born or tr("non renseignée")),
            (tr("Commune"), person.commune or "—"),
            (tr("Téléphone"), person.phone or "—"),
            (tr("Courriel"), person.email or "—"),
            (tr("Langue"), self._language_name(person.language)),
            (tr("Étape"), tr(self.file.stage.label)),
            (tr("Dernier contact"), format_date(self.file.last_contact) or tr("aucun")),
        ]

    def _language_name(self, code: str) -> str:
        """The language's own name ("Português (Brasil)"); its code if no file has it."""
        session = self.context.session
        offered = device_languages(session.data_dir if session is not None else None)
        return next((lang.name for lang in offered.languages if lang.code == code), code)

    @property
    def consent(self) -> ConsentRecord | None:
        return self.file.consent if self.file else None

    @property
    def consent_text(self) -> str:
        consent = self.consent
        if consent is None:
            return tr("Consentement non recueilli : à recueillir avant tout entretien.")
        return tr(
            "Consentement du {when} (texte version {version})",
            when=format_datetime(consent.given_at, self._tz),
            version=consent.wording_version,
        )

    def consent_lines(self) -> list[str]:
        consent = self.consent
        if consent is None:
            return []
        return [
            ("✓ " if consent.allows(scope) else "✗ ") + tr(CONSENT_SCOPE_LABELS[scope])
            for scope in ConsentScope
        ]

    @property
    def consent_button_text(self) -> str:
        return tr("Modifier le consentement") if self.consent else tr("Recueillir le consentement")

    @property
    def may_interview(self) -> bool:
        return self.file is not None and self.file.may_interview and not self.frozen

    @property
    def interview_button_text(self) -> str:
        if self.file is not None and self.file.open_interview is not None:
            return tr("Reprendre l'entretien")
        return tr("Démarrer l'entretien")

    @property
    def interview_hint(self) -> str:
        if self.file is None or self.may_interview:
            return ""
        if self.frozen:
            return tr("Dossier en lecture seule : aucun entretien ni modification.")
        return tr("L'entretien ne peut commencer qu'après l'accord « conserver mon dossier ».")

    def timeline(self) -> list[TimelineRow]:
        if self.file is None:
            return []
        return [self._row(entry) for entry in self.file.timeline()]

    def _row(self, entry: TimelineEntry) -> TimelineRow:
        when = format_datetime(entry.at, self._tz)
        record = entry.record
        if isinstance(record, Interview):
            return TimelineRow(when, tr("Entretien de diagnostic"), tr(record.status.label))
        if isinstance(record, ActionPlan):
            detail = tr(PLAN_STATUS_LABELS[record.status])
            if record.next_review:
                detail += tr(" · prochain point le {date}", date=format_date(record.next_review))
            signed = record.id if record.is_signed and record.pdf_sha256 else None
            return TimelineRow(
                when, tr("Plan d'action v{n}", n=record.plan_version), detail, signed
            )
        if isinstance(record, FollowUpEvent):
            detail = " · ".join(
                [record.note] * bool(record.note) + details_in_words(record.details)
            )
            return TimelineRow(when, tr(EVENT_LABELS[record.kind]), detail)
        agreed = len(record.scopes)
        return TimelineRow(
            when,
            tr("Consentement (version {v})", v=record.wording_version),
            tr(
                "{n} accord{s} sur {total}",
                n=agreed,
                s="s" if agreed > 1 else "",
                total=len(ConsentScope),
            ),
        )
