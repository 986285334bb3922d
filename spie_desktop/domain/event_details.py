"""What a follow-up event records beyond its date: fixed keys with French labels.

``FollowUpEvent.details`` is plain JSON that travels to other devices; its keys and the
values of its choice fields are fixed here, so every device reads them the same way.
"""

from __future__ import annotations

from .events import FollowUpKind

#: details["planned"]: the step is planned (it may be dated in the future).
PLANNED = "planned"
#: details["channel"] of a contact.
CHANNEL = "channel"
#: details of a return to work (EMPLOYMENT) and of an in-work check-in.
CONTRACT = "contract"
HOURS = "hours"
EMPLOYER = "employer"
#: details of an in-work check-in (CHECK_IN).
MONTH = "month"
STILL_IN_WORK = "still_in_work"
DIFFICULTIES = "difficulties"
NEW_ACTION = "new_action"

CHANNEL_LABELS = {
    "phone": "Téléphone",
    "meeting": "Rendez-vous",
    "message": "Message",
}

CONTRACT_LABELS = {
    "cdi": "CDI",
    "cdd": "CDD",
    "interim": "Intérim",
    "aided": "Contrat aidé",
    "work_study": "Alternance",
    "self_employed": "Création d'activité",
    "other": "Autre",
}

#: What is hard in the first months of work, asked at each check-in.
DIFFICULTY_LABELS = {
    "transport": "Transport",
    "childcare": "Garde d'enfants",
    "health": "Santé",
    "money": "Argent",
    "work_relations": "Relations au travail",
}

#: Check-ins after a return to work, in calendar months.
CHECK_IN_MONTHS = (1, 3, 6)

#: Kinds that may be planned (an appointment, a step booked ahead): only these may be dated
#: in the future. An orientation, a missed appointment, a return to work and an end of
#: support are facts recorded once they happened.
PLANNABLE_KINDS = frozenset(
    {
        FollowUpKind.FIRST_CONTACT,
        FollowUpKind.CONTACT,
        FollowUpKind.STEP_START,
        FollowUpKind.STEP_END,
        FollowUpKind.IMMERSION_START,
        FollowUpKind.IMMERSION_END,
        FollowUpKind.TRAINING_START,
        FollowUpKind.TRAINING_END,
        FollowUpKind.REVIEW,
        FollowUpKind.CHECK_IN,
        FollowUpKind.CASE_REVIEW,
    }
)

#: An end kind and the start it closes.
END_OF = {
    FollowUpKind.IMMERSION_END: FollowUpKind.IMMERSION_START,
    FollowUpKind.TRAINING_END: FollowUpKind.TRAINING_START,
    FollowUpKind.STEP_END: FollowUpKind.STEP_START,
}
