"""« Date de prestation » beside « Date facture »: an invoice must say when the sale or the
service took place when that is not its own date (CGI art. 242 nonies A). The column was left
unread (a header starting with « Date » names a date, and none was this one), and the invoice
printed its own date as the date of the service."""

from __future__ import annotations

from datetime import date

from test_team_trackers import book_of
from test_ttc_only_documents import facturx_xml, invoicing


def test_the_day_of_the_service_is_printed_and_written(in_folder):
    book_of(in_folder / "suivi.xlsx", {
        "Factures": [["N° facture", "Client", "Date facture", "Date de prestation",
                      "Montant TTC", "Montant réglé"],
                     [None, "Alpha", date(2026, 12, 1), date(2026, 11, 15), 1200, None],
                     [None, "Alpha", date(2026, 12, 1), None, 600, None]],
        "Clients": [["Client", "Email", "Adresse", "Code postal", "Ville", "SIREN"],
                    ["Alpha", "a@alpha.example", "1 rue de la Paix", 75002, "Paris",
                     "732829320"]]})
    result = invoicing(in_folder)
    assert result.exit_code == 0, result.output
    folder = in_folder / "factures" / "2026"
    assert occurrence(folder / "FAC2026-001.pdf") == "20261115"
    assert occurrence(folder / "FAC2026-002.pdf") == "20261201"  # none given: its own date


def occurrence(path):
    """BT-72, the date of the sale or service, in the invoice's Factur-X data."""
    xml = facturx_xml(path)
    event = xml[xml.index("<ram:ActualDeliverySupplyChainEvent>"):]
    start = event.index('format="102">') + len('format="102">')
    return event[start:event.index("<", start)]
