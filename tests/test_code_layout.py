"""The code's layout: folders that show the data flow, a domain core without Pelican, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "wegweiser"
#: the only folders that may talk to Pelican: its plugin and the build that runs it
PELICAN_GLUE = {"pelican_plugin", "build"}
#: no module longer than this: a newcomer reads one in one sitting
MAX_LINES = 400


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_the_domain_core_never_imports_pelican():
    offenders = []
    for path in _modules():
        folder = path.relative_to(PACKAGE).parts[0]
        if folder in PELICAN_GLUE:
            continue
        if any(name == "pelican" or name.startswith("pelican.") for name in _imported(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_every_folder_is_a_documented_package():
    """Folders of code are documented packages; the others (theme, schemas and vocabularies)
    are package data, which pyproject.toml must ship with the wheel."""
    import tomllib

    folders = [p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"]
    code = [f for f in folders if any(f.rglob("*.py"))]
    assert len(code) >= 8
    for folder in code:
        init = folder / "__init__.py"
        assert init.is_file(), folder
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{folder.name}/__init__.py has no docstring"
    pyproject = tomllib.loads((PACKAGE.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = {pattern.split("/")[0] for pattern in pyproject["tool"]["setuptools"]["package-data"]["wegweiser"]}
    assert {f.name for f in folders if f not in code} <= shipped


def test_modules_are_small():
    long = {str(p.relative_to(PACKAGE)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
