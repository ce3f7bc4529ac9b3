"""The layers of docs/architecture.md hold: the imports between our packages form no cycle, and our
own imports stand at the top of each module (a function-level import of ours would hide a cycle).

The layer order itself is checked by import-linter (.importlinter), which `make test` runs first.
"""
import ast
from pathlib import Path

import grimp
from django.conf import settings

PACKAGES = ("reports", "staffing", "budget", "accounts", "projects", "workreport", "sdf_intranet")


def ours(module):
    parts = module.split(".")
    return parts[0] in PACKAGES and "tests" not in parts and "migrations" not in parts


def package_imports():
    """{package: the other packages of ours it imports}, tests and migrations aside."""
    graph = grimp.build_graph(*PACKAGES, include_external_packages=False)
    edges = {package: set() for package in PACKAGES}
    for module in graph.modules:
        if not ours(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if ours(imported) and imported.split(".")[0] != module.split(".")[0]:
                edges[module.split(".")[0]].add(imported.split(".")[0])
    return edges


def test_the_imports_between_our_packages_form_no_cycle():
    edges = package_imports()
    done, path = set(), []

    def visit(package):
        assert package not in path, f"cycle: {' → '.join([*path[path.index(package):], package])}"
        if package in done:
            return
        path.append(package)
        for imported in sorted(edges[package]):
            visit(imported)
        path.pop()
        done.add(package)

    for package in PACKAGES:
        visit(package)
    assert edges["reports"] == set() and edges["sdf_intranet"] == set()
    assert not any("workreport" in imported for imported in edges.values())


def test_our_imports_stand_at_the_top_of_each_module():
    deferred = []
    for package in PACKAGES:
        for path in sorted((Path(settings.BASE_DIR) / package).rglob("*.py")):
            if {"tests", "migrations"} & set(path.parts):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            top_level = {id(node) for node in tree.body}
            for node in ast.walk(tree):
                if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in top_level:
                    names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                    if any(name.split(".")[0] in PACKAGES for name in names) or getattr(node, "level", 0):
                        deferred.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    assert deferred == []
