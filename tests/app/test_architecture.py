"""The layers hold: no module imports a higher layer, and no files import each other in a
circle. See docs/architecture.md for the rules in words.

Every module under lpdesk/ is parsed with `ast` (nothing is imported), so the check sees
module-level imports, imports inside functions (lazy ones) and `if TYPE_CHECKING:` ones
alike: a lazy import still ties the lower layer to the higher one.
"""
from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from repo_paths import ROOT, TESTS

PACKAGE = ROOT / "lpdesk"

# Lowest first. A module belongs to the layer of the longest prefix naming it; it may import
# its own layer and the ones before it, never one after it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # name and version; terminal-safe printing; the remembered preferences (QtCore only)
    ("package", ("lpdesk", "lpdesk.terminal", "lpdesk.settings")),
    ("model", ("lpdesk.model",)),
    ("content", ("lpdesk.content", "lpdesk.demo")),
    ("storage", ("lpdesk.storage", "lpdesk.live")),
    ("commands", ("lpdesk.commands", "lpdesk.document")),
    ("export", ("lpdesk.export",)),
    ("ui", ("lpdesk.ui",)),
    ("app", ("lpdesk.app", "lpdesk.cli", "lpdesk.__main__", "lpdesk.platform_check",
             "lpdesk.single_instance", "lpdesk.smoke")),
]
# Packages that must not import Qt at all, not even lazily: they run and are tested without
# a QApplication (the phones' protocol is validated off the GUI thread).
QT_FREE = ("lpdesk.model", "lpdesk.live.protocol")
QT_MODULES = ("PySide6", "shiboken6")
# Inside ui/: the shared look (style) and what every room shares below the window (base:
# the frame refresh, after-first-paint, contracts; it imports only style) are the floor,
# and an activity is a room of its own. Each package named here may import, of the other
# ui packages, only those listed (the window and the room's screens, which assemble
# activities, are not restricted).
UI_MAY_IMPORT: dict[str, tuple[str, ...]] = {
    "style": (),
    **{activity: ("style", "base") for activity in
       ("setup", "continuum", "quiz", "matrix", "summary", "export", "compare")},
}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    target: str  # dotted name of the imported module (or package)
    line: int
    top_level: bool  # executed when the importer is imported (not in a function or
    #                  under TYPE_CHECKING)
    type_only: bool = False  # under `if TYPE_CHECKING:`: never executed, so no circle


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def lpdesk_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(name: str, source: str, is_package: bool, known: Iterable[str]) -> list[Import]:
    """Every import in one module's source, resolved to module names where they are known
    (`from lpdesk.ui.style import theme` names the module lpdesk.ui.style.theme)."""
    known = set(known)
    found: list[Import] = []

    def resolve(base: str, names: list[str]) -> list[str]:
        subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in known]
        return subs if subs else [base]

    def visit(node: ast.AST, top: bool, typing_only: bool = False) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    found.append(Import(name, alias.name, child.lineno, top, typing_only))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    package = name if is_package else name.rpartition(".")[0]
                    for _ in range(child.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{child.module}" if child.module else package
                else:
                    base = child.module or ""
                for target in resolve(base, [a.name for a in child.names]):
                    found.append(Import(name, target, child.lineno, top, typing_only))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                visit(child, False, typing_only)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(ast.Module(body=[stmt], type_ignores=[]), False, True)
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]), top, typing_only)
            else:
                visit(child, top, typing_only)

    visit(ast.parse(source), True)
    return found


def project_imports() -> list[Import]:
    modules = lpdesk_modules()
    out: list[Import] = []
    for name, path in modules.items():
        out += imports_of(name, path.read_text(encoding="utf-8"), path.name == "__init__.py",
                          modules)
    return out


def layer_of(module: str) -> int | None:
    """Index in LAYERS of the longest prefix naming `module`; None outside lpdesk."""
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or (prefix != "lpdesk" and module.startswith(prefix + ".")):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), index)
    return None if best is None else best[1]


def layer_violations(imports: Iterable[Import]) -> list[str]:
    """One line per import of a higher layer, or of a module no layer names."""
    problems = []
    for imp in imports:
        if imp.target != "lpdesk" and not imp.target.startswith("lpdesk."):
            continue
        low, high = layer_of(imp.importer), layer_of(imp.target)
        if low is None or high is None:
            unplaced = imp.importer if low is None else imp.target
            problems.append(f"{unplaced}: in no layer (add it to LAYERS and "
                            "docs/architecture.md)")
        elif high > low:
            problems.append(f"{imp.importer} (line {imp.line}, {LAYERS[low][0]}) imports "
                            f"{imp.target} ({LAYERS[high][0]})")
    return problems


def ui_violations(imports: Iterable[Import]) -> list[str]:
    """One line per import from one ui package into another that UI_MAY_IMPORT forbids."""
    problems = []
    for imp in imports:
        a, b = imp.importer.split("."), imp.target.split(".")
        if len(a) < 3 or len(b) < 3 or a[:2] != ["lpdesk", "ui"] or b[:2] != ["lpdesk", "ui"]:
            continue
        if a[2] != b[2] and a[2] in UI_MAY_IMPORT and b[2] not in UI_MAY_IMPORT[a[2]]:
            problems.append(f"{imp.importer} (line {imp.line}) imports {imp.target}: "
                            f"ui/{a[2]} may use only {list(UI_MAY_IMPORT[a[2]])} of ui/")
    return problems


def qt_imports(imports: Iterable[Import]) -> list[str]:
    return [f"{i.importer} (line {i.line}) imports {i.target}" for i in imports
            if any(i.importer == p or i.importer.startswith(p + ".") for p in QT_FREE)
            and i.target.split(".")[0] in QT_MODULES]


def import_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The circles among modules (strongly connected components of more than one module,
    or a module importing itself), each as one closed path a -> b -> ... -> a."""
    graph = {k: sorted(set(v)) for k, v in graph.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def strongconnect(v: str) -> None:  # Tarjan's algorithm
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            strongconnect(v)
    return [_closed_path(graph, set(c)) for c in components]


def _closed_path(graph: Mapping[str, list[str]], members: set[str]) -> list[str]:
    """A shortest circle through the first member, to print."""
    start = min(members)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in graph.get(v, ()):
                if w == start:
                    return paths[v] + [start]
                if w in members and w not in paths:
                    paths[w] = paths[v] + [w]
                    nxt.append(w)
        frontier = nxt
    return sorted(members)  # not reached: members are strongly connected


def module_graph(imports: Iterable[Import], lazy: bool = False) -> dict[str, set[str]]:
    """Who imports whom inside lpdesk: at import time, or with `lazy` also inside functions
    (a circle through a lazy import is still two files that need each other). Imports
    under TYPE_CHECKING never run and are left out."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.importer, set())
        if (imp.top_level or (lazy and not imp.type_only)) and (
                imp.target == "lpdesk" or imp.target.startswith("lpdesk.")):
            graph[imp.importer].add(imp.target)
    return graph


def ui_package_graph(imports: Iterable[Import]) -> dict[str, set[str]]:
    """Which ui package (window, room, live, base, style, an activity...) uses which other,
    lazily or not, type-only imports left out: they must form a tree (no circle)."""
    graph: dict[str, set[str]] = {}
    for imp in imports:
        a, b = imp.importer.split("."), imp.target.split(".")
        if a[:2] != ["lpdesk", "ui"] or len(a) < 3 or imp.type_only:
            continue
        graph.setdefault(a[2], set())
        if b[:2] == ["lpdesk", "ui"] and len(b) >= 3 and b[2] != a[2]:
            graph[a[2]].add(b[2])
    return graph


# -- the project -------------------------------------------------------------------------
def test_every_module_is_in_a_layer():
    unplaced = [m for m in lpdesk_modules() if layer_of(m) is None]
    assert not unplaced, unplaced


def test_no_layer_imports_a_higher_one():
    problems = layer_violations(project_imports())
    assert not problems, "\n".join(problems)


def test_activities_do_not_import_each_other_or_the_window():
    problems = ui_violations(project_imports())
    assert not problems, "\n".join(problems)


def test_no_import_cycle_between_files():
    cycles = import_cycles(module_graph(project_imports()))
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_no_import_cycle_between_files_even_through_lazy_imports():
    cycles = import_cycles(module_graph(project_imports(), lazy=True))
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_the_ui_packages_form_a_tree():
    """window -> room, live -> base -> style: the room's screens and live never reach back
    into the window (what they share sits in ui/base)."""
    graph = ui_package_graph(project_imports())
    cycles = import_cycles(graph)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)
    assert "window" not in graph["room"] | graph["live"] | graph["base"]
    assert graph["base"] <= {"style"}


def test_model_and_the_phone_protocol_import_no_qt():
    problems = qt_imports(project_imports())
    assert not problems, "\n".join(problems)


def test_the_parser_sees_lazy_and_type_checking_imports():
    """A check that only looked at the top of files would miss these (they exist)."""
    found = {(i.importer, i.target, i.top_level) for i in project_imports()}
    assert ("lpdesk.app", "lpdesk.ui.window.main_window", False) in found  # in a function
    assert ("lpdesk.document", "lpdesk.storage", False) in found  # TYPE_CHECKING and lazy
    assert ("lpdesk.ui.matrix.scene", "lpdesk.ui.matrix.items", True) in found
    type_only = {(i.importer, i.target) for i in project_imports() if i.type_only}
    assert ("lpdesk.ui.live.activities", "lpdesk.ui.live.controller") in type_only


# -- the check itself catches what it must (a synthetic project) -------------------------
SYNTHETIC = {
    "lpdesk.model.session": "from lpdesk.model.ids import new_id\n",
    "lpdesk.model.ids": (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from lpdesk.ui.style.theme import Theme\n"),
    "lpdesk.model.room": "def later():\n    from PySide6.QtCore import QObject\n",
    "lpdesk.storage.files": "def save():\n    from ..commands import session\n",
    "lpdesk.commands.session": "from lpdesk.model import session\n",
    "lpdesk.ui.style.theme": "import lpdesk.ui.matrix.items\n",
    "lpdesk.ui.matrix.items": "from lpdesk.ui.matrix import scene\n",
    "lpdesk.ui.matrix.scene": "from .items import CardItem\n",
    "lpdesk.ui.matrix.lazy": "def f():\n    from lpdesk.ui.matrix import scene\n",
    "lpdesk.ui.quiz.page": "def f():\n    from lpdesk.ui.window.pages import PAGES\n",
    "lpdesk.live.server": "from lpdesk.ui.window import main_window\n",
    "lpdesk.live.protocol": "import PySide6.QtCore\n",
    "lpdesk.newthing": "from lpdesk.model import ids\n",
}


def synthetic_imports() -> list[Import]:
    known = set(SYNTHETIC) | {"lpdesk.model", "lpdesk.ui.matrix", "lpdesk.commands",
                              "lpdesk.ui.window.main_window", "lpdesk.ui.window.pages"}
    out: list[Import] = []
    for name, source in SYNTHETIC.items():
        out += imports_of(name, source, False, known)
    return out


def test_check_catches_a_lower_layer_importing_a_higher_one():
    problems = layer_violations(synthetic_imports())
    text = "\n".join(problems)
    assert "lpdesk.model.ids (line 3, model) imports lpdesk.ui.style.theme (ui)" in text
    assert "lpdesk.storage.files (line 2, storage) imports lpdesk.commands.session" in text
    assert "lpdesk.live.server (line 1, storage) imports lpdesk.ui.window.main_window" in text
    assert "lpdesk.newthing: in no layer" in text
    # importing downward or sideways is fine
    assert not any(p.startswith(("lpdesk.commands.session", "lpdesk.ui.matrix.scene",
                                 "lpdesk.model.session")) for p in problems)
    assert len(problems) == 4, text


def test_check_catches_an_import_cycle_and_names_it():
    cycles = import_cycles(module_graph(synthetic_imports()))
    assert cycles == [["lpdesk.ui.matrix.items", "lpdesk.ui.matrix.scene",
                       "lpdesk.ui.matrix.items"]]
    # a lazy import back makes a circle once lazy imports count; a type-only one never does
    known = {"lpdesk.x.a", "lpdesk.x.b"}
    a = imports_of("lpdesk.x.a", "import lpdesk.x.b\n", False, known)
    lazy_back = imports_of("lpdesk.x.b", "def f():\n    import lpdesk.x.a\n", False, known)
    typed_back = imports_of("lpdesk.x.b", "from typing import TYPE_CHECKING\n"
                            "if TYPE_CHECKING:\n    import lpdesk.x.a\n", False, known)
    assert import_cycles(module_graph(a + lazy_back)) == []
    assert import_cycles(module_graph(a + lazy_back, lazy=True)) == [
        ["lpdesk.x.a", "lpdesk.x.b", "lpdesk.x.a"]]
    assert import_cycles(module_graph(a + typed_back, lazy=True)) == []
    # a lazy import back does not make a circle; a module-level chain without a way back
    # neither (theme -> items -> scene -> items is one circle, theme is not in it)
    assert import_cycles({"a": {"b"}, "b": set()}) == []
    assert import_cycles({"a": {"a"}}) == [["a", "a"]]
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_check_catches_one_activity_importing_the_window():
    assert ui_violations(synthetic_imports()) == [
        "lpdesk.ui.style.theme (line 1) imports lpdesk.ui.matrix.items: ui/style may use "
        "only [] of ui/",
        "lpdesk.ui.quiz.page (line 2) imports lpdesk.ui.window.pages: ui/quiz may use only "
        "['style', 'base'] of ui/"]


def test_check_catches_qt_in_the_model_even_lazily():
    problems = qt_imports(synthetic_imports())
    assert problems == ["lpdesk.model.room (line 2) imports PySide6.QtCore",
                        "lpdesk.live.protocol (line 1) imports PySide6.QtCore"]


# What lpdesk may import beyond the standard library and itself: the dependencies declared
# in pyproject.toml, by the name they are imported under. The continuum is drawn with
# QPainter (issue 28): a plotting library (pyqtgraph, numpy) coming back fails here.
DECLARED = {"PySide6-Essentials": ("PySide6", "shiboken6"), "aiohttp": ("aiohttp",),
            "segno": ("segno",)}


def undeclared_imports(imports: Iterable[Import]) -> list[str]:
    import sys
    allowed = {name for names in DECLARED.values() for name in names}
    return [f"{i.importer} (line {i.line}) imports {i.target}" for i in imports
            if (top := i.target.split(".")[0]) != "lpdesk" and top not in allowed
            and top not in sys.stdlib_module_names and top != "__future__"]


def test_lpdesk_imports_only_its_declared_dependencies():
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {d.split(";")[0].split(">")[0].split("<")[0].split("=")[0].strip()
                for d in project["project"]["dependencies"]}
    assert declared == set(DECLARED)
    problems = undeclared_imports(project_imports())
    assert not problems, "\n".join(problems)


def test_check_catches_an_undeclared_library_even_lazily():
    source = "import math\ndef plot():\n    import pyqtgraph as pg\n    import numpy\n"
    found = imports_of("lpdesk.ui.continuum.plot", source, False, lpdesk_modules())
    assert undeclared_imports(found) == [
        "lpdesk.ui.continuum.plot (line 3) imports pyqtgraph",
        "lpdesk.ui.continuum.plot (line 4) imports numpy"]


@pytest.mark.parametrize(("module", "layer"), [
    ("lpdesk", "package"), ("lpdesk.model.session", "model"), ("lpdesk.demo", "content"),
    ("lpdesk.live.server", "storage"), ("lpdesk.live.protocol", "storage"),
    ("lpdesk.document", "commands"), ("lpdesk.ui.live.join", "ui"),
    ("lpdesk.__main__", "app"), ("lpdesk.platform_check", "app"), ("lpdeskx", None),
    ("lpdesk.modelling", None),
])
def test_layer_of(module, layer):
    index = layer_of(module)
    assert (None if index is None else LAYERS[index][0]) == layer


# -- the tests are laid out like the package (issue 27) ------------------------------------
TEST_FOLDERS_BESIDES_PACKAGES = {"app", "data"}  # entry points; files the tests read


def layout_problems(tests: Path, package: Path) -> list[str]:
    """What breaks the layout: a test file at tests/ top level, two test files with one name
    (pytest imports each by its name: no __init__.py), or a folder that mirrors nothing."""
    problems = [f"{p.name} sits at tests/ top level: move it to the folder of its layer"
                for p in sorted(tests.glob("test_*.py"))]
    seen: dict[str, Path] = {}
    for p in sorted(tests.rglob("test_*.py")):
        if p.name in seen:
            problems.append(f"{p.relative_to(tests)} has the name of {seen[p.name]}")
        seen.setdefault(p.name, p.relative_to(tests))
    for folder in sorted(d for d in tests.rglob("*") if d.is_dir()):
        rel = folder.relative_to(tests)
        if rel.parts[0] in TEST_FOLDERS_BESIDES_PACKAGES or any(
                part.startswith((".", "__")) for part in rel.parts):  # caches
            continue
        if not (package / rel).is_dir():
            problems.append(f"tests/{rel.as_posix()}/ mirrors no package under lpdesk/")
    return problems


def test_the_tests_are_laid_out_like_the_package():
    assert layout_problems(TESTS, PACKAGE) == []


def test_layout_check_catches_a_flat_file_a_twin_and_a_stray_folder(tmp_path):
    package, tests = tmp_path / "lpdesk", tmp_path / "tests"
    (package / "ui" / "quiz").mkdir(parents=True)
    for rel in ("test_model_x.py", "ui/quiz/test_ui_quiz.py", "ui/test_ui_quiz.py",
                "stuff/test_stuff.py", "app/test_cli.py", "data/old.lpdesk"):
        (tests / rel).parent.mkdir(parents=True, exist_ok=True)
        (tests / rel).write_text("")
    assert layout_problems(tests, package) == [
        "test_model_x.py sits at tests/ top level: move it to the folder of its layer",
        "ui/test_ui_quiz.py has the name of ui/quiz/test_ui_quiz.py",
        "tests/stuff/ mirrors no package under lpdesk/"]
