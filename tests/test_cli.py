"""The command line as a user meets it: exit codes, French messages, JSON shapes, no traceback."""

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from suivi.cli import cli
from suivi.workbook.template import MasterData, build_master

TODAY = "2026-11-25"


def invoke(*args, cwd=None):
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
    with runner.isolated_filesystem(temp_dir=cwd):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def small_master(path: Path, *, bad: bool = False) -> Path:
    data = MasterData()
    data.clients = [
        [
            "Alpha SARL",
            "Société",
            "732829320",
            None,
            "1 rue A, 69001 Lyon",
            None,
            "compta@alpha.example",
            "04 00 00 00 00",
            "30 jours",
            None,
            "fr",
            "Oui",
            None,
        ]
    ]
    rows = [
        [
            "FAC2026-001",
            date(2026, 9, 1),
            "Alpha SARL",
            "Conseil",
            100,
            20,
            120,
            "30 jours",
            date(2026, 10, 1),
            None,
            None,
            None,
            "émise",
        ],
        [
            "FAC2026-002",
            date(2026, 11, 20),
            "Alpha SARL",
            "Conseil",
            200,
            40,
            240,
            "30 jours",
            date(2026, 12, 20),
            240,
            date(2026, 11, 22),
            None,
            "émise",
        ],
    ]
    if bad:
        rows.append(
            [
                "FAC2026-002",
                date(2026, 11, 21),
                "Beta",
                "Doublon",
                10,
                2,
                13,
                "30 jours",
                date(2026, 11, 1),
                None,
                None,
                None,
                None,
            ]
        )
    data.invoices = [r + [None] * 11 for r in rows]
    build_master(path, data)
    return path


def test_check_clean_workbook_exit_0_and_json_shape(tmp_path):
    book = small_master(tmp_path / "suivi_factures.xlsx")
    result = invoke("check", book, "--json", "--date", TODAY)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sheet"] == "Factures" and data["header_row"] == 1
    assert data["columns"]["number"] == {"header": "N° facture", "column": "A"}
    assert data["columns"]["due_date"] == {"header": "Échéance", "column": "I"}
    assert data["issues"] == []
    assert data["summary"]["invoices"] == 2 and data["summary"]["errors"] == 0


def test_check_problems_exit_1_with_cells(tmp_path):
    book = small_master(tmp_path / "suivi_factures.xlsx", bad=True)
    result = invoke("check", book, "--json")
    assert result.exit_code == 1
    issues = json.loads(result.output)["issues"]
    found = {(i["cell"], i["code"]) for i in issues}
    assert ("Factures!A4", "numero_en_double") in found
    assert ("Factures!I4", "echeance_avant_date") in found
    assert ("Factures!G4", "total_incoherent") in found
    assert ("Factures!C4", "client_inconnu") in found
    assert all(i["severity"] in ("error", "warning") and i["message"] for i in issues)
    # the readable table names the cells too
    text = invoke("check", book)
    assert text.exit_code == 1 and "Factures!A4" in text.output and "erreur" in text.output


@pytest.mark.parametrize(
    "setup, words",
    [
        (lambda d: d / "absent.xlsx", "introuvable"),
        (
            lambda d: (d / "texte.xlsx").write_text("pas un classeur") and d / "texte.xlsx",
            "n'est pas un classeur",
        ),
        (
            lambda d: (
                (d / "vieux.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
                and d / "vieux.xls"
            ),
            ".xls",
        ),
    ],
)
def test_unusable_input_exit_2_one_line_nothing_written(tmp_path, setup, words):
    path = setup(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    for command in ("check", "run"):
        result = CliRunner().invoke(cli, [command, str(path), "--date", TODAY])
        assert result.exit_code == 2, result.output
        assert words in result.output
        assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_encrypted_and_empty_and_headerless(tmp_path, corpus):
    encrypted = tmp_path / "chiffre.xlsx"
    shutil.copy(corpus / "features" / "excelize__encryptSHA1.xlsx", encrypted)
    result = CliRunner().invoke(cli, ["check", str(encrypted)])
    assert result.exit_code == 2 and "mot de passe" in result.output
    import xlsxwriter

    empty = tmp_path / "vide.xlsx"
    xlsxwriter.Workbook(str(empty)).close()
    result = CliRunner().invoke(cli, ["check", str(empty)])
    assert result.exit_code == 2 and "vide" in result.output
    nohead = tmp_path / "sans.xlsx"
    wb = xlsxwriter.Workbook(str(nohead))
    ws = wb.add_worksheet()
    for r in range(5):
        ws.write_row(r, 0, [r, r * 2, r * 3])
    wb.close()
    result = CliRunner().invoke(cli, ["check", str(nohead), "--json"])
    assert result.exit_code == 2 and "en-têtes" in json.loads(result.output)["error"]


def test_init_creates_workbook_and_commented_config_and_refuses_to_overwrite(tmp_path):
    folder = tmp_path / "compta"
    result = invoke("init", folder)
    assert result.exit_code == 0, result.output
    assert (folder / "suivi_factures.xlsx").is_file()
    config = (folder / "suivi.toml").read_text(encoding="utf-8")
    assert "[vendeur]" in config and "# " in config
    import tomllib

    tomllib.loads(config)  # valid TOML
    again = CliRunner().invoke(cli, ["init", str(folder)])
    assert again.exit_code == 2 and "existe déjà" in again.output
    assert invoke("check", folder / "suivi_factures.xlsx").exit_code == 0


def test_run_dry_run_writes_nothing(tmp_path):
    book = small_master(tmp_path / "suivi_factures.xlsx")
    before = book.read_bytes()
    result = invoke("run", book, "--dry-run", "--date", TODAY)
    assert result.exit_code == 0, result.output
    assert "Simulation" in result.output and "en retard" in result.output
    assert book.read_bytes() == before
    assert not (tmp_path / ".suivi").exists()


def test_run_writes_statuses_back_with_a_backup(tmp_path):
    from suivi.workbook.read import read_master

    book = small_master(tmp_path / "suivi_factures.xlsx")
    result = invoke("run", book, "--date", TODAY, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["statuses"]["en retard"]["count"] == 1
    assert summary["statuses"]["réglée"]["count"] == 1
    assert summary["overdue"][0]["number"] == "FAC2026-001"
    assert summary["overdue"][0]["days_late"] == 55
    master = read_master(book)
    assert [i.status_text for i in master.invoices] == ["en retard", "réglée"]
    assert len(list((tmp_path / ".suivi" / "sauvegardes").iterdir())) == 1


def test_workbook_open_in_excel_exit_3_naming_the_owner(tmp_path):
    book = small_master(tmp_path / "suivi_factures.xlsx")
    name = "Marie Dubois"
    owner = bytes([len(name)]) + name.encode("cp1252") + b" " * (53 - len(name))
    owner += len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    owner = owner.ljust(165, b"\x00")
    (tmp_path / "~$suivi_factures.xlsx").write_bytes(owner)
    before = book.read_bytes()
    result = CliRunner().invoke(cli, ["run", str(book), "--date", TODAY])
    assert result.exit_code == 3, result.output
    assert "Marie Dubois" in result.output
    assert "Factures par statut" not in result.output  # not read: no empty table
    assert book.read_bytes() == before


def test_kpi_json_and_table(tmp_path):
    book = small_master(tmp_path / "suivi_factures.xlsx")
    result = invoke("kpi", book, "--json", "--date", TODAY)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["receivables"] == "120.00" and data["overdue"] == "120.00"
    table = invoke("kpi", book, "--date", TODAY)
    assert table.exit_code == 0 and "DSO" in table.output


def test_kpi_refuses_a_workbook_whose_client_column_was_not_found(tmp_path):
    """Indicators of a sheet whose clients suivi did not find would be computed on invoices
    without a client and look true: the command shows the missing column instead, and exits 2."""
    import openpyxl

    book = small_master(tmp_path / "suivi_factures.xlsx")
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Factures"]
    for cell in sheet[1]:
        if cell.value == "Client":
            cell.value = "Colonne C"
    workbook.save(book)
    table = invoke("kpi", book, "--date", TODAY)
    assert table.exit_code == 2, table.output
    assert "Colonne obligatoire absente : « Client »" in " ".join(table.output.split())
    assert "Indicateurs non calculés" in table.output and "DSO" not in table.output
    result = invoke("kpi", book, "--date", TODAY, "--json")
    assert result.exit_code == 2
    data = json.loads(result.output)
    assert "« Client »" in data["error"] and data["issues"][0]["cell"] == "Factures!A1"


def test_english_messages(tmp_path):
    book = small_master(tmp_path / "suivi_factures.xlsx", bad=True)
    result = CliRunner().invoke(cli, ["check", str(book), "--lang", "en"])
    assert "Problems found" in result.output


def test_bad_date_option_is_a_usage_error():
    result = CliRunner().invoke(cli, ["check", "x.xlsx", "--date", "25/11/2026"])
    assert result.exit_code == 2 and "AAAA-MM-JJ" in result.output


@pytest.mark.parametrize("content", ["plain", "encrypted"])
def test_a_loose_file_with_problems_prints_only_french_sentences(tmp_path, content):
    """`suivi check fichier.xlsx` with no suivi.toml writes no log; its errors must not leak on
    stderr as Python's raw record (« log.problem(problem=Message(code=…)) »)."""
    book = tmp_path / "classeur.xlsx"
    if content == "plain":
        import xlsxwriter

        workbook = xlsxwriter.Workbook(str(book))
        sheet = workbook.add_worksheet("Sheet1")
        sheet.write_row(0, 0, ["Ville", "Population"])
        sheet.write_row(1, 0, ["Lyon", 522_000])
        workbook.close()
    else:
        book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))  # an OLE container
    proc = subprocess.run([sys.executable, "-m", "suivi", "check", str(book)],
                          capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)
    assert proc.returncode == 2
    said = proc.stdout + proc.stderr
    assert "Erreur" in said or "bloquant" in said
    assert "Message(" not in said and "log.problem" not in said, said


def test_python_dash_m_suivi_works():
    proc = subprocess.run(
        [sys.executable, "-m", "suivi", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0 and "suivi" in proc.stdout
