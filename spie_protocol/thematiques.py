"""Labels shared by the device and the server: the data·inclusion thématiques' top levels
(the national enumeration lists labels for sub-thématiques only) and the themes of the
diagnostic referential, so that a figure by theme reads the same on a laptop, on the
territory's dashboard and in an export."""

from __future__ import annotations

#: data·inclusion thématique (top level) → its label.
THEMATIQUE_LABELS: dict[str, str] = {
    "choisir-un-metier": "Choisir un métier",
    "creer-une-entreprise": "Créer une entreprise",
    "difficultes-administratives-ou-juridiques": "Difficultés administratives ou juridiques",
    "difficultes-financieres": "Difficultés financières",
    "equipement-et-alimentation": "Équipement et alimentation",
    "famille": "Famille",
    "lecture-ecriture-calcul": "Lecture, écriture, calcul",
    "logement-hebergement": "Logement et hébergement",
    "mobilite": "Mobilité",
    "numerique": "Numérique",
    "preparer-sa-candidature": "Préparer sa candidature",
    "remobilisation": "Remobilisation",
    "sante": "Santé",
    "se-former": "Se former",
    "souvrir-a-linternational": "S'ouvrir à l'international",
    "trouver-un-emploi": "Trouver un emploi",
}

#: The referential's themes → their labels (the same as the referential's own theme list;
#: a test keeps them equal).
THEME_LABELS: dict[str, str] = {
    "choisir_un_metier": "Choisir un métier",
    "contraintes_familiales": "Contraintes familiales",
    "creer_une_entreprise": "Créer une entreprise",
    "difficulte_administrative": "Difficultés administratives",
    "difficulte_financiere": "Difficultés financières",
    "emploi": "Emploi",
    "formation": "Formation",
    "logement": "Logement",
    "maitrise_langue": "Maîtrise de la langue française",
    "mobilite": "Mobilité",
    "numerique": "Numérique",
    "preparer_sa_candidature": "Préparer sa candidature",
    "s_ouvrir_a_l_international": "S'ouvrir à l'international",
    "sante": "Santé",
    "se_former": "Se former",
    "trouver_un_emploi": "Trouver un emploi",
}
