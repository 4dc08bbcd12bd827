"""The package's layers import only downwards, and no modules import each other in a cycle.

core < extract, graph < run < model < apps: ``core`` imports nothing of newsgraph, ``extract`` and
``graph`` import ``core`` (and not each other), ``run`` imports those, ``model`` (training and
evaluation) may import everything below it, and nothing imports ``apps``.
"""

import ast
from pathlib import Path

import pipeline

PACKAGE = Path(pipeline.__file__).resolve().parent
RANKS = {"core": 0, "extract": 1, "graph": 1, "run": 2, "model": 3, "apps": 4}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The newsgraph modules a module imports, anywhere in it (also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("pipeline."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / candidate.replace(".", "/")).with_suffix(".py").exists()
                          or (PACKAGE.parent / candidate.replace(".", "/")).is_dir() else node.module)
    return found


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {name: {target for target in imports_of(path) if target != name} for name, path in MODULES.items()}


def test_every_module_lives_in_a_layer():
    loose = sorted(name for name in MODULES if name != "pipeline" and layer(name) is None)
    assert loose == [], f"modules outside the layer folders {sorted(RANKS)}: {loose}"


def test_imports_run_only_downwards():
    upward = []
    for name, targets in GRAPH.items():
        source = layer(name)
        if source is None:  # the package's own __init__: the public API over the layers
            continue
        for target in targets:
            aim = layer(target)
            if aim is None:
                upward.append(f"{name} imports {target}")
            elif aim != source and RANKS[aim] >= RANKS[source]:
                upward.append(f"{name} ({source}) imports {target} ({aim})")
    assert upward == []


def test_no_import_cycle():
    modules = {name: {t for t in targets if t in MODULES and t != "pipeline"} for name, targets in GRAPH.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(modules[name]):
            if state.get(target) == 1:
                cycles.append(" -> ".join(path[path.index(target):] + [target]) if target in path else target)
            elif target not in state:
                visit(target, path + [target])
        state[name] = 2

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_public_api_is_complete_and_resolves():
    for name in pipeline.__all__:
        assert getattr(pipeline, name) is not None, name
    assert {"build_nlp", "extract_articles", "read_articles", "GraphStore", "Relation", "RELATION_TYPES"} \
        <= set(pipeline.__all__)
