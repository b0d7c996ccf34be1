"""The shape of the code, as the architecture promises it (docs/architecture.md): modules that
fit in a head, a pure core, no import circle, imports at the top of modules."""
from __future__ import annotations

import ast
import importlib.util
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "suivi"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
MAX_PARAMETERS = 7
MAX_INNER_IMPORTS = 10
#: what the pure core may not import (files, network, UI, document and workbook libraries)
CORE_FORBIDDEN = ("os", "pathlib", "socket", "smtplib", "subprocess", "shutil", "tempfile",
                  "click", "rich", "jinja2", "openpyxl", "python_calamine", "xlsxwriter", "lxml",
                  "fpdf", "yagmail", "pandas", "suivi.workbook", "suivi.mail", "suivi.documents",
                  "suivi.pipeline", "suivi.cli", "suivi.config", "suivi.bank", "suivi.messages")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def functions(module: ast.Module):
    for node in ast.walk(module):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_no_module_is_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_no_function_is_over_80_lines_or_7_parameters():
    problems = []
    for path in MODULES:
        for node in functions(tree(path)):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            args = node.args
            count = (len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs)
                     + bool(args.vararg) + bool(args.kwarg))
            if args.args and args.args[0].arg in ("self", "cls"):
                count -= 1
            if length > MAX_FUNCTION_LINES or count > MAX_PARAMETERS:
                problems.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} "
                                f"({length} lines, {count} parameters)")
    assert problems == []


def _suivi_imports_inside_functions():
    found = []
    for path in MODULES:
        source = path.read_text(encoding="utf-8").splitlines()
        for node in functions(tree(path)):
            for sub in ast.walk(node):
                if isinstance(sub, ast.ImportFrom) and ((sub.module or "").startswith("suivi")
                                                        or sub.level > 0):
                    found.append((path, sub.lineno, source[sub.lineno - 1]))
    return found


def test_at_most_ten_suivi_imports_inside_functions_each_with_its_reason():
    inner = _suivi_imports_inside_functions()
    assert len(inner) <= MAX_INNER_IMPORTS
    for path, line, text in inner:
        where = f"{path.relative_to(ROOT)}:{line}"
        assert "#" in text, f"{where} imports inside a function without saying why"


def _imports(path: Path) -> set[str]:
    """Modules imported at module level (absolute names)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in tree(path).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                if node.module:
                    found.add(f"{base}.{node.module}")
                else:  # `from . import compose`: the submodules (or names of the __init__)
                    found.update(f"{base}.{alias.name}" for alias in node.names)
            elif node.module:  # `from pkg import sub` names the submodule, else pkg itself
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.If):  # TYPE_CHECKING blocks do not run
            continue
    return found


def test_the_core_is_pure():
    offenders = []
    for path in (PACKAGE / "core").rglob("*.py"):
        for imported in _imports(path):
            if any(imported == f or imported.startswith(f + ".") for f in CORE_FORBIDDEN):
                offenders.append(f"{path.relative_to(ROOT)} imports {imported}")
    assert offenders == []


def test_no_import_circle_between_modules():
    names = {module_name(p): p for p in MODULES}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in names.items():
        for imported in _imports(path):
            while imported and imported not in names:
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                graph[name].add(imported)
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(names):
        if node not in state:
            visit(node, [])
    assert cycles == []


@pytest.mark.parametrize("name", ["samples.py"])
def test_test_data_is_not_in_the_installed_package(name):
    assert not list(PACKAGE.rglob(name))


def test_every_benchmark_still_imports():
    """A benchmark that no longer imports is a figure nobody can reproduce (bench_reminders
    once imported a module the consolidation had removed)."""
    folder = ROOT / "benchmarks"
    broken = []
    for path in sorted(folder.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"bench_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        sys.path.insert(0, str(folder))
        try:
            spec.loader.exec_module(module)
        except Exception as exc:  # any failure to import is the finding
            broken.append(f"{path.name}: {type(exc).__name__}: {exc}")
        finally:
            sys.path.remove(str(folder))
            sys.modules.pop(spec.name, None)
    assert not broken, broken
