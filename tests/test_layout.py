"""The folder tree is the architecture: no import cycles (lazy and type-only imports included),
each stage imports only the stages before it, and modules stay short."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "assistant"
MAX_LINES = 250
# what each stage may import besides itself and the shared records (the data path, in order)
ALLOWED = {
    "records": set(),
    "lexicon": set(),
    "text": {"lexicon"},
    "catalog": {"text", "lexicon"},
    "store": {"app.config", "catalog", "text", "lexicon"},
    "corpus": {"app.config", "store", "catalog", "text", "lexicon"},
    "question": {"app.config", "text", "lexicon"},
    "answering": {"app.config", "store", "catalog", "question", "text", "lexicon"},
    "web": {"app", "app.config", "corpus", "store", "catalog", "question", "answering", "text",
            "lexicon"},
    "eval": {"app", "app.config", "corpus", "store", "catalog", "question", "answering", "text",
             "lexicon", "web"},
    "app": {"corpus", "store", "catalog", "question", "answering", "text", "lexicon", "web",
            "eval"},
}


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imports(tree: ast.Module, known: set[str]) -> set[str]:
    """Every assistant module the tree imports, wherever the import statement stands."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, "imports inside the package are absolute"
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out |= {n for n in names if n in known}
    return out


def stage(module: str) -> str:
    parts = module.split(".")
    return "app.config" if parts[1:3] == ["app", "config"] else parts[1] if len(parts) > 1 else ""


def test_no_import_cycles() -> None:
    mods = modules()
    graph = {m: imports(t, set(mods)) - {m} for m, t in mods.items()}
    packages = {m for m in mods if (PACKAGE / "/".join(m.split(".")[1:]) / "__init__.py").exists()}
    graph = {m: deps - packages for m, deps in graph.items()}
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str, path: list[str]) -> None:
        seen[m] = 1
        for d in sorted(graph[m]):
            assert seen.get(d) != 1, "import cycle: " + " -> ".join([*path, m, d])
            if d not in seen:
                visit(d, [*path, m])
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m, [])


def test_each_stage_imports_only_the_stages_it_builds_on() -> None:
    mods = modules()
    wrong = []
    for m, tree in mods.items():
        mine = stage(m)
        if mine not in ALLOWED:
            continue
        for d in imports(tree, set(mods)):
            theirs = stage(d)
            if theirs not in ("", "records", mine) and theirs not in ALLOWED[mine] and \
                    not (theirs == "app.config" and mine == "app"):
                wrong.append(f"{m} imports {d}")
    assert not wrong, wrong


def test_modules_stay_short() -> None:
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_every_package_and_data_file_is_in_the_wheel() -> None:
    """pyproject's package list names every package (a wheel without `assistant.lexicon` would
    not import) and ships the data files the code reads (the fitted ranker)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    assert found - {"assistant.prompt_files"} <= listed, sorted(found - listed)
    data = config["package-data"]
    for path in PACKAGE.rglob("*.json"):
        package = ".".join(path.parent.relative_to(ROOT).parts)
        assert path.name in data.get(package, []), f"{path.relative_to(ROOT)} is not package data"
