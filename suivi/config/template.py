"""The commented suivi.toml that `suivi init` and `suivi demo` write: every option with its
default, explained in French. `tests/test_config.py` checks that it loads to the defaults."""
from __future__ import annotations

TEMPLATE = """\
# suivi.toml — configuration de suivi, à côté de votre classeur.
# Les lignes commençant par # sont des commentaires. Les valeurs indiquées sont les valeurs par
# défaut : vous n'avez à modifier que ce qui vous concerne. Documentation : docs/configuration.md

[general]
langue = "fr"                      # "fr" ou "en" : langue des messages de suivi

[classeur]
fichier = "suivi_factures.xlsx"    # le classeur maître, relatif à ce fichier
# feuille = "Factures"             # feuille des factures, lue seule (sinon : détectée, avec ses
                                   # sœurs « Janvier »… ou « 2025 »… : docs/classeur.md)
conditions_defaut = "30 jours"     # conditions de paiement quand ni la facture ni le client n'en ont
sauvegardes = 10                   # copies gardées dans .suivi/sauvegardes avant chaque écriture
attente_verrou = 30                # secondes d'attente si une autre exécution de suivi est en cours
# taille_max_mo = 200              # taille maximale d'une partie du classeur, décompressée (Mo)
# memoire_max_mo = 1024            # mémoire qu'un passage peut prendre (rendu des PDF en parallèle)
# couleurs = "lire"                # "ignorer" : relancer aussi les lignes barrées ou sur fond vert

# Colonnes : à indiquer seulement si suivi ne reconnaît pas vos en-têtes (en-tête ou lettre).
[classeur.colonnes]
# numero = "Réf. facture"
# client = "C"
# echeance = "À payer le"

[vendeur]
# Votre entreprise, telle qu'elle apparaît sur les factures (mentions obligatoires).
nom = ""
forme_juridique = ""               # SARL, SAS, EI…
capital = ""                       # "10 000 €"
adresse = [""]                     # une ou plusieurs lignes
code_postal = ""
ville = ""
pays = "FR"
siren = ""
siret = ""
tva = ""                           # n° de TVA intracommunautaire, ex. "FR27552032534"
rcs = ""                           # ex. "RCS Lyon 552 032 534"
email = ""
telephone = ""
iban = ""
bic = ""
# logo = "logo.png"
# adresse_cheques = "Mon entreprise, 1 rue …, 69000 Lyon"
# lien_paiement = "https://paiement.exemple.fr/{numero}"
# tva_sur_debits = false           # option pour le paiement de la TVA d'après les débits
# mention_exoneration = "TVA non applicable, art. 293 B du CGI"
# escompte = "Pas d'escompte pour paiement anticipé."

[factures]
# numero = "FAC{AAAA}-{NNN}"       # {AAAA} année, {AA} année sur 2 chiffres, {MM} mois, {NNN} compteur
                                   # (sans cette ligne : la suite des numéros du classeur, sinon celui-ci)
# avoir = "AV{AAAA}-{NNN}"         # série des avoirs (de même)
remise_a_zero_annuelle = true      # le compteur repart à 1 chaque année
dossier = "factures/{AAAA}"        # où ranger les PDF, relatif au classeur
nature = "services"                # "biens", "services" ou "mixte"
taux_tva = 20                      # taux par défaut quand la ligne n'en indique pas
modele = "standard"                # modèle de facture par défaut
jours_retroactifs = 31             # une ligne datée de plus de N jours n'est pas numérotée sans confirmation

# Modèles de facture : « standard », « classique » et « sobre » sont fournis. Un client utilise
# celui de sa colonne « Modèle » (feuille Clients), sinon [factures] modele. Pour en créer un :
# [modeles.maison]
# couleur = "#1F3A5F"              # couleur principale (#RRVVBB)
# couleur_accent = "#E9EEF5"
# logo = "logo.png"
# police = "dejavu-sans"           # ou "dejavu-serif"
# pied_de_page = "Merci de votre confiance."
# mentions = ["Membre d'une association agréée, le règlement par chèque est accepté."]
# dossier_textes = "modeles/factures"   # blocs de texte jinja2 personnalisés (fr/, en/)
# qr_code = true

[relances]
# "brouillons" : les messages sont préparés en fichiers .eml dans relances/AAAA-MM-JJ/
#                (à relire, puis `suivi send`) ; "direct" : le passage quotidien les envoie.
envoi = "brouillons"
# langue par défaut des messages ("fr" ou "en") ; un client dont la colonne Langue vaut "en"
# reçoit toujours l'anglais.
langue = "fr"
# adresses de l'équipe : reçoivent le résumé du jour (et la copie cachée si copie_equipe = true)
equipe = []
copie_equipe = false
# prévenir l'équipe par e-mail quand l'exécution planifiée (suivi run --quiet) se termine avec
# le code 1 (problèmes) ou 2 (classeur inutilisable), ou 3 (classeur resté ouvert tout le
# temps de --attendre) : les problèmes, le résumé du jour, le journal. Il faut [smtp] hote et
# equipe ci-dessus.
alerte_equipe = false
# demander un accusé de lecture (Disposition-Notification-To)
accuse_lecture = false
# adresse de réponse (Reply-To), vide = l'expéditeur
repondre_a = ""
# minimum de relances (relance 1, relance 2, appel) avant une mise en demeure ou un recouvrement
relances_avant_mise_en_demeure = 3
# jours minimum entre deux messages au même client
delai_min_entre_messages = 5
# jours de grâce après une date de promesse de paiement avant de reprendre les relances
delai_grace_promesse = 3
# délai de paiement laissé par la mise en demeure (jours) avant le recouvrement
delai_mise_en_demeure = 8
# en dessous de ce reste dû (en €), pas de relance
montant_minimum = "5"
# joindre la facture PDF (colonne Fichier PDF) et un QR code de virement SEPA
joindre_factures = true
qr_code = true
# dossiers, relatifs au classeur : modèles personnalisés, brouillons et exports
dossier_modeles = "modeles/relances"
dossier_brouillons = "relances"
# jours fériés : pays et subdivision du paquet holidays (ex. "57" Moselle, "974" La Réunion)
pays = "FR"
subdivision = ""
# jours de fermeture en plus des week-ends et jours fériés, ex. ["2026-12-24"]
fermetures = []

# échelle de relance : jours par rapport à l'échéance (négatif = avant l'échéance)
[relances.jours]
avis = -5
relance1 = 1
relance2 = 7
appel = 15
mise_en_demeure = 30
recouvrement = 45

# une échelle par type de client : mêmes clés ; "etapes" choisit les étapes actives, ex.
# [relances.particulier]
# etapes = ["avis", "relance1", "relance2", "appel", "mise_en_demeure"]
# jours = { relance2 = 10 }

[smtp]
# serveur d'envoi ; le mot de passe n'est JAMAIS écrit ici : variable d'environnement
# SUIVI_SMTP_PASSWORD, ou trousseau du système (keyring set suivi <utilisateur>)
hote = ""
port = 587
# "starttls", "ssl" (port 465) ou "aucune"
securite = "starttls"
utilisateur = ""
# adresse et nom affichés comme expéditeur (par défaut : utilisateur)
expediteur = ""
nom_expediteur = ""
variable_mot_de_passe = "SUIVI_SMTP_PASSWORD"
trousseau = true
# secondes ; nouvelles tentatives sur erreur passagère, pause doublée à chaque essai
delai_connexion = 30
tentatives = 3
pause = 2

[penalites]
# taux des pénalités de retard : taux BCE du 1er janvier / 1er juillet + majoration (10 points)
majoration = "10"
# intérêts moratoires des acheteurs publics : taux BCE + 8 points
majoration_administration = "8"
# taux contractuel en % (vide = taux légal BCE + 10) ; au moins 3 × le taux d'intérêt légal
taux_contractuel = ""
# indemnité forfaitaire pour frais de recouvrement, par facture, clients professionnels
indemnite = "40"
# appliquer le taux contractuel aussi aux particuliers (jamais l'indemnité de 40 €)
penalites_particuliers = false
# date jusqu'à laquelle la table des taux BCE a été vérifiée : au-delà, suivi vous prévient
bce_verifie_jusqu_au = "2025-12-31"
# taux directeur BCE (opérations principales de refinancement), par date d'effet
# source : BCE (listés par optimial.fr et legifiscal.fr) — à compléter à chaque changement
taux_bce = [
    ["2022-07-27", "0.50"], ["2022-09-14", "1.25"], ["2022-11-02", "2.00"],
    ["2022-12-21", "2.50"], ["2023-02-08", "3.00"], ["2023-03-22", "3.50"],
    ["2023-05-10", "3.75"], ["2023-06-21", "4.00"], ["2023-08-02", "4.25"],
    ["2023-09-20", "4.50"], ["2024-06-12", "4.25"], ["2024-09-18", "3.65"],
    ["2024-10-23", "3.40"], ["2024-12-18", "3.15"], ["2025-02-05", "2.90"],
    ["2025-03-12", "2.65"], ["2025-04-23", "2.40"], ["2025-06-11", "2.15"],
]
# taux de l'intérêt légal (créanciers professionnels), par semestre : sert à vérifier le taux
# contractuel (au moins 3 fois ce taux) ; source : arrêtés publiés au Journal officiel
taux_interet_legal = [
    ["2023-01-01", "2.06"], ["2023-07-01", "4.22"], ["2024-01-01", "5.07"],
    ["2024-07-01", "4.92"], ["2025-01-01", "3.71"], ["2025-07-01", "2.76"],
]

[indicateurs]
# Période de calcul du DSO, du DMP et des taux, en jours (aujourd'hui compris).
periode_jours = 90
# Nombre de semaines de la prévision d'encaissements.
semaines_prevision = 12
# Tranches de la balance âgée : bornes en jours de retard après l'échéance.
# [30, 60, 90] donne : non échu, 1–30 j, 31–60 j, 61–90 j, > 90 j.
tranches_retard = [30, 60, 90]
# Historique pris en compte pour le retard moyen et le score de fiabilité d'un client,
# et pour décaler les échéances dans la prévision (jours).
historique_jours = 365
# Nombre de mois du tableau et du graphique « facturé / encaissé ».
mois_graphique = 12
# DSO par épuisement : nombre maximal de mois remontés.
dso_mois_max = 24
# Les factures échues depuis plus de ce nombre de jours sont jugées incertaines
# et sorties de la prévision d'encaissements.
retard_douteux_jours = 90

[banque]
# Relevés bancaires (CSV, OFX, CAMT.053) : « suivi bank RELEVÉ » les importe ; « suivi run »
# importe d'abord ceux déposés dans ce dossier (relatif au classeur), puis les range dans
# son sous-dossier importés/. Voir docs/banque.md.
dossier = "releves"
# Données bancaires périmées : quand le dernier relevé importé date de plus de
# jours_obsolescence jours ouvrés, "retenir" suspend les relances des factures impayées (un
# client a peut-être payé depuis) ; "ignorer" relance quand même (paiements saisis à la main).
# Un classeur qui n'a jamais importé de relevé n'est jamais retenu.
obsolete = "retenir"
jours_obsolescence = 5
# Rapprochement : ressemblance (en %) entre le nom du payeur et celui du client à partir de
# laquelle un paiement est appliqué (seuil_nom) ou proposé dans la feuille Rapprochement
# (seuil_nom_douteux).
seuil_nom = 85
seuil_nom_douteux = 60
# Le montant seul suffit quand une seule facture ouverte a exactement ce reste dû
# (false : ces crédits vont dans la feuille Rapprochement).
montant_seul = true

# Colonnes d'un CSV que suivi ne reconnaît pas (toutes les clés sont facultatives) :
# [banque.csv]
# separateur = ";"                 # ";", ",", "tab" ou "|"
# encodage = "cp1252"
# ligne_entete = 2                 # 1 = première ligne ; 0 = pas d'en-tête
# colonne_date = "Date opération"  # en-tête exact, ou numéro de colonne (1 = première)
# colonne_libelle = "Libellé"
# colonne_montant = "Montant"      # montant signé… ou colonne_debit et colonne_credit
# separateur_decimal = ","
# format_date = "jj/mm/aaaa"

[conservation]
# Combien de temps garder ce que suivi écrit à côté du classeur (0 : tout garder). Les
# factures PDF ne sont jamais supprimées ; un dossier de relances qui contient encore une
# relance en attente, refusée ou à vérifier non plus. Voir docs/fiabilite.md ; « suivi purge »
# applique ces règles tout de suite, « suivi run » à la fin de chaque exécution.
brouillons_jours = 0      # dossiers relances/AAAA-MM-JJ (brouillons, copies envoyées, lettres)
journaux_jours = 90       # journaux d'exécution et d'erreur (.suivi/logs)
sauvegardes_jours = 0     # sauvegardes du classeur (0 : seulement [classeur] sauvegardes)
"""


def default_config() -> str:
    """The whole commented configuration."""
    return TEMPLATE
