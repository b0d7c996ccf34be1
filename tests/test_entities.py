"""Several entities in one command: `suivi run A B`, `suivi run DOSSIER/`, the same for check,
remind, send and kpi (bank: tests/bank/test_bank_entities.py) — each entity with its own configuration, lock, journal and log; one busy
or broken entity never stops the others; the exit code is the worst of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from production_helpers import TODAY, invoke, open_in_excel, small_entity

from suivi.cli import cli
from suivi.workbook.read import read_master


@pytest.fixture
def entities(tmp_path) -> Path:
    """Four entities under one folder: fine (0), with an error (1), a broken suivi.toml (2),
    open in Excel (3); and a hidden folder that is not an entity."""
    parent = tmp_path / "Entités"
    small_entity(parent / "Alpha")
    small_entity(parent / "Beta" / "Compta", bad=True)
    small_entity(parent / "Gamma", toml="[relance]\nenvoi = 'direct'\n")
    open_in_excel(small_entity(parent / "Delta"))
    small_entity(parent / ".archives" / "Vieux")
    return parent


def test_a_folder_runs_every_entity_below_it_and_exits_with_the_worst_code(entities):
    result = invoke("run", entities, "--date", TODAY)
    assert result.exit_code == 3, result.output
    out = result.stdout
    # each entity under its own title, in path order; the hidden folder is not one
    titles = [line.strip(" ─") for line in out.splitlines() if line.lstrip(" ─").startswith(
        "Entité : ")]
    assert titles == ["Entité : Alpha", "Entité : Beta/Compta", "Entité : Delta",
                      "Entité : Gamma"]
    assert "Vieux" not in result.output
    # the two usable ones were written, the busy and the broken one were not
    statuses = [i.status_text for i in read_master(entities / "Alpha" /
                                                   "suivi_factures.xlsx").invoices]
    assert statuses == ["en retard", "réglée"]
    assert read_master(entities / "Beta" / "Compta" / "suivi_factures.xlsx").invoices[
        0].status_text == "en retard"
    assert read_master(entities / "Delta" / "suivi_factures.xlsx").invoices[
        0].status_text == "émise"
    # the summary: one line per entity, its code, what was done, the first problem
    summary = out[out.index("Résumé (4 entités)"):]
    lines = {line.split("│")[1].strip(): line for line in summary.splitlines()
             if line.startswith("│") and line.split("│")[1].strip()}
    assert lines["Alpha"].split("│")[2].strip() == "0"
    assert "0 numérotée(s), 0 PDF" in lines["Alpha"]
    assert lines["Beta/Compta"].split("│")[2].strip() == "1"
    assert "Factures!A4" in lines["Beta/Compta"]
    assert lines["Delta"].split("│")[2].strip() == "3"
    assert "Marie Dubois" in summary
    assert lines["Gamma"].split("│")[2].strip() == "2"
    assert "[relance]" in summary  # the unknown section named
    # each error also said on stderr, under its entity
    assert "Erreur : " in result.stderr and "[relance]" in result.stderr


def test_json_gives_one_object_per_entity(entities):
    result = invoke("run", entities / "Alpha" / "suivi_factures.xlsx", entities / "Beta",
                    entities / "Gamma", "--date", TODAY, "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [(d["entity"], d["exit_code"]) for d in data] == [
        (str(entities / "Alpha" / "suivi_factures.xlsx"), 0), ("Compta", 1), ("Gamma", 2)]
    assert data[0]["statuses"]["en retard"]["count"] == 1  # the usual run summary
    assert data[1]["issues"][0]["cell"] == "Factures!A4"
    assert "[relance]" in data[2]["error"]


def test_quiet_prints_only_the_entities_that_did_not_end_well(entities):
    result = invoke("run", entities, "--date", TODAY, "--quiet")
    assert result.exit_code == 3
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert [line.split(" : code ")[0] for line in lines] == ["Beta/Compta", "Delta", "Gamma"]
    assert lines[0].startswith("Beta/Compta : code 1 — Factures!A4 : ")
    assert lines[1].startswith("Delta : code 3 — ") and "Marie Dubois" in lines[1]


def test_without_argument_in_a_folder_of_entities_every_one_runs(entities, monkeypatch):
    monkeypatch.chdir(entities)
    result = invoke("check", "--date", TODAY, "--quiet")
    assert result.exit_code == 2  # reading a workbook open in Excel is fine: Delta is 0
    assert [line.split(" : code ")[0] for line in result.stderr.strip().splitlines()] == [
        "Beta/Compta", "Gamma"]


def test_without_argument_in_an_entity_only_that_entity_runs(entities, monkeypatch):
    small_entity(entities / "Alpha" / "Filiale", bad=True)
    monkeypatch.chdir(entities / "Alpha")
    result = invoke("check", "--date", TODAY)
    assert result.exit_code == 0, result.output
    assert "Résumé" not in result.output and "Entité" not in result.output
    assert result.output.startswith("suivi_factures.xlsx — feuille « Factures »")


def test_one_entity_prints_exactly_what_the_command_always_printed(entities):
    book = entities / "Beta" / "Compta" / "suivi_factures.xlsx"
    by_file = invoke("check", book, "--date", TODAY)
    by_folder = invoke("check", entities / "Beta", "--date", TODAY)
    assert by_file.exit_code == by_folder.exit_code == 1
    assert by_file.output == by_folder.output
    assert by_file.output.startswith("suivi_factures.xlsx — feuille « Factures », en-têtes en "
                                     "ligne 1")
    assert "Résumé" not in by_file.output and "Entité" not in by_file.output
    single = json.loads(invoke("check", book, "--json", "--date", TODAY).stdout)
    assert isinstance(single, dict) and single["summary"]["errors"] == 1


@pytest.mark.parametrize("command, codes", [
    ("check", [0, 1, 0, 2]),  # reading only: a workbook open in Excel is no obstacle
    ("kpi", [0, 0, 0, 2]),
    ("remind", [0, 1, 3, 2]),  # writing: Delta is open in Excel
    ("send", [0, 1, 3, 2]),
])
def test_every_command_takes_several_entities(entities, command, codes):
    result = invoke(command, entities, "--date", TODAY, "--json")
    assert result.exit_code == max(codes), result.output
    data = json.loads(result.stdout)
    assert [d["entity"] for d in data] == ["Alpha", "Beta/Compta", "Delta", "Gamma"]
    assert [d["exit_code"] for d in data] == codes
    assert "[relance]" in data[3]["error"]


def test_kpi_summary_names_the_receivables_of_each_entity(entities):
    result = invoke("kpi", entities / "Alpha", entities / "Beta", "--date", TODAY)
    assert result.exit_code == 0
    assert "Résumé (2 entités)" in result.stdout
    data = json.loads(invoke("kpi", entities / "Alpha", entities / "Beta", "--date", TODAY,
                             "--json").stdout)
    assert [d["done"] for d in data] == [
        "encours 120,00\xa0€, échu 120,00\xa0€ (1 facture(s) en retard)",
        "encours 132,00\xa0€, échu 120,00\xa0€ (1 facture(s) en retard)"]


def test_a_folder_without_entity_is_said_and_the_others_still_run(entities, tmp_path):
    empty = tmp_path / "vide"
    empty.mkdir()
    alone = invoke("run", empty, "--date", TODAY)
    assert alone.exit_code == 2
    assert f"Erreur : aucune entité dans « {empty} »" in " ".join(alone.output.split())
    both = invoke("check", empty, entities / "Alpha", "--date", TODAY, "--json")
    assert both.exit_code == 2
    assert [d["exit_code"] for d in json.loads(both.stdout)] == [2, 0]


def test_config_option_with_a_folder_is_refused(entities):
    result = CliRunner().invoke(cli, ["run", str(entities), "--config", "x.toml"])
    assert result.exit_code == 2
    assert "--config désigne la configuration d'un seul classeur" in result.output


def test_the_same_entity_named_twice_runs_once(entities):
    alpha = entities / "Alpha"
    result = invoke("check", alpha, alpha, "--json", "--date", TODAY)
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), dict)  # one entity: the single-entity output
    nested = invoke("check", entities, alpha, "--json", "--date", TODAY)
    assert [d["entity"] for d in json.loads(nested.stdout)] == [
        "Alpha", "Beta/Compta", "Delta", "Gamma"]


def test_a_bug_on_one_entity_leaves_its_log_beside_it_and_the_others_run(entities,
                                                                          monkeypatch):
    from suivi.cli import cmd_run

    real = cmd_run.run_pipeline

    def buggy(settings, *args, **kwargs):
        if settings.folder.name == "Alpha":
            raise ZeroDivisionError("division by zero")
        return real(settings, *args, **kwargs)

    monkeypatch.setattr(cmd_run, "run_pipeline", buggy)
    result = invoke("run", entities / "Alpha", entities / "Beta", "--date", TODAY)
    assert result.exit_code == 1
    crash = list((entities / "Alpha" / ".suivi" / "logs").glob("erreur-*.log"))
    assert len(crash) == 1 and "ZeroDivisionError" in crash[0].read_text("utf-8")
    assert "erreur inattendue (ZeroDivisionError" in result.stderr
    assert read_master(entities / "Beta" / "Compta" / "suivi_factures.xlsx").invoices[
        0].status_text == "en retard"


def test_each_entity_frees_the_previous_ones_records_before_reading_and_the_last_is_kept(
        tmp_path, monkeypatch):
    """Two masters are never in memory at once (the peak stays one entity's); the last
    entity's records are left for the process's end, which does not free them one by one."""
    import gc
    import weakref

    import suivi.cli.cmd_run as cmd_run
    from suivi.cli import entities as entities_module

    small_entity(tmp_path / "A")
    small_entity(tmp_path / "B")
    runs: list[weakref.ref] = []
    alive_at_start: list[list[bool]] = []
    real = cmd_run.run_pipeline

    def watched(settings, *args, **kwargs):
        gc.collect()
        alive_at_start.append([ref() is not None for ref in runs])
        run = real(settings, *args, **kwargs)
        runs.append(weakref.ref(run))
        return run

    monkeypatch.setattr(cmd_run, "run_pipeline", watched)
    result = invoke("run", tmp_path / "A", tmp_path / "B", "--date", TODAY)
    assert result.exit_code == 0, result.output
    assert alive_at_start == [[], [False]]  # A's run was gone when B's started
    assert runs[1]() is not None  # B's is kept until the process ends
    assert entities_module._KEPT == [runs[1]()]
    entities_module._KEPT.clear()
