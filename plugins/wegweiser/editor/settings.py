"""The WEGWEISER_CMS settings: whether /admin/ is built, and how the editor reaches the repository.

The repository, its host and branch are the submission form's (``WEGWEISER_REPO_URL``,
``WEGWEISER_REPO_HOST``, ``WEGWEISER_REPO_BRANCH``). GitLab (also a county's own) signs in with
PKCE: the browser talks to GitLab alone, with the ID of an OAuth application
(``WEGWEISER_CMS_APP_ID``) and no secret. GitHub's sign-in needs a secret, so it goes through an
OAuth client the county runs (``WEGWEISER_CMS_AUTH_URL``); see docs/redaktion.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from wegweiser.submissions.submission import SubmitSettings


class EditorSettingsError(ValueError):
    """A WEGWEISER_CMS setting is missing or wrong (German message)."""


@dataclass(frozen=True)
class EditorSettings:
    enabled: bool
    repo_url: str | None
    host: str
    branch: str
    app_id: str | None
    auth_url: str | None
    editorial_workflow: bool
    local_backend: str | None

    @classmethod
    def from_settings(cls, settings: Mapping) -> "EditorSettings":
        submit = SubmitSettings.from_settings(settings)
        editor = cls(enabled=bool(settings.get("WEGWEISER_CMS", False)), repo_url=submit.repo_url,
                     host=submit.repo_host, branch=submit.branch,
                     app_id=_text(settings.get("WEGWEISER_CMS_APP_ID")),
                     auth_url=_text(settings.get("WEGWEISER_CMS_AUTH_URL")),
                     editorial_workflow=bool(settings.get("WEGWEISER_CMS_EDITORIAL_WORKFLOW", True)),
                     local_backend=_text(settings.get("WEGWEISER_CMS_LOCAL_BACKEND")))
        if editor.enabled:
            editor._check()
        return editor

    def _check(self) -> None:
        if not self.repo_url:
            raise EditorSettingsError("WEGWEISER_CMS ist eingeschaltet, aber WEGWEISER_REPO_URL fehlt: Der "
                                      "Editor unter /admin/ speichert in das Repository des Wegweisers. Tragen "
                                      "Sie dessen Adresse ein (z. B. https://gitlab.example.org/bildung/wegweiser).")
        for name, value in (("WEGWEISER_CMS_AUTH_URL", self.auth_url), ("WEGWEISER_CMS_LOCAL_BACKEND", self.local_backend)):
            if value and urlsplit(value).scheme not in ("http", "https"):
                raise EditorSettingsError(f"{name} „{value}“ muss eine Adresse mit https:// (oder http://) sein.")
        if self.host == "gitlab" and not self.app_id:
            raise EditorSettingsError("WEGWEISER_CMS braucht bei GitLab die Application ID der OAuth-Anwendung "
                                      "(WEGWEISER_CMS_APP_ID). Wie Sie die Anwendung anlegen, steht in "
                                      "docs/redaktion.md.")
        if self.host == "github" and not self.auth_url:
            raise EditorSettingsError("WEGWEISER_CMS braucht bei GitHub die Adresse eines OAuth-Dienstes "
                                      "(WEGWEISER_CMS_AUTH_URL), weil GitHub die Anmeldung nur mit einem "
                                      "Geheimnis erlaubt. Siehe docs/redaktion.md.")

    @property
    def origin(self) -> str:
        """``https://host`` of the repository (a county's own GitLab, GitHub Enterprise)."""
        parts = urlsplit(self.repo_url or "")
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def repo_path(self) -> str:
        """``owner/name`` (GitLab: ``group/subgroup/name``)."""
        return urlsplit(self.repo_url or "").path.strip("/").removesuffix(".git")

    def api_root(self) -> str:
        if self.host == "gitlab":
            return f"{self.origin}/api/v4"
        return "https://api.github.com" if urlsplit(self.origin).hostname == "github.com" else f"{self.origin}/api/v3"

    def backend(self) -> dict:
        """Decap's ``backend`` section."""
        common = {"repo": self.repo_path, "branch": self.branch, "api_root": self.api_root()}
        if self.host == "gitlab":
            return {"name": "gitlab", **common, "auth_type": "pkce", "app_id": self.app_id,
                    "base_url": self.auth_url or self.origin}
        return {"name": "github", **common, "base_url": self.auth_url}

    def connect_sources(self) -> list[str]:
        """Origins the editor's scripts talk to besides the site: the API, the sign-in, the local server."""
        sources = [_origin(self.api_root())]
        if self.host == "gitlab":
            sources.append(_origin(self.auth_url or self.origin))
        if self.local_backend:
            sources.append(_origin(self.local_backend))
        return list(dict.fromkeys(sources))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _text(value) -> str | None:
    return str(value).strip().rstrip("/") or None if value else None
