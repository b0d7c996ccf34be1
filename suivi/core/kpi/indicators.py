"""What each headline indicator is: label (French, English), kind and French definition.

Every indicator is defined once here; the workbook sheet, the terminal table and
docs/indicateurs.md show the same definitions. These words are workbook content, written in
French as the sheet shows them.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Indicator:
    """A headline indicator: the KpiReport attribute, labels, kind and French definition."""

    key: str
    label: str
    label_en: str
    kind: str  # money, days, rate, count, number
    definition: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator("receivables", "Encours total", "Total receivables", "money",
              "Somme des restes dus des factures émises (TTC − montant réglé − avoirs imputés), "
              "échues ou non, litiges compris."),
    Indicator("overdue", "Encours échu", "Overdue", "money",
              "Part de l'encours dont l'échéance est passée (au moins un jour de retard ; une "
              "facture échue aujourd'hui est encore non échue)."),
    Indicator("not_due", "Encours non échu", "Not yet due", "money",
              "Part de l'encours dont l'échéance est aujourd'hui ou plus tard."),
    Indicator("disputed", "dont en litige", "of which disputed", "money",
              "Reste dû des factures en litige (compris dans l'encours)."),
    Indicator("unapplied_credit", "Avoirs non imputés", "Unapplied credit notes", "money",
              "Avoirs ne visant aucune facture ouverte, ou dépassant son reste dû, moins les "
              "remboursements ; non déduits de l'encours."),
    Indicator("invoiced", "CA TTC facturé sur la période", "Invoiced incl. VAT (period)", "money",
              "Factures et acomptes émis pendant la période (TTC), moins les avoirs émis pendant "
              "la période."),
    Indicator("collected", "Encaissé sur la période", "Collected (period)", "money",
              "Règlements datés de la période : ceux des factures émises et ceux de la feuille "
              "Paiements rattachés à aucune facture connue."),
    Indicator("dso_simple", "DSO (méthode simple)", "DSO (simple method)", "days",
              "Encours total ÷ CA TTC facturé sur la période × nombre de jours de la période."),
    Indicator("dso_exhaustion", "DSO (épuisement du CA)", "DSO (exhaustion method)", "days",
              "On retranche de l'encours le CA TTC de chaque mois en remontant depuis le mois en "
              "cours (jours écoulés), en comptant les jours des mois entiers épuisés, puis la "
              "fraction du dernier mois : reste ÷ CA du mois × jours du mois."),
    Indicator("dmp", "DMP (délai moyen de paiement)", "Average payment time", "days",
              "Moyenne, sur les factures soldées pendant la période, des jours entre la date de "
              "facture et la date du règlement qui les solde."),
    Indicator("dmp_weighted", "DMP pondéré par les montants", "Amount-weighted payment time",
              "days",
              "Σ (montant × jours entre date de facture et date du règlement) ÷ Σ montants, sur "
              "tous les règlements datés de la période, chacun à sa date (paiements partiels "
              "compris)."),
    Indicator("average_days_late", "Retard moyen de paiement", "Average days late", "days",
              "Moyenne, sur les factures soldées pendant la période, de (date de solde − "
              "échéance) ; un paiement en avance compte pour 0."),
    Indicator("average_days_vs_due", "Écart moyen à l'échéance", "Average days vs due date", "days",
              "Même moyenne sans plancher : négatif quand les clients paient en avance."),
    Indicator("unpaid_rate", "Taux d'impayés", "Unpaid rate", "rate",
              "Encours échu ÷ CA TTC facturé sur la période (peut dépasser 100 %)."),
    Indicator("collection_rate", "Taux d'encaissement", "Collection rate", "rate",
              "Encaissé sur la période ÷ CA TTC facturé sur la période."),
    Indicator("paid_count", "Factures soldées sur la période", "Invoices settled (period)", "count",
              "Nombre de factures dont le dernier règlement, daté dans la période, les a soldées."),
    Indicator("overdue_count", "Factures en retard", "Overdue invoices", "count",
              "Nombre de factures ouvertes dont l'échéance est passée."),
    Indicator("average_reminders", "Relances par facture soldée", "Reminders per settled invoice",
              "number",
              "Moyenne, sur les factures soldées pendant la période, du nombre d'étapes de "
              "relance atteintes (Relance 1 et au-delà), d'après le Journal et le Niveau de "
              "relance."),
    Indicator("forecast_total", "Encaissements prévus", "Expected cash-in", "money",
              "Total de la prévision d'encaissements sur les semaines à venir (voir le tableau)."),
    Indicator("forecast_uncertain", "Créances incertaines (hors prévision)",
              "Uncertain (not forecast)", "money",
              "Reste dû des factures en litige, au stade recouvrement ou échues depuis plus du "
              "seuil « retard_douteux_jours »."),
    Indicator("foreign_count", "Factures en devise étrangère (hors indicateurs)",
              "Invoices in another currency (left out)", "count",
              "Factures et avoirs émis dans une autre devise que l'euro (colonne Devise, ou « $ », "
              "« USD »… dans le montant) : laissés hors de tous les indicateurs ci-dessus, "
              "suivi ne convertissant pas les devises."),
)

SECTION_DEFINITIONS = {
    "aging": "Balance âgée : reste dû des factures ouvertes réparti selon le nombre de jours "
             "écoulés depuis l'échéance (non échu = échéance aujourd'hui ou plus tard).",
    "clients": "Par client : encours et balance âgée ; retard moyen = moyenne des jours de retard "
               "(avance = 0) des factures soldées dans l'historique et des factures échues encore "
               "ouvertes (retard à ce jour) ; score de fiabilité 0–100 = 100 − min(50, retard "
               "moyen) − 30 × part des factures en retard − min(20, 10 × relances moyennes).",
    "forecast": "Prévision : reste dû attendu à l'échéance décalée de l'écart moyen du client "
                "(sinon de l'écart moyen global) ; une date déjà passée est attendue en semaine 1 "
                "; litiges, recouvrement et retards au-delà du seuil sont exclus.",
    "monthly": "Par mois civil : CA TTC facturé (avoirs déduits) et règlements datés du mois.",
    "steps": "Pour chaque étape k : factures ayant atteint k, et parmi elles celles soldées sans "
             "atteindre d'étape suivante (les factures encore ouvertes comptent comme non "
             "réglées).",
    "late": "Factures ouvertes dont l'échéance est passée, de la plus en retard à la moins en "
            "retard.",
    "history": "Une ligne par jour de calcul ; un second calcul le même jour remplace la ligne du "
               "jour.",
}
