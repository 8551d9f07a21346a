"""The code's layout: folders that show the data flow, a domain core without Pelican, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "wegweiser"
#: the only folders that may talk to Pelican: its plugin and the build that runs it
PELICAN_GLUE = {"pelican_plugin", "build"}


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
    folders = [p for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"]
    assert len(folders) >= 8
    for folder in folders:
        init = folder / "__init__.py"
        assert init.is_file(), folder
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{folder.name}/__init__.py has no docstring"

