"""Write a new guide's repository, in the manner of ``pelican-quickstart``.

The repository holds only what belongs to the county: settings, content, its own data
(municipalities) and CI files. Theme, plugin, schemas and default vocabularies stay in the
installed package, so a county upgrades by upgrading the package. The files are rendered from
``files/``: a name ending in ``.j2`` is a Jinja template (the ending is dropped), a leading
``dot-`` becomes ``.`` (package data leaves dot files out), everything else is copied as it is.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

import jinja2

FILES = Path(__file__).resolve().parent / "files"
HOSTS = ("github", "gitlab")
_AGS = re.compile(r"[0-9]{5}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_URL = re.compile(r"https://[^\s\"'<>]+")


class InitFailed(Exception):
    """An answer cannot be used or the folder is not empty (German message)."""


@dataclass(frozen=True)
class Answers:
    """What ``wegweiser init`` asks for."""

    county: str  # "Landkreis Gifhorn"
    in_county: str  # "im Landkreis Gifhorn"
    ags: str  # Kreisschlüssel, 5 digits
    email: str  # the Bildungsbüro's address
    repo_url: str = ""  # https://github.com/… or a GitLab project
    host: str = ""  # github | gitlab
    site_url: str = ""  # public address; empty: the CI sets it for GitHub/GitLab Pages
    package: str = ""  # the pip requirement for the product

    def checked(self) -> "Answers":
        """The answers with derived defaults filled in; raises InitFailed naming the bad answer."""
        county = " ".join(self.county.split())
        if not 3 <= len(county) <= 80:
            raise InitFailed("Der Name des Landkreises fehlt oder ist zu lang (höchstens 80 Zeichen), "
                             "z. B. „Landkreis Gifhorn“.")
        if not _AGS.fullmatch(self.ags.strip()):
            raise InitFailed(f"„{self.ags}“ ist kein Kreisschlüssel: er hat 5 Ziffern, z. B. 03151 für den "
                             "Landkreis Gifhorn (die ersten fünf Stellen des Amtlichen Gemeindeschlüssels).")
        if not _EMAIL.fullmatch(self.email.strip()):
            raise InitFailed(f"„{self.email}“ ist keine E-Mail-Adresse.")
        for name, value in (("Repository", self.repo_url), ("Website", self.site_url)):
            if value.strip() and not _URL.fullmatch(value.strip()):
                raise InitFailed(f"Die Adresse des {name}s „{value}“ muss mit https:// beginnen.")
        host = self.host.strip().lower() or ("gitlab" if "gitlab" in self.repo_url.lower() else "github")
        if host not in HOSTS:
            raise InitFailed(f"„{self.host}“: Als Plattform gibt es „github“ oder „gitlab“.")
        return Answers(county=county, in_county=" ".join(self.in_county.split()) or default_in_county(county),
                       ags=self.ags.strip(), email=self.email.strip(), repo_url=self.repo_url.strip().rstrip("/"),
                       host=host, site_url=self.site_url.strip().rstrip("/"),
                       package=self.package.strip() or default_requirement())


def default_in_county(county: str) -> str:
    """The form after "Bildungsangebote …": "im Landkreis Gifhorn", "in der Region Hannover", "in Leipzig"."""
    first = county.split()[0]
    if first in ("Landkreis", "Kreis", "Erzgebirgskreis", "Vogtlandkreis", "Saalekreis", "Burgenlandkreis",
                 "Enzkreis", "Hochsauerlandkreis", "Rhein-Kreis", "Main-Kinzig-Kreis") or first.endswith("kreis"):
        return f"im {county}"
    if first in ("Stadt", "Region", "Städteregion", "Hansestadt", "Landeshauptstadt", "Universitätsstadt"):
        return f"in der {county}"
    return f"in {county}"


def default_requirement() -> str:
    """The pip requirement that keeps this major version and takes every update within it."""
    try:
        version = metadata.version("bildungswegweiser")
    except metadata.PackageNotFoundError:  # run from a source tree without installing
        from wegweiser import __version__ as version
    major, minor = (version.split(".") + ["0"])[:2]
    return f"bildungswegweiser~={major}.{minor}"


def planned_files() -> list[tuple[Path, str]]:
    """(template, relative target path) for every file of a new guide, in a stable order."""
    out = []
    for path in sorted(FILES.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            rel = path.relative_to(FILES).as_posix()
            rel = "/".join("." + part[4:] if part.startswith("dot-") else part for part in rel.split("/"))
            out.append((path, rel[:-3] if rel.endswith(".j2") else rel))
    return out


def write_guide(target: Path, answers: Answers) -> list[str]:
    """Write the guide into ``target`` (which must be missing or empty); returns the files written."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitFailed(f"Der Ordner {target} ist nicht leer. Wählen Sie einen neuen Ordner; "
                         "vorhandene Dateien werden nicht überschrieben.")
    values = asdict(answers.checked())
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(FILES)), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, autoescape=False)
    env.filters["py"] = lambda value: json.dumps(value, ensure_ascii=False)  # a Python string literal
    written = []
    for source, rel in planned_files():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if source.name.endswith(".j2"):
            path.write_text(env.get_template(source.relative_to(FILES).as_posix()).render(values), encoding="utf-8")
        else:
            path.write_bytes(source.read_bytes())
        written.append(rel)
    written += _generated_docs(target)
    return written


def _generated_docs(target: Path) -> list[str]:
    """CONTRIBUTING.md and the editor schemas, as ``wegweiser docs`` writes them."""
    from wegweiser.build.run import read_settings
    from wegweiser.catalog.project import Project
    from wegweiser.submissions.contributing import generated_docs
    from wegweiser.submissions.submission import SubmitSettings

    settings = read_settings(target / "pelicanconf.py")
    files = generated_docs(Project.from_settings(settings).schemas(), SubmitSettings.from_settings(settings),
                           settings.get("SITEURL") or "")
    for rel, text in files.items():
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        (target / rel).write_text(text, encoding="utf-8")
    return sorted(files)
