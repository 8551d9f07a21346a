"""Find and read the content files of a project."""

from __future__ import annotations

import os
from pathlib import Path

from wegweiser.content.frontmatter import SourceFile, read_source
from wegweiser.checks.messages import finding
from wegweiser.build.workers import run, worker_count
from wegweiser.content.schema import KIND_FOLDERS, KINDS, Schemas
from wegweiser.content.parse_cache import SourceCache, cache_key


def content_files(content_dir: Path, kind: str) -> list[Path]:
    """The ``.md`` files of a kind, in a stable order."""
    folder = Path(content_dir) / KIND_FOLDERS[kind]
    if not folder.is_dir():
        return []
    names = sorted(name for name in os.listdir(folder) if name.endswith(".md") and not name.startswith("."))
    return [folder / name for name in names]


def open_cache(schemas: Schemas, root: Path) -> SourceCache:
    """The cache of parsed and checked files for this project's schemas and vocabularies."""
    return SourceCache(root, cache_key(schemas.data_dir))


def load_sources(content_dir: Path, schemas: Schemas, root: Path, cache: SourceCache | None = None,
                 parallel: dict | None = None) -> dict[str, list[SourceFile]]:
    """Read every offer and provider file; problems become findings on the file.

    Without ``cache`` the project's cache is opened and saved here; with one, the caller
    saves it once it has added its own results to the files. The files the cache does not
    know are read on all cores as ``parallel`` allows (see build/workers.py).
    """
    content_dir = Path(content_dir)
    result: dict[str, list[SourceFile]] = {}
    own_cache = cache is None
    cache = open_cache(schemas, root) if own_cache else cache
    todo = []  # files the cache does not know: (kind, position, path, rel)
    for kind in KINDS:
        sources = result[kind] = []
        folder = content_dir / KIND_FOLDERS[kind]
        folder_inside = _inside(folder, content_dir)
        prefix = relative_path(folder, root) + "/"
        for path in content_files(content_dir, kind):
            # what relative_path gives for a file (or link) right in the folder, without pathlib per file
            rel = prefix + path.name if not os.path.isabs(prefix) else relative_path(path, root)
            # a plain file in a folder inside content/ is inside; only links need resolving
            maybe_outside = path.is_symlink() or not folder_inside
            if maybe_outside and not _inside(path, content_dir):  # a link pointing out of content/
                src = SourceFile(path=path, rel=rel)
                src.findings.append(finding("symlink-outside", rel, value=str(path.resolve())))
            else:
                src = cache.lookup(path, rel)  # cached files were normalised before they were cached
                if src is None:
                    todo.append((kind, len(sources), path, rel))
            sources.append(src)
    literal = {kind: {f.name for f in schemas.for_kind(kind).fields if f.type == "string" or f.is_list}
               for kind in KINDS}

    def read(task) -> SourceFile:
        kind, _, path, rel = task
        try:
            src = read_source(path, rel, literal[kind])
            _normalise_lists(src, schemas.for_kind(kind))
        except Exception as exc:  # noqa: BLE001 - a file must never turn into a traceback
            src = SourceFile(path=path, rel=rel)
            src.findings.append(finding("unexpected", rel, value=f"{type(exc).__name__}: {exc}"))
        return src

    for (kind, position, _, _), src in zip(todo, run(read, todo, worker_count(parallel or {}, len(todo)))):
        result[kind][position] = src
        cache.add(src)
    if own_cache:
        cache.save()
    return result


def _normalise_lists(src: SourceFile, schema) -> None:
    """A single value where a list is expected counts as a one-item list."""
    for name, value in list(src.values.items()):
        fld = schema.by_name.get(name)
        if fld and fld.is_list and value is not None and not isinstance(value, list):
            src.values[name] = [str(value)]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False


def relative_path(path: Path, root: Path) -> str:
    """``path`` as shown in findings: relative to the project root where possible."""
    try:  # where the file is found (also for a symlink), then where it really is
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return path.as_posix()
