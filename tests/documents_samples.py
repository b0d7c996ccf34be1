"""Realistic sample documents (fictitious companies) for tests, documentation and benchmarks.

The identifiers are checksum-valid but fictitious: SIREN 732 829 320 is the example used in
the python-stdnum documentation, the IBAN is the classic French test IBAN.

One document per kind (see :func:`sample_cases`). Every sample carries an internal note
(``notes``) that must never reach the PDF nor the XML.

    python tests/documents_samples.py exemples/    # writes one PDF per case and a letter
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from suivi.documents.letter import INVOICE_TABLE, Letter
from suivi.documents.letter import render_letter as render_letter_pdf
from suivi.documents.model import (
    BillingPeriod,
    BuyerKind,
    Deposit,
    DocLine,
    InvoiceDocument,
    Party,
    PrecedingInvoice,
    Seller,
)
from suivi.documents.pdf import render_invoice


def render_letter(*args, **kwargs) -> bytes:
    """The letter of these positional fields (seller, recipient, day, subject, paragraphs, rows,
    language…), rendered."""
    return render_letter_pdf(Letter(*args, **kwargs))

D = Decimal

#: The internal remark every sample carries (the Notes column): never printed, never in XML.
INTERNAL_NOTE = "Acompte de 40 % reçu, solde promis oralement."
#: A fixed generation time, for byte-identical renders.
GENERATED_AT = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)

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

ENGLISH_CLIENT = Party(
    name="Thames Lighting Ltd",
    address_lines=("14 Bankside",),
    postcode="SE1 9TG",
    city="London",
    country_code="GB",
    vat_number="GB980780684",
    electronic_address="billing@thames-lighting.example",
    electronic_address_scheme="EM",
    email="billing@thames-lighting.example",
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
    DocLine(
        "Étude d'éclairage et relevés sur site", D("1"), D("850.00"), D("20"), nature="prestation"
    ),
    DocLine(
        "Suspension LED laiton, modèle « Comète » Ø 60 cm",
        D("6"),
        D("189.90"),
        D("20"),
        unit_code="pièce",
    ),
    DocLine(
        "Installation et raccordement des luminaires dans les bureaux du 2e étage, y compris "
        "dépose des anciens appareils, évacuation et recyclage en filière agréée",
        D("14.5"),
        D("62.00"),
        D("10"),
        unit_code="h",
    ),
    DocLine("Ampoules LED E27 2700 K (lot de 10)", D("3"), D("24.50"), D("20"), nature="bien"),
    DocLine(
        "Travaux d'amélioration énergétique (isolation des gaines)",
        D("2"),
        D("145.00"),
        D("5.5"),
        nature="service",
    ),
    DocLine("Déplacement zone Lyon Métropole", D("2"), D("35.00"), D("20"), nature="service"),
    DocLine("Remise commerciale fidélité", D("-1"), D("50.00"), D("20")),
)

BOOK_LINES = (
    DocLine(
        "« Lumières de Lyon », beau livre relié, 240 pages",
        D("12"),
        D("38.00"),
        D("5.5"),
        unit_code="pièce",
    ),
    DocLine("Carnet de croquis A5 (lot de 5)", D("4"), D("21.50"), D("20"), nature="marchandise"),
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
        operation_nature="services",
        po_reference="BC-88421",
        sales_rep="Julie Martin",
        lines=MIXED_LINES,
        payment_terms="30 jours date de facture",
        penalty_rate=D("12.15"),
        notes=(INTERNAL_NOTE,),
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


def _franchise_seller() -> Seller:
    return Seller(
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


def sample_cases() -> dict[str, InvoiceDocument]:
    """One document per kind: B2B (societe), association, public buyer (administration), B2C
    (particulier), English client, goods, mixed (societe), deposit (acompte), final (solde),
    credit notes (avoir, avoir-rembourse), contract with a billing period, VAT franchise."""
    base = sample_invoice()
    solo = {"delivery_address": None}
    return {
        "societe": base,
        "association": _replace(
            base,
            {
                **solo,
                "number": "FA-2026-0150",
                "buyer": ASSOCIATION,
                "buyer_kind": BuyerKind.ASSOCIATION,
                "lines": MIXED_LINES[:1],
            },
        ),
        "administration": _replace(
            base,
            {
                **solo,
                "number": "FA-2026-0151",
                "buyer": ADMINISTRATION,
                "buyer_kind": BuyerKind.ADMINISTRATION,
                "po_reference": None,
                "buyer_service_code": "SERV-TECHNIQUES-04",
                "commitment_number": "EJ-2026-000417",
                "payment_terms": "30 jours",
            },
        ),
        "particulier": _replace(
            base,
            {
                **solo,
                "number": "FA-2026-0152",
                "buyer": PARTICULIER,
                "buyer_kind": BuyerKind.PARTICULIER,
                "po_reference": None,
                "lines": MIXED_LINES[1:2] + MIXED_LINES[3:4],
            },
        ),
        "english": _replace(
            base,
            {
                **solo,
                "number": "FA-2026-0153",
                "buyer": ENGLISH_CLIENT,
                "lang": "en",
                "payment_terms": "30 jours",
                "po_reference": "PO-7741",
                "printed_mention": "Thank you for your order.",
            },
        ),
        "biens": _replace(
            base,
            {
                **solo,
                "number": "FA-2026-0154",
                "lines": BOOK_LINES,
                "payment_terms": "45 jours fin de mois",
                "due_date": date(2027, 1, 31),
            },
        ),
        "avoir": _replace(
            base,
            {
                **solo,
                "kind": "credit_note",
                "number": "AV-2026-0007",
                "preceding_invoice": PrecedingInvoice("FA-2026-0142", date(2026, 11, 25)),
                "lines": (
                    DocLine(
                        "Suspension LED laiton, modèle « Comète » Ø 60 cm",
                        D("1"),
                        D("189.90"),
                        D("20"),
                        unit_code="pièce",
                    ),
                ),
                "due_date": date(2026, 11, 25),
            },
        ),
        "avoir-rembourse": _replace(
            base,
            {
                **solo,
                "kind": "credit_note",
                "number": "AV-2026-0008",
                "refund_due": True,
                "preceding_invoice": PrecedingInvoice("FA-2026-0143", date(2026, 11, 25)),
                "lines": (
                    DocLine(
                        "Ampoules LED E27 2700 K (lot de 10)",
                        D("1"),
                        D("24.50"),
                        D("20"),
                        nature="bien",
                    ),
                ),
                "due_date": date(2026, 12, 10),
            },
        ),
        "acompte": _replace(
            base,
            {
                **solo,
                "kind": "deposit",
                "number": "FA-2026-0098",
                "issue_date": date(2026, 10, 2),
                "due_date": date(2026, 10, 2),
                "payment_terms": "À réception",
                "lines": (
                    DocLine(
                        "Acompte de 30 % sur le devis DE-2026-031", D("1"), D("1000.00"), D("20")
                    ),
                ),
                "delivery_date": None,
            },
        ),
        "solde": sample_final_invoice(),
        "contrat": _replace(
            base,
            {
                **solo,
                "number": "FA-2026-0160",
                "issue_date": date(2026, 12, 1),
                "due_date": date(2026, 12, 31),
                "payment_terms": "30 jours",
                "billing_period": BillingPeriod(date(2026, 11, 1), date(2026, 11, 30)),
                "lines": (
                    DocLine(
                        "Contrat de maintenance de l'éclairage – novembre 2026",
                        D("1"),
                        D("480.00"),
                        D("20"),
                        unit_code="mois",
                    ),
                ),
            },
        ),
        "franchise": _replace(
            base,
            {
                **solo,
                "number": "2026-031",
                "seller": _franchise_seller(),
                "lines": (
                    DocLine(
                        "Création d'identité visuelle (logo, charte)",
                        D("1"),
                        D("1400.00"),
                        D("0"),
                        vat_category="E",
                        nature="service",
                    ),
                ),
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
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in sample_cases().items():
        path = folder / f"{doc.number}-{name}.pdf"
        path.write_bytes(render_invoice(doc, generated_at=GENERATED_AT))
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


if __name__ == "__main__":  # python tests/documents_samples.py [FOLDER]
    for written in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "exemples-factures")):
        print(written)
