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
KNOWN_CYCLES = {
    frozenset({"accounts", "participants"}): "accounts -> participants (several)",
}


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


def app_cycles() -> dict[frozenset, list[str]]:
    """Every pair of apps that import each other, with the files that do it."""
    apps = _apps()
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for app in apps:
        for path in sorted((BASE_DIR / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for other in _imported_apps(path, apps) - {app}:
                edges[(app, other)].append(str(path.relative_to(BASE_DIR)))
    return {
        frozenset(pair): edges[pair] + edges[(pair[1], pair[0])]
        for pair in edges
        if (pair[1], pair[0]) in edges
    }


def test_no_new_import_cycle_between_apps():
    new = {
        " <-> ".join(sorted(pair)): files
        for pair, files in app_cycles().items()
        if pair not in KNOWN_CYCLES
    }
    assert new == {}


def test_the_cycle_finder_sees_an_import_inside_a_function(tmp_path, monkeypatch):
    """A cycle closed only by an import inside a function is still found."""
    for app, imports in (("alpha", "import beta\n"), ("beta", "def f():\n    import alpha\n")):
        (tmp_path / app).mkdir()
        (tmp_path / app / "apps.py").write_text("")
        (tmp_path / app / "code.py").write_text(imports)
    (tmp_path / "platform_site").mkdir()
    monkeypatch.setattr(f"{__name__}.BASE_DIR", tmp_path)
    assert set(app_cycles()) == {frozenset({"alpha", "beta"})}
