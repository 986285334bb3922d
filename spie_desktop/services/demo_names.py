"""Tables for synthetic demo people: common French first and last names, real communes.

Names are among the most frequent in France (with their accents); communes are real ones of a
few SPIE territories. Nothing here describes a real person.
"""

from __future__ import annotations

# fmt: off
FEMALE_FIRST_NAMES = (
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie", "Sandrine",
    "Christine", "Véronique", "Céline", "Stéphanie", "Aurélie", "Émilie", "Julie", "Mélanie",
    "Laëtitia", "Élodie", "Sophie", "Camille", "Léa", "Manon", "Chloé", "Inès", "Océane",
    "Noémie", "Anaïs", "Zoé", "Maëlys", "Clémence", "Héloïse", "Josiane", "Hélène", "Gisèle",
    "Mégane", "Jennifer", "Amandine", "Coralie", "Fatima", "Aïcha", "Yasmine", "Samia",
    "Mélissa", "Jade", "Louise", "Agnès", "Bérénice", "Ophélie", "Annabelle", "Sabrina",
)

MALE_FIRST_NAMES = (
    "Jean", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre",
    "Frédéric", "Sébastien", "Stéphane", "Jérôme", "Olivier", "Thierry", "Éric", "Julien",
    "Grégory", "Cédric", "Benoît", "Loïc", "Raphaël", "Gaël", "Joël", "Noël", "Théo", "Mathéo",
    "Lucas", "Hugo", "Enzo", "Clément", "Rémi", "André", "Jérémy", "Kévin", "Anthony", "Dylan",
    "Mehdi", "Karim", "Youssef", "Moussa", "Mamadou", "Hervé", "Gérard", "Bruno", "Franck",
    "Ludovic", "Maxime", "Bastien", "Killian", "Timothée",
)

LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
    "Laurent", "Simon", "Michel", "Lefèvre", "Lefebvre", "Leroy", "Roux", "David", "Bertrand",
    "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
    "Vincent", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François",
    "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry",
    "Roussel", "Mathieu", "Masson", "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël",
    "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas",
    "Brunet", "Gaillard", "Barbier", "Arnaud", "Gérard", "Roche", "Renard", "Schmitt", "Roy",
    "Leroux", "Colin", "Vidal", "Caron", "Picard", "Fabre", "Aubert", "Lemoine", "Renaud",
    "Dumas", "Lacroix", "Olivier", "Bourgeois", "Benoît", "Rey", "Leclercq", "Guillaume",
    "Lecomte", "Dupuy", "Hubert", "Berger", "Carpentier", "Dupuis", "Moulin", "Deschamps",
    "Huet", "Vasseur", "Boucher", "Fleury", "Royer", "Jacquet", "Poirier", "Marty", "Aubry",
    "Carré", "Ménard", "Maillard", "Bertin", "Hervé", "Léger", "Bouvier", "Prévost", "Perrot",
    "Le Gall", "Le Goff", "Pelletier", "Lévêque", "Lebrun", "Boulanger", "Étienne", "Chauvin",
    "Lemaître", "Bénard", "Maréchal", "Barthélemy", "Delattre", "Delmotte", "Vernhes",
    "Bousquet", "Costes", "Cayla", "Benali", "Diallo", "Traoré", "Haddad", "Ben Amor",
    "N'Diaye",
)

#: Extra family names frequent in French Guiana, drawn alongside the common list there.
GUYANE_LAST_NAMES = (
    "Da Silva", "Dos Santos", "Pinas", "Linguet", "Sabajo", "Tiouka", "Apollinaire", "Karam",
    "Adéla", "Lony", "Joseph", "Jean-Baptiste", "Pierre-Louis", "Aloïké", "Amisi", "Edouard",
)

#: A dozen real communes for a handful of SPIE territories (INSEE département code).
COMMUNES: dict[str, tuple[str, ...]] = {
    "12": (
        "Rodez", "Millau", "Villefranche-de-Rouergue", "Decazeville", "Onet-le-Château",
        "Saint-Affrique", "Espalion", "Luc-la-Primaube", "Capdenac-Gare", "Aubin",
        "Baraqueville", "Réquista", "Laguiole",
    ),
    "CTG": (
        "Cayenne", "Saint-Laurent-du-Maroni", "Kourou", "Matoury", "Rémire-Montjoly",
        "Macouria", "Mana", "Maripasoula", "Apatou", "Grand-Santi", "Saint-Georges",
        "Sinnamary", "Papaïchton",
    ),
    "62": (
        "Calais", "Boulogne-sur-Mer", "Arras", "Lens", "Liévin", "Hénin-Beaumont",
        "Béthune", "Bruay-la-Buissière", "Saint-Omer", "Carvin", "Berck", "Outreau",
        "Avion",
    ),
    "78": (
        "Versailles", "Sartrouville", "Mantes-la-Jolie", "Saint-Germain-en-Laye", "Poissy",
        "Montigny-le-Bretonneux", "Les Mureaux", "Plaisir", "Chatou", "Trappes", "Houilles",
        "Élancourt", "Rambouillet",
    ),
    "91": (
        "Évry-Courcouronnes", "Corbeil-Essonnes", "Massy", "Savigny-sur-Orge",
        "Sainte-Geneviève-des-Bois", "Palaiseau", "Viry-Châtillon", "Athis-Mons", "Grigny",
        "Étampes", "Draveil", "Ris-Orangis", "Brétigny-sur-Orge",
    ),
}
# fmt: on

#: Short counsellor notes, as typed during an interview (no identifying content).
THEME_NOTES = (
    "dépend du bus du matin",
    "en attente de réponse de la CAF",
    "souhaite avancer vite",
    "à revoir au prochain rendez-vous",
    "a déjà essayé seul(e), sans succès",
    "soutien de la famille",
    "démarche commencée avec l'assistante sociale",
    "situation qui évolue, à suivre",
)
#: Notes for a theme where the person expressed no barrier.
CALM_NOTES = (
    "pas de difficulté exprimée",
    "soutien de la famille",
    "rien à signaler pour l'instant",
)

PROJECTS = (
    "aide à domicile",
    "travailler dans la logistique",
    "passer le permis puis chercher un emploi de livreur",
    "reprendre une formation dans le soin",
    "ouvrir un petit commerce",
    "travailler dans les espaces verts",
    "agent d'entretien, à temps partiel au début",
    "cuisine en restauration collective",
    "chauffeur de bus",
    "retourner dans le bâtiment",
)

STRENGTHS = (
    "10 ans d'aidante familiale",
    "permis B",
    "expérience en vente",
    "bénévolat dans une association",
    "parle deux langues",
    "ponctuel(le) et motivé(e)",
    "CAP obtenu",
    "bricoleur(se)",
)


#: Who orients people to the SPIE, and why (the orientation lists' « orienté par », « motif »).
ORIENTERS = (
    "Conseil départemental",
    "France Travail",
    "Mission locale",
    "Cap emploi",
)
ORIENTATION_REASONS = (
    "Bénéficiaire du RSA",
    "Demandeur d'emploi de longue durée",
    "Jeune de moins de 26 ans sans emploi ni formation",
    "Travailleur handicapé en recherche d'emploi",
)
