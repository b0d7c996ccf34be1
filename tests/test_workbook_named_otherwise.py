"""A team puts the batch files beside its own « Suivi factures 2026.xlsx » and double-clicks
« Lancer suivi ». suivi looked for suivi_factures.xlsx only, and said it was « introuvable »
without a word about the workbook right there. The error now names the workbooks the folder
holds (the last saved first, Excel's « ~$ » lock files set aside) and the exact line to
write; following it works."""

from __future__ import annotations

import os
import time
from datetime import date

from click.testing import CliRunner
from test_team_trackers import book_of

from suivi.cli import cli

ROWS = [["N° facture", "Client", "Email", "Date facture", "Échéance", "Montant TTC",
         "Montant réglé"],
        ["F1", "Alpha", "compta@alpha.example", date(2026, 8, 1), date(2026, 9, 1), 1000, 0]]


def folder_of_two(folder):
    old = book_of(folder / "Suivi factures 2025.xlsx", {"Factures": ROWS})
    book_of(folder / "Suivi factures 2026.xlsx", {"Factures": ROWS})
    os.utime(old, (time.time() - 86400, time.time() - 86400))  # last year's, saved earlier
    (folder / "~$Suivi factures 2026.xlsx").write_bytes(b"owner")  # open in Excel right now


def said(result):
    return " ".join(result.output.split())


def test_run_without_a_workbook_named_the_default_names_those_the_folder_holds(in_folder):
    folder_of_two(in_folder)
    result = CliRunner().invoke(cli, ["run", "--date", "2026-12-01"])
    assert result.exit_code == 2, result.output
    out = said(result)
    assert "suivi_factures.xlsx » est introuvable. Ce dossier contient « Suivi factures " \
           "2026.xlsx », « Suivi factures 2025.xlsx » : indiquez votre classeur, en argument " \
           "(suivi run \"Suivi factures 2026.xlsx\") ou dans suivi.toml (section [classeur] : " \
           "fichier = \"Suivi factures 2026.xlsx\")" in out, out
    assert "~$" not in out
    assert not (in_folder / ".suivi").exists()  # nothing written anywhere

    # the folder given as an argument says the same, as the multi-entity error
    folder = CliRunner().invoke(cli, ["run", ".", "--date", "2026-12-01"])
    assert folder.exit_code == 2
    assert "mais il contient « Suivi factures 2026.xlsx », « Suivi factures 2025.xlsx »" \
        in said(folder), folder.output

    # following the advice: the line in suivi.toml, then the run works on that workbook
    (in_folder / "suivi.toml").write_text('[classeur]\nfichier = "Suivi factures 2026.xlsx"\n',
                                          encoding="utf-8")
    (in_folder / "~$Suivi factures 2026.xlsx").unlink()  # Excel closed
    done = CliRunner().invoke(cli, ["run", "--date", "2026-12-01"])
    assert done.exit_code == 0, done.output
    assert [p.name for p in (in_folder / "relances").rglob("*.eml")] == [
        "20261201-alpha-relance1-be76.eml"]


def test_a_folder_without_any_workbook_keeps_the_plain_error(in_folder):
    result = CliRunner().invoke(cli, ["check", "--date", "2026-12-01", "--lang", "en"])
    assert result.exit_code == 2
    out = said(result)
    assert "suivi_factures.xlsx' not found. Check the path" in out, out
    assert "This folder holds" not in out
