"""`suivi bank` over several entities: with no statement named, each entity imports the
statements waiting in its own statement folder (and applies its Rapprochement decisions); a
busy or broken entity does not stop the others; the exit code is the worst. Statements named
go into one workbook only."""
from __future__ import annotations

import json
from pathlib import Path

from bank_workbook import TODAY, csv_statement, invoice_cells, write_book
from click.testing import CliRunner

from suivi.cli import cli

GARAGE_PAID = [("25/11/2026", "VIR SEPA RECU /DE GARAGE MARTIN /MOTIF FACT 2026-1 ET 2",
                "830,50")]


def bank(*args: object):
    argv = ["bank", *map(str, args)]
    if "--date" not in argv:
        argv += ["--date", TODAY]
    return CliRunner().invoke(cli, argv, catch_exceptions=False)


def entity(parent: Path, name: str, paid: bool = True) -> Path:
    """An entity folder with its workbook and suivi.toml, and (when `paid`) this morning's
    statement waiting in its « releves » folder."""
    book = write_book(parent / name)
    if paid:
        (parent / name / "releves").mkdir()
        csv_statement(parent / name / "releves" / "releve-25.csv", GARAGE_PAID)
    return book


def test_each_entity_imports_its_own_statement_folder(tmp_path):
    parent = tmp_path / "Entités"
    nord, sud = entity(parent, "Nord"), entity(parent, "Sud")
    quiet = entity(parent, "Ouest", paid=False)
    result = bank(parent, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["entity"] for d in data] == ["Nord", "Ouest", "Sud"]
    assert [d["exit_code"] for d in data] == [0, 0, 0]
    by_name = {d["entity"]: d for d in data}
    for name, book in (("Nord", nord), ("Sud", sud)):
        assert [s["file"] for s in by_name[name]["statements"]] == ["releve-25.csv"]
        assert invoice_cells(book, "FAC2026-001")["Statut"] == "réglée"
        assert invoice_cells(book, "FAC2026-002")["Statut"] == "réglée"
        folder = book.parent / "releves"
        assert not (folder / "releve-25.csv").exists()
        assert (folder / "importés" / "releve-25.csv").exists()
    assert by_name["Ouest"]["statements"] == []
    assert invoice_cells(quiet, "FAC2026-001")["Statut"] != "réglée"

    again = bank(parent)  # the console: one section per entity, then the summary
    said = " ".join(again.output.split())
    assert again.exit_code == 0
    assert "Entité : Nord" in said and "Résumé (3 entités)" in said
    assert "Aucun relevé à importer dans" in said
    assert "0 relevé(s), 0 paiement(s) enregistré(s)" in said


def test_a_busy_or_broken_entity_does_not_stop_the_others(tmp_path):
    parent = tmp_path / "Entités"
    ok = entity(parent, "A")
    busy = entity(parent, "B")
    (busy.parent / f"~${busy.name}").write_bytes(b"\x05Marie".ljust(165, b"\x00"))
    entity(parent, "C")
    (parent / "C" / "suivi.toml").write_text("[classeur\n", encoding="utf-8")
    result = bank(parent, "--json")
    data = json.loads(result.stdout)
    assert [(d["entity"], d["exit_code"]) for d in data] == [("A", 0), ("B", 3), ("C", 2)]
    assert result.exit_code == 3
    assert invoice_cells(ok, "FAC2026-001")["Statut"] == "réglée"
    assert invoice_cells(busy, "FAC2026-001")["Statut"] != "réglée"
    assert (busy.parent / "releves" / "releve-25.csv").exists()  # not filed: still to import


def test_statements_named_go_into_one_workbook_only(tmp_path):
    parent = tmp_path / "Entités"
    one, two = entity(parent, "Un", paid=False), entity(parent, "Deux", paid=False)
    statement = csv_statement(tmp_path / "releve.csv", GARAGE_PAID)
    for targets in ([parent], [one, two]):
        refused = bank(statement, *targets)
        assert refused.exit_code == 2
        said = " ".join(refused.output.split())
        assert "des relevés nommés vont dans un seul classeur" in said, said
    assert invoice_cells(one, "FAC2026-001")["Statut"] != "réglée"
    assert invoice_cells(two, "FAC2026-001")["Statut"] != "réglée"

    named = bank(statement, one)  # one workbook: as always
    assert named.exit_code == 0, named.output
    assert invoice_cells(one, "FAC2026-001")["Statut"] == "réglée"
    assert invoice_cells(two, "FAC2026-001")["Statut"] != "réglée"


def test_a_folder_of_statements_is_imported_into_the_entity(tmp_path, monkeypatch):
    """`suivi bank releves-novembre` in an entity folder: the statements of that folder (which
    holds no entity) are imported into the entity's workbook."""
    book = write_book(tmp_path / "Compta")
    statements = tmp_path / "Compta" / "releves-novembre"
    statements.mkdir()
    csv_statement(statements / "releve-25.csv", GARAGE_PAID)
    monkeypatch.chdir(tmp_path / "Compta")
    result = bank("releves-novembre", "--json")
    assert result.exit_code == 0, result.output
    assert [s["file"] for s in json.loads(result.stdout)["statements"]] == ["releve-25.csv"]
    assert invoice_cells(book, "FAC2026-002")["Statut"] == "réglée"


def test_a_bank_export_in_excel_is_a_statement_not_a_workbook(tmp_path, monkeypatch):
    """`suivi bank export.xlsx` in an entity folder: an Excel file that is not a suivi master
    (no suivi.toml nor .suivi beside it, not the default name) is a statement, refused with
    the formats suivi reads, as before; the master is not touched."""
    book = write_book(tmp_path / "Compta")
    exports = tmp_path / "Téléchargements"
    exports.mkdir()
    export = exports / "export-banque.xlsx"
    export.write_bytes(book.read_bytes())
    before = book.read_bytes()
    monkeypatch.chdir(tmp_path / "Compta")
    result = bank(export)
    said = " ".join(result.output.split())
    assert result.exit_code == 2
    assert "export-banque.xlsx" in said and "Excel (.xlsx)" in said, said
    assert book.read_bytes() == before
