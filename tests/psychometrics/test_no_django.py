"""The numeric core must stay importable without Django (DESIGN.md, architecture table)."""

import ast
from pathlib import Path

import acculture.psychometrics

PACKAGE = Path(acculture.psychometrics.__file__).parent


def imported_modules(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_module_of_the_package_imports_django():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) >= 8
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in modules
        for name in imported_modules(path)
        if name == "django" or name.startswith("django.")
    ]
    assert offenders == []


def test_no_module_of_the_package_imports_a_bench_only_library():
    bench_only = {"catsim", "girth", "mirt"}
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name in imported_modules(path)
        if name.split(".")[0] in bench_only
    ]
    assert offenders == []
