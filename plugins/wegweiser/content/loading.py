"""Find and read the content files of a project."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from wegweiser.checks.findings import Finding
from wegweiser.content.frontmatter import SourceFile, read_source
from wegweiser.checks.messages import finding
from wegweiser.build.workers import run, worker_count
from wegweiser.content.schema import KIND_FOLDERS, KINDS, Schemas
from wegweiser.content.parse_cache import SourceCache, cache_key


def content_files(content_dir: Path, kind: str) -> list[Path]:
    """The readable ``.md`` files of a kind, in a stable order."""
    return scan_folder(Path(content_dir) / KIND_FOLDERS[kind], Path(content_dir))[0]


#: what a folder entry named ``*.md`` is when it is not a file, as findings say it
_NOT_FILES = {stat.S_IFIFO: "eine benannte Pipe (FIFO)", stat.S_IFCHR: "ein Gerät", stat.S_IFBLK: "ein Gerät",
              stat.S_IFSOCK: "ein Socket"}


def scan_folder(folder: Path, root: Path, hidden: bool = False,
                own_folders=None) -> tuple[list[Path], list[tuple[Path, Finding]]]:
    """The ``.md`` files right in ``folder`` (or links to files), by name, and a finding for every
    entry that would otherwise hang the build, loop or be ignored without a word: a FIFO, device or
    socket named ``*.md``, a link pointing nowhere or in a circle, and each ``.md`` file in a
    subfolder. Nothing is opened here. ``hidden``: also names starting with a dot (Pelican reads
    those pages), except editors' lock files (``.#…``). ``own_folders(name)``: whether a subfolder
    (not a link to one) is the caller's to check (content/pages/en/: translations)."""
    try:
        names = sorted(os.listdir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return [], []  # no such folder: nothing of this kind
    except OSError as exc:  # e.g. a link to itself
        reason = {errno.ELOOP: "ein Verweis, der im Kreis zeigt", errno.EACCES: "keine Leserechte"}.get(
            exc.errno, exc.strerror or str(exc))
        return [], [(Path(folder), finding("folder-unreadable", relative_path(Path(folder), root), value=reason))]
    files: list[Path] = []
    refused: list[tuple[Path, Finding]] = []
    for name in names:
        if name.startswith(".#") or (name.startswith(".") and not hidden):
            continue
        path = Path(folder) / name
        try:
            mode = os.stat(path).st_mode  # follows links
        except OSError as exc:  # a link to nothing, or in a circle (ELOOP)
            if name.endswith(".md"):
                reason = "im Kreis auf sich selbst zeigt" if exc.errno == errno.ELOOP else "auf nichts zeigt"
                refused.append((path, finding("broken-link", relative_path(path, root), value=_link_target(path),
                                              reason=reason)))
            continue
        if stat.S_ISDIR(mode):
            if not (own_folders and own_folders(name) and not path.is_symlink()):
                refused.extend(_in_subfolder(path, folder, root))
        elif not name.endswith(".md"):
            continue
        elif stat.S_ISREG(mode):
            files.append(path)
        else:
            what = _NOT_FILES.get(stat.S_IFMT(mode), "keine gewöhnliche Datei")
            refused.append((path, finding("not-a-file", relative_path(path, root), value=what)))
    return files, refused


def _in_subfolder(subfolder: Path, folder: Path, root: Path) -> list[tuple[Path, Finding]]:
    """A finding for each ``.md`` file below ``subfolder`` (for a link to a folder: for the link,
    which is not followed: it may lead anywhere, or back here)."""
    shown = relative_path(folder, root)
    if subfolder.is_symlink():
        return [(subfolder, finding("folder-link", relative_path(subfolder, root), value=_link_target(subfolder),
                                    folder=shown))]
    found = []
    for parent, dirs, names in os.walk(subfolder):  # links to folders are not followed
        dirs.sort()
        found += [(Path(parent) / name, finding("in-subfolder", relative_path(Path(parent) / name, root), folder=shown))
                  for name in sorted(names) if name.endswith(".md")]
    return found


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return str(path)


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
        files, refused = scan_folder(folder, root)
        for path, problem in refused:
            src = SourceFile(path=path, rel=problem.file)
            src.findings.append(problem)
            sources.append(src)
        for path in files:
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
    except (ValueError, OSError, RuntimeError):  # outside, or a link in a circle
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
