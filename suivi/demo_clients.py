"""The demo's fictional clients, what they buy, and who sells it (data only; see suivi.demo).

All names, identifiers and addresses are fictional.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DemoClient:
    name: str
    type: str
    city: str
    email: str
    phone: str
    terms: str
    behaviour: str  # "good", "late", "bad", "partial"
    credit_limit: Decimal | None = None
    language: str = "fr"
    reminders: str = "Oui"
    street: str = ""
    postcode: str = ""
    delivery: str = ""


CLIENTS: tuple[DemoClient, ...] = (
    DemoClient("Boulangerie Martin & Fils", "Société", "Lyon", "compta@boulangerie-martin.example",
               "04 78 12 34 56", "30 jours", "good", Decimal("15000"), street="12 rue de la République",
               postcode="69002"),
    DemoClient("Transports Rhône-Alpes Logistique SAS", "Société", "Villeurbanne",
               "factures@tral-logistique.example", "04 72 33 10 20", "45 jours fin de mois", "late",
               Decimal("40000"), street="8 avenue Roger Salengro", postcode="69100",
               delivery="Entrepôt Nord, 140 rue du Dauphiné, 69003 Lyon"),
    DemoClient("Atelier Dubois Menuiserie", "Société", "Grenoble", "atelier.dubois@menuiserie-dubois.example",
               "04 76 45 67 89", "30 jours", "good", street="3 chemin des Alpes", postcode="38000"),
    DemoClient("Cabinet Lefèvre Expertise Comptable", "Société", "Annecy",
               "administratif@lefevre-expertise.example", "04 50 11 22 33", "30 jours", "late",
               street="27 quai Eustache Chappuis", postcode="74000"),
    DemoClient("Garage Moreau Automobiles", "Société", "Saint-Étienne", "garage.moreau@moreau-auto.example",
               "04 77 98 76 54", "30 jours", "bad", Decimal("8000"), street="55 boulevard Karl Marx",
               postcode="42000"),
    DemoClient("Hôtel du Parc SARL", "Société", "Chambéry", "direction@hotelduparc.example",
               "04 79 60 70 80", "30 jours", "partial", street="1 place du Palais de Justice",
               postcode="73000"),
    DemoClient("Pharmacie Centrale Girard", "Société", "Valence", "pharmacie.girard@pharma-girard.example",
               "04 75 44 55 66", "30 jours", "good", street="9 Grande Rue", postcode="26000"),
    DemoClient("Imprimerie Lambert Arts Graphiques", "Société", "Bourg-en-Bresse",
               "compta@imprimerie-lambert.example", "04 74 21 43 65", "60 jours", "late",
               Decimal("20000"), street="18 rue Teynière", postcode="01000"),
    DemoClient("Bâtiment Rousseau Construction", "Société", "Mâcon", "factures@rousseau-btp.example",
               "03 85 38 12 12", "45 jours fin de mois", "bad", Decimal("25000"),
               street="6 quai Lamartine", postcode="71000"),
    DemoClient("Informatique Fontaine Services", "Société", "Roanne", "admin@fontaine-services.example",
               "04 77 70 80 90", "30 jours", "good", street="42 rue Charles de Gaulle",
               postcode="42300"),
    DemoClient("Fromagerie des Monts du Lyonnais", "Société", "Saint-Symphorien-sur-Coise",
               "contact@fromagerie-monts.example", "04 78 44 00 11", "30 jours", "late",
               street="Lieu-dit Le Pavillon", postcode="69590"),
    DemoClient("Nordic Design GmbH (filiale France)", "Société", "Lyon", "accounts@nordic-design.example",
               "04 26 00 11 22", "30 jours", "good", language="en", street="99 cours Lafayette",
               postcode="69006"),
    DemoClient("Jeanne Dupont", "Particulier", "Lyon", "jeanne.dupont@courriel.example",
               "06 12 34 56 78", "À réception", "late", street="5 rue Victor Hugo", postcode="69002"),
    DemoClient("Marc Petit", "Particulier", "Vienne", "marc.petit@courriel.example", "06 98 76 54 32",
               "À réception", "good", street="14 cours Brillier", postcode="38200"),
    DemoClient("Sophie Bernard-Lemaire", "Particulier", "Écully", "sophie.bl@courriel.example",
               "07 11 22 33 44", "À réception", "bad", street="2 allée des Tilleuls", postcode="69130"),
    DemoClient("Lucas Garnier", "Particulier", "Oullins", "lucas.garnier@courriel.example",
               "06 55 44 33 22", "À réception", "good", reminders="Non", street="30 Grande Rue",
               postcode="69600"),
    DemoClient("Association Sportive Croix-Rousse", "Association", "Lyon",
               "tresorier@as-croixrousse.example", "04 78 28 00 01", "30 jours", "late",
               street="11 place de la Croix-Rousse", postcode="69004"),
    DemoClient("Les Amis du Patrimoine Dauphinois", "Association", "Grenoble",
               "contact@amis-patrimoine.example", "04 76 00 12 34", "30 jours", "good",
               street="4 rue Hector Berlioz", postcode="38000"),
    DemoClient("Restos Solidaires Rhône", "Association", "Lyon", "gestion@restos-solidaires.example",
               "04 72 10 20 30", "30 jours", "partial", street="20 rue Saint-Jean", postcode="69005"),
    DemoClient("Mairie de Saint-Priest-les-Vignes", "Administration", "Saint-Priest-les-Vignes",
               "finances@mairie-spv.example", "04 78 20 30 40", "30 jours", "late",
               street="Place de l'Hôtel de Ville", postcode="69800"),
    DemoClient("Communauté de communes du Val d'Azergues", "Administration", "Chessy",
               "comptabilite@cc-valdazergues.example", "04 74 01 02 03", "30 jours", "good",
               street="1 route de Lyon", postcode="69380"),
    DemoClient("Centre Hospitalier de la Vallée", "Administration", "Givors",
               "fournisseurs@ch-vallee.example", "04 78 07 30 30", "30 jours", "bad",
               street="9 avenue Professeur Fleming", postcode="69700"),
)

SERVICES = (
    ("Maintenance informatique mensuelle", Decimal("450")),
    ("Installation poste de travail et configuration réseau", Decimal("680")),
    ("Développement module de réservation en ligne", Decimal("3200")),
    ("Audit de sécurité du système d'information", Decimal("1850")),
    ("Formation bureautique (2 jours, 6 stagiaires)", Decimal("1400")),
    ("Hébergement et sauvegarde externalisée (trimestre)", Decimal("390")),
    ("Refonte du site internet vitrine", Decimal("2750")),
    ("Intervention sur site – dépannage serveur", Decimal("320")),
    ("Licence logiciel de caisse (annuelle)", Decimal("890")),
    ("Accompagnement migration messagerie", Decimal("1150")),
)

GOODS = (
    ("Ordinateur portable 14\" 16 Go", Decimal("1049")),
    ("Écran 27\" QHD", Decimal("289")),
    ("Onduleur 1500 VA", Decimal("245")),
    ("Imprimante laser multifonction", Decimal("419")),
    ("Ouvrage « Bien gérer sa trésorerie »", Decimal("28.50")),
)

SALES_REPS = ("Claire", "Thomas", "Nadia")
