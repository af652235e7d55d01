"""The package's imports run one way: no module imports itself through others."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).parent.parent / "src" / "recommender"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_imports(path: Path, module: str) -> set[str]:
    """Return the package modules ``path`` imports at run time (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - child.level + 1]
                    target = ".".join([*base, child.module] if child.module else base)
                else:
                    target = child.module or ""
                if target.startswith("recommender"):
                    found.add(target)
                    for alias in child.names:
                        found.add(f"{target}.{alias.name}")
            elif isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.startswith("recommender"))
            visit(child)

    visit(tree)
    return found


def module_graph() -> nx.DiGraph:
    """Return the graph of run-time imports between the package's modules."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for module, path in modules.items():
        for target in _runtime_imports(path, module):
            if target in modules and target != module:
                graph.add_edge(module, target)
    return graph


def test_the_package_has_no_import_cycle():
    graph = module_graph()
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles}"


def test_the_graph_sees_real_imports():
    graph = module_graph()
    assert graph.has_edge("recommender.ranking", "recommender.config")
    assert graph.has_edge("recommender.plan", "recommender.config")


def test_what_composes_an_answer_does_not_depend_on_the_ranker():
    """Plan, partners and explanations read a Ranking; they never reach back into ranking.py."""
    graph = module_graph()
    assert graph.has_edge("recommender.ranking", "recommender.partners")
    for module in ("plan", "partners", "explain", "ranked", "config", "vocabulary"):
        assert not nx.has_path(graph, f"recommender.{module}", "recommender.ranking"), module
