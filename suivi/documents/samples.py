"""Realistic sample documents (fictitious companies) for demos, documentation and benchmarks.

The identifiers are checksum-valid but fictitious: SIREN 732 829 320 is the example used in
the python-stdnum documentation, the IBAN is the classic French test IBAN.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from .model import (
    BuyerKind,
    Deposit,
    DocLine,
    InvoiceDocument,
    Party,
    PrecedingInvoice,
    Seller,
)

D = Decimal

SELLER = Seller(
    name="Atelier Lumière SARL",
    address_lines=("12 rue des Tanneurs",),
    postcode="69002",
    city="Lyon",
    siren="732829320",
    siret="73282932000074",
    vat_number="FR44732829320",
    email="compta@atelier-lumiere.fr",
    phone="04 78 00 00 00",
    legal_form="SARL",
    capital=D("20000"),
    rcs="RCS Lyon 732 829 320",
    iban="FR1420041010050500013M02606",
    bic="PSSTFRPPLYO",
    cheque_address="Atelier Lumière, 12 rue des Tanneurs, 69002 Lyon",
    payment_link_pattern="https://paiement.atelier-lumiere.fr/{number}?montant={amount}",
)

SOCIETE = Party(
    name="Société Nouvelle des Établissements Industriels et Commerciaux du Grand Lyon Métropole",
    address_lines=("Zone industrielle des Grandes Terres", "45 avenue Jean Mermoz"),
    postcode="69008",
    city="Lyon",
    siren="552100554",
    siret="55210055400013",
    vat_number="FR96552100554",
    email="factures@snei.example",
)

ASSOCIATION = Party(
    name="Association Les Amis du Vieux Lyon",
    address_lines=("3 place du Change",),
    postcode="69005",
    city="Lyon",
    siren="775672272",
    email="tresorier@amis-vieux-lyon.example",
)

ADMINISTRATION = Party(
    name="Commune de Villeurbanne",
    address_lines=("Place Lazare Goujon",),
    postcode="69100",
    city="Villeurbanne",
    siren="216902643",
    siret="21690264300016",
)

PARTICULIER = Party(
    name="Mme Camille Durand",
    address_lines=("8 impasse des Lilas",),
    postcode="69300",
    city="Caluire-et-Cuire",
    email="camille.durand@example.org",
)

CHANTIER = Party(
    name="Chantier SNEI – Bâtiment C",
    address_lines=("Rue de l'Industrie", "Quai de livraison n° 4"),
    postcode="69200",
    city="Vénissieux",
)

MIXED_LINES = (
    DocLine("Étude d'éclairage et relevés sur site", D("1"), D("850.00"), D("20")),
    DocLine("Suspension LED laiton, modèle « Comète » Ø 60 cm", D("6"), D("189.90"), D("20")),
    DocLine(
        "Installation et raccordement des luminaires dans les bureaux du 2e étage, y compris "
        "dépose des anciens appareils, évacuation et recyclage en filière agréée",
        D("14.5"),
        D("62.00"),
        D("10"),
    ),
    DocLine("Ampoules LED E27 2700 K (lot de 10)", D("3"), D("24.50"), D("20")),
    DocLine("Travaux d'amélioration énergétique (isolation des gaines)", D("2"), D("145.00"), D("5.5")),
    DocLine("Déplacement zone Lyon Métropole", D("2"), D("35.00"), D("20")),
    DocLine("Remise commerciale fidélité", D("-1"), D("50.00"), D("20")),
)


def sample_invoice(**changes) -> InvoiceDocument:
    """A company invoice with mixed VAT rates, a long client name and a delivery address."""
    doc = InvoiceDocument(
        kind="invoice",
        number="FA-2026-0142",
        issue_date=date(2026, 11, 25),
        due_date=date(2026, 12, 25),
        delivery_date=date(2026, 11, 20),
        seller=SELLER,
        buyer=SOCIETE,
        buyer_kind=BuyerKind.SOCIETE,
        delivery_address=CHANTIER,
        operation_nature="mixte",
        po_reference="BC-88421",
        sales_rep="Julie Martin",
        lines=MIXED_LINES,
        payment_terms="30 jours date de facture",
        penalty_rate=D("12.15"),
    )
    return _replace(doc, changes)


def sample_final_invoice(**changes) -> InvoiceDocument:
    """The realistic sample of the documentation: final invoice with one deposit deducted."""
    base = sample_invoice(
        kind="final",
        number="FA-2026-0143",
        deposits=(Deposit("FA-2026-0098", date(2026, 10, 2), D("1200.00")),),
    )
    return _replace(base, changes)


def _replace(doc: InvoiceDocument, changes: dict) -> InvoiceDocument:
    return replace(doc, **changes) if changes else doc


def sample_cases() -> dict[str, InvoiceDocument]:
    """One document per legal case, used by tests and the documentation."""
    seller_franchise = Seller(
        name="Léa Moreau, graphiste",
        address_lines=("5 rue Paul Bert",),
        postcode="69003",
        city="Lyon",
        siren="732829320",
        siret="73282932000074",
        legal_form="Entrepreneur individuel",
        iban="FR1420041010050500013M02606",
        vat_exemption_text="TVA non applicable, art. 293 B du CGI",
    )
    base = sample_invoice()
    return {
        "societe": base,
        "association": _replace(
            base,
            {
                "number": "FA-2026-0150",
                "buyer": ASSOCIATION,
                "buyer_kind": BuyerKind.ASSOCIATION,
                "delivery_address": None,
                "operation_nature": "services",
                "lines": MIXED_LINES[:1],
            },
        ),
        "administration": _replace(
            base,
            {
                "number": "FA-2026-0151",
                "buyer": ADMINISTRATION,
                "buyer_kind": BuyerKind.ADMINISTRATION,
                "delivery_address": None,
                "po_reference": "EJ-2026-000417",
            },
        ),
        "particulier": _replace(
            base,
            {
                "number": "FA-2026-0152",
                "buyer": PARTICULIER,
                "buyer_kind": BuyerKind.PARTICULIER,
                "delivery_address": None,
                "po_reference": None,
                "operation_nature": "biens",
                "lines": MIXED_LINES[1:2] + MIXED_LINES[3:4],
            },
        ),
        "avoir": _replace(
            base,
            {
                "kind": "credit_note",
                "number": "AV-2026-0007",
                "preceding_invoice": PrecedingInvoice("FA-2026-0142", date(2026, 11, 25)),
                "lines": (DocLine("Suspension LED retournée (défaut de finition)", D("1"), D("189.90"), D("20")),),
                "delivery_address": None,
            },
        ),
        "acompte": _replace(
            base,
            {
                "kind": "deposit",
                "number": "FA-2026-0098",
                "issue_date": date(2026, 10, 2),
                "due_date": date(2026, 10, 2),
                "payment_terms": "À réception",
                "lines": (DocLine("Acompte de 30 % sur le devis DE-2026-031", D("1"), D("1000.00"), D("20")),),
                "delivery_address": None,
                "delivery_date": None,
            },
        ),
        "solde": sample_final_invoice(),
        "franchise": _replace(
            base,
            {
                "number": "2026-031",
                "seller": seller_franchise,
                "operation_nature": "services",
                "lines": (
                    DocLine(
                        "Création d'identité visuelle (logo, charte)",
                        D("1"),
                        D("1400.00"),
                        D("0"),
                        vat_category="E",
                    ),
                ),
                "delivery_address": None,
            },
        ),
    }


def random_invoice(index: int, rng: random.Random) -> InvoiceDocument:
    """A varied, realistic invoice (1–8 lines, any client kind) for the benchmark."""
    kinds = (
        (BuyerKind.SOCIETE, SOCIETE),
        (BuyerKind.ASSOCIATION, ASSOCIATION),
        (BuyerKind.ADMINISTRATION, ADMINISTRATION),
        (BuyerKind.PARTICULIER, PARTICULIER),
    )
    buyer_kind, buyer = rng.choice(kinds)
    count = rng.randint(1, 8)
    lines = []
    for _ in range(count):
        template = rng.choice(MIXED_LINES[:-1])
        quantity = D(rng.choice(("1", "2", "3", "0.5", "7.25", "12", "40")))
        price = (template.unit_price * D(rng.randint(80, 120)) / D(100)).quantize(D("0.01"))
        lines.append(DocLine(template.description, quantity, price, template.vat_rate))
    issue = date(2026, 1, 1) + timedelta(days=rng.randint(0, 330))
    return sample_invoice(
        number=f"FA-2026-{index:05d}",
        issue_date=issue,
        due_date=issue + timedelta(days=30),
        delivery_date=issue - timedelta(days=rng.randint(0, 10)),
        buyer=buyer,
        buyer_kind=buyer_kind,
        delivery_address=CHANTIER if rng.random() < 0.2 else None,
        lines=tuple(lines),
        po_reference=f"BC-{rng.randint(10000, 99999)}" if buyer_kind.is_b2b else None,
    )


def write_samples(folder: Path) -> list[Path]:
    """Render every sample case and a formal notice letter into ``folder``; return the files."""
    from .letter import INVOICE_TABLE, render_letter
    from .pdf import render_invoice

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in sample_cases().items():
        path = folder / f"{doc.number}-{name}.pdf"
        path.write_bytes(render_invoice(doc))
        written.append(path)
    letter = render_letter(
        SELLER,
        SOCIETE,
        date(2026, 11, 25),
        "Mise en demeure de payer",
        [
            "Madame, Monsieur,",
            "Malgré nos relances, la facture ci-dessous reste impayée à ce jour :",
            INVOICE_TABLE,
            "Nous vous mettons en demeure de nous régler cette somme sous huit jours à compter de "
            "la réception de la présente, augmentée des pénalités de retard et de l'indemnité "
            "forfaitaire pour frais de recouvrement de 40 €.",
            "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
        ],
        [("FA-2026-0098", date(2026, 9, 2), date(2026, 10, 2), D("1200.00"), 54, D("21.57"))],
        signatory="Julie Martin, gérante",
    )
    path = folder / "mise-en-demeure.pdf"
    path.write_bytes(letter)
    written.append(path)
    return written


if __name__ == "__main__":  # python -m suivi.documents.samples [FOLDER]
    import sys

    for written in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "exemples-factures")):
        print(written)
