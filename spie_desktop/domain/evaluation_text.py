"""Every word the person reads in their evaluation window, in one place.

The window is handed to the person, so these texts are plain French for them (not the
counsellors' vocabulary); a translation of the person-facing texts reads this module only.
The scale's words are said aloud with the pictograms, for people who read little.
"""

from __future__ import annotations

from spie_protocol.indicators.facts import EvaluationQuestion

#: The four answers of the pictogram scale, 1 (not at all) to 4 (completely).
SCALE_WORDS: dict[int, str] = {
    1: "Pas du tout",
    2: "Plutôt non",
    3: "Plutôt oui",
    4: "Tout à fait",
}

#: The scaled questions, in the order they are asked.
QUESTION_TEXT: dict[EvaluationQuestion, str] = {
    EvaluationQuestion.CLEAR: "C'était clair ?",
    EvaluationQuestion.LISTENED: "Vous vous êtes senti écouté ?",
    EvaluationQuestion.AGREE: "Êtes-vous d'accord avec votre plan ?",
    EvaluationQuestion.USEFUL: "Est-ce utile pour vous ?",
}

TEXT: dict[str, str] = {
    "window_title": "Votre avis",
    "intro": "Votre avis compte. Vos réponses ne portent pas votre nom.",
    "progress": "Question {n} sur {total}",
    "suggestion": "Qu'est-ce que vous changeriez ? (facultatif)",
    "suggestion_hint": "Écrivez ici, si vous le voulez.",
    "groups": "Voulez-vous participer aux groupes d'évaluation du territoire ?",
    "groups_hint": (
        "Votre réponse reste anonyme. Si vous voulez participer, dites-le aussi à votre conseiller."
    ),
    "yes": "Oui",
    "no": "Non",
    "skip": "Passer",
    "previous": "Précédent",
    "next": "Suivant",
    "keys_scale": "Touches 1 à 4 pour répondre, Entrée pour valider.",
    "keys_groups": "Touche 1 pour Oui, 2 pour Non.",
    "thanks": "Merci. Vous pouvez rendre l'écran au conseiller.",
    "close": "Rendre l'écran",
    "saving_failed": "Votre réponse n'a pas pu être gardée. Montrez ce message au conseiller.",
}
