"""The package's layering: who may import whom (read from the source, not run)."""

import ast
from pathlib import Path

import winomodel

PACKAGE = Path(winomodel.__file__).parent


def _imports(path: Path):
    """Absolute names of the winomodel modules ``path`` imports (top level or in functions)."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join(base + ([node.module] if node.module else []))
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {n for n in out if n == "winomodel" or n.startswith("winomodel.")}


def _modules(sub=""):
    root = PACKAGE / sub if sub else PACKAGE
    return sorted(root.rglob("*.py"))


def test_nothing_outside_the_cli_imports_it():
    for path in _modules():
        if "cli" in path.relative_to(PACKAGE).parts or path.name == "__main__.py":
            continue
        assert not any(n.startswith("winomodel.cli") for n in _imports(path)), path


def test_the_model_never_times_anything():
    forbidden = ("winomodel.timing", "winomodel.evaluation", "winomodel.report",
                 "winomodel.machine.profiler", "winomodel.machine.microbench",
                 "winomodel.machine.calibration", "winomodel.bench")
    for path in _modules("model"):
        bad = [n for n in _imports(path) if n.startswith(forbidden)]
        assert not bad, (path, bad)


def test_the_package_reads_no_test_file():
    for path in _modules():
        text = path.read_text()
        assert '"tests/' not in text and "'tests/" not in text and '/ "tests"' not in text, path
