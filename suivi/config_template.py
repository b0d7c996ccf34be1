"""The commented suivi.toml that `suivi init` writes. Every option, with its default, in French."""
from __future__ import annotations

HEADER = """\
# suivi.toml — configuration de suivi, à côté de votre classeur.
# Les lignes commençant par # sont des commentaires. Les valeurs indiquées sont les valeurs par
# défaut : vous n'avez à modifier que ce qui vous concerne. Documentation : docs/configuration.md

[general]
langue = "fr"                      # "fr" ou "en" : langue des messages de suivi

[classeur]
fichier = "suivi_factures.xlsx"    # le classeur maître, relatif à ce fichier
# feuille = "Factures"             # feuille des factures (sinon : détectée automatiquement)
conditions_defaut = "30 jours"     # conditions de paiement quand ni la facture ni le client n'en ont
sauvegardes = 10                   # copies gardées dans .suivi/sauvegardes avant chaque écriture
attente_verrou = 30                # secondes d'attente si une autre exécution de suivi est en cours

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
numero = "FAC{AAAA}-{NNN}"         # {AAAA} année, {AA} année sur 2 chiffres, {MM} mois, {NNN} compteur
avoir = "AV{AAAA}-{NNN}"           # série des avoirs
remise_a_zero_annuelle = true      # le compteur repart à 1 chaque année
dossier = "factures/{AAAA}"        # où ranger les PDF, relatif au classeur
nature = "services"                # "biens", "services" ou "mixte"
taux_tva = 20                      # taux par défaut quand la ligne n'en indique pas
modele = "standard"                # modèle de facture par défaut
"""


def default_config(extra_sections: tuple[str, ...] = ()) -> str:
    """The whole commented configuration, with the capabilities' own sections appended."""
    return HEADER + "".join("\n" + section.strip("\n") + "\n" for section in extra_sections)
