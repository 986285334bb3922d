"""The device's definitions of a path's steps, as the server reads them from documents
(the desktop's ``domain/parcours.py`` and ``domain/path_scan.py``: the two never import
each other, so the kinds and rules are written here again, as plain strings).

* Follow-up events are steps on the day they occurred; a planned one (``details.planned``)
  has not happened yet and does not count, nor does a missed appointment or a restriction
  of access (not something done with the person). The file's own « dernier contact » is a
  contact on its day.
* A diagnostic is done when its interview is ``completed`` or a signed plan was drafted from
  it, on the day the interview last changed; it was joint when the interview names both a
  social and an employment counsellor.
* Each signed (or since superseded) plan version is signed on its last signature's day.
* The actions of the plan in force (the newest signed version) are started on their start
  date (once it is past), and done or abandoned on the day their status was recorded.
* The actions counted by theme and status are those of every signed version, once each (a
  new version copies the actions it keeps: same theme and wording), on the day the first
  version holding them was signed, with the status of the newest version holding them; an
  offer linked to one counts on that day too.
* A person's structure is the structure of the social (else the employment) counsellor of
  their earliest interview, else that of the last author of their record (synchronised
  counsellor and structure records, by name), else « Structure non renseignée ».
"""

from __future__ import annotations

ORIENTATION = "orientation"
EMPLOYMENT = "employment"
CHECK_IN = "check_in"
IMMERSION_START = "immersion_start"

#: Every follow-up kind this version knows (an unknown kind, from a newer device, is skipped).
KNOWN_KINDS = frozenset(
    {
        ORIENTATION,
        "first_contact",
        "contact",
        "missed_appointment",
        "step_start",
        "step_end",
        IMMERSION_START,
        "immersion_end",
        "training_start",
        "training_end",
        "review",
        EMPLOYMENT,
        CHECK_IN,
        "case_review",
        "end_of_support",
        "support_reopened",
        "restricted",
        "restriction_lifted",
    }
)
#: Events that are not something done with the person: on no one's path of steps.
NOT_STEPS = frozenset({"missed_appointment", "restricted", "restriction_lifted"})
#: Events that are a contact with the person (a missed appointment is not); a diagnostic done
#: and a plan signed are contacts too.
CONTACT_KINDS = frozenset({"first_contact", "contact", CHECK_IN, "review"})

#: The check-in after a return to work the indicators follow.
CHECK_IN_MONTH = 6

COMPLETED = "completed"
SIGNED = "signed"
SUPERSEDED = "superseded"
SIGNED_STATUSES = frozenset({SIGNED, SUPERSEDED})
#: Action statuses that end it (done, abandoned by the person, cancelled by the structure).
ENDED_ACTION = frozenset({"done", "abandonned", "canceled"})
