"""The hand-written questions of socle-commun, by theme and by step (source of the generator).

The referential (situations, objectives, actions) comes from the CSV files; these questions
are what the counsellors ask around it. Edit here, then run ``python -m
spie_desktop.forms.generate_socle`` and commit the regenerated YAML.
"""

from __future__ import annotations

from typing import Any

Question = dict[str, Any]


def q(
    qid: str,
    qtype: str,
    label: str,
    *,
    choices: list[tuple[str, str]] | None = None,
    **options: Any,
) -> Question:
    """One question as it appears in the YAML (options: help, required, sensitive, visible_if...)."""
    question: Question = {"id": qid, "type": qtype, "label": label}
    question.update(options)
    if choices:
        question["choices"] = [{"value": value, "label": text} for value, text in choices]
    return question


SENSITIVE_HELP = (
    "Réponse sensible : elle ne figure dans le plan imprimé que si la personne l'accepte."
)

CONSENT_QUESTIONS = [
    q(
        "consentement",
        "yes_no",
        "La personne accepte que ses réponses soient recueillies et conservées pour son accompagnement",
        required=True,
        help="Lire avec elle la notice d'information (RGPD) : finalité, durée de conservation, droits d'accès et de rectification.",
    ),
    q(
        "partage_partenaires",
        "yes_no",
        "Elle accepte que son dossier soit partagé avec les partenaires qui l'accompagnent",
        required=True,
    ),
    q(
        "donnees_sensibles",
        "yes_no",
        "Elle accepte que ses réponses sensibles (santé, justice) figurent dans le plan imprimé",
        required=True,
        help="Sans son accord, ces réponses restent visibles des seuls conseillers.",
    ),
    q("lieu", "short_text", "Lieu de l'entretien"),
]

PRIORITY_QUESTIONS = [
    q(
        "projet",
        "long_text",
        "Le projet de la personne, dans ses mots",
        required=True,
        role="project",
        help="Écrire ses propres mots, même si le projet n'est pas encore précis.",
    ),
    q(
        "ordre",
        "multiple_choice",
        "Priorités partagées, dans l'ordre",
        choices_from="themes",
        ordered=True,
        role="priorities",
        help="Choisir avec la personne les thèmes à travailler d'abord.",
    ),
    q("autres_priorites", "long_text", "Autres priorités exprimées", role="other_priorities"),
    q(
        "atouts",
        "text_list",
        "Atouts de la personne",
        role="strengths",
        help="Expérience, savoir-faire, soutiens, motivation…",
    ),
]

YES_NO_UNKNOWN = [("oui", "Oui"), ("en-cours", "En cours"), ("non", "Non")]

THEME_QUESTIONS: dict[str, list[Question]] = {
    "logement": [
        q(
            "type_logement",
            "single_choice",
            "Type de logement",
            choices=[
                ("locataire-prive", "Locataire du parc privé"),
                ("locataire-social", "Locataire du parc social"),
                ("proprietaire", "Propriétaire"),
                ("heberge-famille", "Hébergé(e) par la famille"),
                ("heberge-tiers", "Hébergé(e) chez un tiers"),
                ("hebergement-collectif", "Hébergement collectif (CHRS, CHU, CADA…)"),
                ("hotel", "Hôtel"),
                ("habitat-mobile", "Habitat mobile"),
                ("sans-logement", "Sans logement"),
            ],
        ),
        q(
            "fin_hebergement",
            "date",
            "Date de fin d'hébergement prévue",
            visible_if="logement.type_logement in ['heberge-tiers', 'hebergement-collectif', 'hotel']",
        ),
        q("personnes_foyer", "number", "Nombre de personnes au foyer", min=1, max=20),
        q("impayes", "yes_no", "Impayés de loyer ou de charges"),
    ],
    "mobilite": [
        q("permis", "yes_no", "Permis de conduire B"),
        q("vehicule", "yes_no", "Véhicule disponible", visible_if="mobilite.permis == true"),
        q(
            "moyens",
            "multiple_choice",
            "Moyens de déplacement utilisés",
            choices=[
                ("a-pied", "À pied"),
                ("velo", "Vélo ou trottinette"),
                ("transports-en-commun", "Transports en commun"),
                ("covoiturage", "Covoiturage"),
                ("voiture", "Voiture"),
                ("deux-roues", "Deux-roues motorisé"),
                ("transport-a-la-demande", "Transport à la demande"),
            ],
        ),
        q(
            "distance_max",
            "number",
            "Distance maximale acceptée pour aller travailler (km)",
            min=0,
            max=500,
        ),
    ],
    "sante": [
        q("suivi_medical", "yes_no", "Suivi médical en cours", help=SENSITIVE_HELP),
        q(
            "rqth",
            "single_choice",
            "Reconnaissance de la qualité de travailleur handicapé (RQTH)",
            choices=YES_NO_UNKNOWN,
        ),
        q("couverture_maladie", "yes_no", "Couverture maladie et complémentaire à jour"),
        q("restrictions", "long_text", "Restrictions à prendre en compte pour l'emploi"),
    ],
    "contraintes_familiales": [
        q(
            "situation_familiale",
            "single_choice",
            "Situation familiale",
            choices=[
                ("seul", "Seul(e)"),
                ("en-couple", "En couple"),
                ("separe", "Séparé(e) ou divorcé(e)"),
                ("veuf", "Veuf ou veuve"),
            ],
        ),
        q("enfants_a_charge", "number", "Nombre d'enfants à charge", min=0, max=20),
        q(
            "mode_garde",
            "single_choice",
            "Mode de garde des enfants",
            visible_if="contraintes_familiales.enfants_a_charge > 0",
            choices=[
                ("creche", "Crèche"),
                ("assistante-maternelle", "Assistante maternelle"),
                ("famille", "Famille ou proches"),
                ("ecole", "École ou périscolaire"),
                ("aucun", "Aucune solution"),
            ],
        ),
        q("aidant", "yes_no", "S'occupe d'un proche dépendant"),
        q(
            "heures_aidant",
            "number",
            "Heures d'aide par semaine au proche",
            visible_if="contraintes_familiales.aidant == true",
            min=0,
            max=168,
        ),
    ],
    "difficulte_financiere": [
        q(
            "ressources",
            "multiple_choice",
            "Ressources du foyer",
            choices=[
                ("salaire", "Salaire"),
                ("rsa", "RSA"),
                ("allocation-chomage", "Allocation chômage"),
                ("aah", "AAH"),
                ("prime-activite", "Prime d'activité"),
                ("prestations-familiales", "Prestations familiales"),
                ("pension", "Pension ou retraite"),
                ("aucune", "Aucune ressource"),
            ],
        ),
        q("dettes", "yes_no", "Dettes ou crédits en cours"),
        q(
            "surendettement",
            "yes_no",
            "Dossier de surendettement déposé",
            visible_if="difficulte_financiere.dettes == true",
        ),
        q("reste_a_vivre", "number", "Reste à vivre mensuel estimé (€)"),
    ],
    "difficulte_administrative": [
        q("piece_identite", "yes_no", "Pièce d'identité ou titre de séjour valide"),
        q("titre_sejour", "yes_no", "Titre de séjour"),
        q(
            "fin_titre_sejour",
            "date",
            "Date de fin de validité du titre de séjour",
            visible_if="difficulte_administrative.titre_sejour == true",
        ),
        q(
            "justice",
            "yes_no",
            "Procédure judiciaire ou mesure de justice en cours",
            sensitive=True,
            help=SENSITIVE_HELP,
        ),
        q(
            "mesure_protection",
            "single_choice",
            "Mesure de protection",
            choices=[
                ("aucune", "Aucune"),
                ("sauvegarde", "Sauvegarde de justice"),
                ("curatelle", "Curatelle"),
                ("tutelle", "Tutelle"),
                ("maj", "Mesure d'accompagnement judiciaire (MAJ)"),
            ],
        ),
    ],
    "maitrise_langue": [
        q("langues", "short_text", "Langue(s) parlée(s)"),
        q("oral", "scale", "Aisance à l'oral en français (0 : aucune, 4 : très à l'aise)"),
        q("ecrit", "scale", "Aisance à l'écrit en français (0 : aucune, 4 : très à l'aise)"),
        q(
            "interprete",
            "yes_no",
            "Un interprète est utile pour les rendez-vous",
            visible_if="maitrise_langue.oral is answered and maitrise_langue.oral <= 1",
        ),
    ],
    "numerique": [
        q(
            "equipement",
            "multiple_choice",
            "Équipement",
            choices=[
                ("smartphone", "Smartphone"),
                ("ordinateur", "Ordinateur"),
                ("tablette", "Tablette"),
                ("aucun", "Aucun"),
            ],
        ),
        q(
            "connexion",
            "single_choice",
            "Accès à internet",
            choices=[
                ("domicile", "Au domicile"),
                ("mobile", "Par le téléphone"),
                ("lieu-public", "Dans un lieu public"),
                ("aucun", "Aucun"),
            ],
        ),
        q("adresse_electronique", "yes_no", "Utilise une adresse électronique"),
        q("autonomie", "scale", "Autonomie pour les démarches en ligne (0 : aucune, 4 : complète)"),
    ],
    "emploi": [
        q("dernier_emploi", "short_text", "Dernier emploi occupé"),
        q(
            "duree_sans_emploi",
            "single_choice",
            "Durée sans emploi",
            choices=[
                ("en-emploi", "En emploi"),
                ("moins-6-mois", "Moins de 6 mois"),
                ("6-12-mois", "De 6 mois à 1 an"),
                ("1-2-ans", "De 1 à 2 ans"),
                ("2-5-ans", "De 2 à 5 ans"),
                ("plus-5-ans", "Plus de 5 ans"),
                ("jamais", "N'a jamais travaillé"),
            ],
        ),
        q(
            "fin_dernier_emploi",
            "date",
            "Date de fin du dernier emploi",
            visible_if="emploi.duree_sans_emploi is answered and emploi.duree_sans_emploi not in ['en-emploi', 'jamais']",
        ),
        q("inscrit_france_travail", "yes_no", "Inscrit(e) à France Travail"),
        q(
            "temps_travail",
            "single_choice",
            "Temps de travail recherché",
            choices=[
                ("temps-plein", "Temps plein"),
                ("temps-partiel", "Temps partiel"),
                ("indifferent", "Indifférent"),
            ],
        ),
    ],
    "formation": [
        q(
            "niveau",
            "single_choice",
            "Niveau de diplôme le plus élevé",
            choices=[
                ("sans-diplome", "Sans diplôme"),
                ("niveau-3", "CAP, BEP (niveau 3)"),
                ("niveau-4", "Baccalauréat (niveau 4)"),
                ("niveau-5", "Bac + 2 (niveau 5)"),
                ("niveau-6", "Bac + 3 ou 4 (niveau 6)"),
                ("niveau-7", "Bac + 5 et plus (niveau 7-8)"),
            ],
        ),
        q("diplome", "short_text", "Intitulé du diplôme ou de la certification"),
        q("souhaite_formation", "yes_no", "Souhaite suivre une formation"),
        q(
            "formation_souhaitee",
            "short_text",
            "Formation souhaitée",
            visible_if="formation.souhaite_formation == true",
        ),
    ],
    "choisir_un_metier": [
        q("metier_vise", "short_text", "Métier ou secteur visé"),
        q(
            "clarte_projet",
            "scale",
            "Clarté du projet professionnel (0 : aucun projet, 4 : projet validé)",
        ),
        q("immersion", "yes_no", "Souhaite découvrir un métier en immersion (PMSMP)"),
    ],
    "se_former": [
        q("formation_envisagee", "short_text", "Formation envisagée"),
        q(
            "financement",
            "single_choice",
            "Financement envisagé",
            choices=[
                ("cpf", "Compte personnel de formation"),
                ("region", "Région"),
                ("france-travail", "France Travail"),
                ("employeur", "Employeur"),
                ("a-trouver", "À trouver"),
            ],
        ),
        q("date_entree", "date", "Date d'entrée en formation prévue"),
    ],
    "preparer_sa_candidature": [
        q("cv_a_jour", "yes_no", "CV à jour"),
        q("competences", "text_list", "Compétences à mettre en avant"),
        q("reseau", "scale", "Réseau professionnel mobilisable (0 : aucun, 4 : étendu)"),
    ],
    "trouver_un_emploi": [
        q(
            "contrats",
            "multiple_choice",
            "Contrats recherchés",
            choices=[
                ("cdi", "CDI"),
                ("cdd", "CDD"),
                ("interim", "Intérim"),
                ("iae", "Insertion par l'activité économique"),
                ("alternance", "Alternance"),
                ("independant", "Indépendant"),
            ],
        ),
        q("candidatures_mois", "number", "Candidatures envoyées le mois dernier", min=0, max=500),
        q("entretiens", "yes_no", "A obtenu des entretiens d'embauche récemment"),
    ],
    "creer_une_entreprise": [
        q("idee", "long_text", "Idée ou projet d'entreprise"),
        q(
            "statut",
            "single_choice",
            "Statut envisagé",
            choices=[
                ("micro-entreprise", "Micro-entreprise"),
                ("societe", "Société"),
                ("cooperative", "Coopérative (CAE, SCOP)"),
                ("ne-sait-pas", "Ne sait pas encore"),
            ],
        ),
        q("accompagne", "yes_no", "Déjà accompagné(e) par un réseau d'aide à la création"),
    ],
    "s_ouvrir_a_l_international": [
        q("pays", "short_text", "Pays visés"),
        q("langues_etrangeres", "short_text", "Langues étrangères pratiquées"),
        q("retour_recent", "yes_no", "Revenu(e) en France depuis moins d'un an"),
    ],
}
