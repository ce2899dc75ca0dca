"""Imports between apps go one way: no two apps import each other, anywhere in their code.

An import inside a function still ties two apps together (it only moves the failure from
load time to the first call), so every import counts here, at any depth. The cycles
that remain are listed with the one import that closes each; the list only shrinks:
remove an entry when its cycle is gone.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Each remaining cycle, with the import that goes the wrong way (to turn round later).
KNOWN_CYCLES: dict[frozenset, str] = {}


def _apps() -> set[str]:
    return {
        path.parent.name
        for path in BASE_DIR.glob("*/apps.py")
        if not path.parent.name.startswith(".")
    } | {"platform_site"}


def _imported_apps(path: Path, apps: set[str]) -> set[str]:
    """The apps this file imports from, at any depth (relative imports stay in the app)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found & apps


def _edges() -> dict[tuple[str, str], list[str]]:
    """(app, app it imports) -> the files of the first app that import the second."""
    apps = _apps()
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for app in apps:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for other in _imported_apps(path, apps) - {app}:
                edges[(app, other)].append(str(path.relative_to(BASE_DIR)))
    return edges


def app_cycles() -> dict[frozenset, list[str]]:
    """Every group of apps that import one another round a loop of any length, with the
    files that do it. The pairs in KNOWN_CYCLES are left out of the search (their edges
    both ways), so a loop is reported only when it closes without them.

    A loop of three or more (a -> b -> c -> a) ties the apps as surely as a pair does;
    checking pairs only had missed participants -> platform_site -> operations -> participants.
    """
    edges = {pair: files for pair, files in _edges().items() if frozenset(pair) not in KNOWN_CYCLES}
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    # Tarjan's strongly connected components: every group of more than one app is a loop.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in sorted(graph[app]):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == app:
                    break
            groups.append(group)

    for app in sorted(graph):
        if app not in index:
            visit(app)
    return {
        frozenset(group): [
            f"{a} -> {b}: {file}"
            for (a, b), files in sorted(edges.items())
            if a in group and b in group
            for file in files
        ]
        for group in groups
        if len(group) > 1
    }


def test_no_new_import_cycle_between_apps():
    new = {" <-> ".join(sorted(group)): files for group, files in app_cycles().items()}
    assert new == {}


def test_every_known_cycle_still_exists():
    """The list only shrinks: a cycle turned round is taken off it."""
    edges = _edges()
    for pair in KNOWN_CYCLES:
        a, b = sorted(pair)
        assert (a, b) in edges, f"{a} <-> {b} is gone: remove it"
        assert (b, a) in edges, f"{a} <-> {b} is gone: remove it"


def test_the_cycle_finder_sees_an_import_inside_a_function(tmp_path, monkeypatch):
    """A cycle closed only by an import inside a function is still found."""
    for app, imports in (("alpha", "import beta\n"), ("beta", "def f():\n    import alpha\n")):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
        (tmp_path / app / "code.py").write_text(imports)
    (tmp_path / "platform_site").mkdir()
    monkeypatch.setattr(f"{__name__}.BASE_DIR", tmp_path)
    assert set(app_cycles()) == {frozenset({"alpha", "beta"})}


def test_the_cycle_finder_sees_a_loop_of_three_apps(tmp_path, monkeypatch):
    """No two apps import each other, yet alpha -> beta -> gamma -> alpha is a cycle."""
    for app, imports in (
        ("alpha", "import beta\n"),
        ("beta", "from gamma import x\n"),
        ("gamma", "def f():\n    import alpha\n"),
    ):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
        (tmp_path / app / "code.py").write_text(imports)
    (tmp_path / "platform_site").mkdir()
    monkeypatch.setattr(f"{__name__}.BASE_DIR", tmp_path)
    assert set(app_cycles()) == {frozenset({"alpha", "beta", "gamma"})}
