"""The local server of ``wegweiser serve``: the built folder as a web server would serve it.

It runs in a process of its own (``python -m wegweiser.preview_server PORT --bind ADDRESS
--directory OUTPUT``) and serves the folder by its path, so a rebuild that swaps a new folder
in under the same name is served at once. Like the servers the guide is published on (the
``.htaccess`` of the build, GitHub Pages, GitLab Pages), it answers a missing page with the
guide's own 404 page, and it sends the guide's security headers — replaced, as Apache does, by the
``Header always set`` lines of a top-level folder's own ``.htaccess`` (the editor's, admin/).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
from http import HTTPStatus
from pathlib import Path

from wegweiser.outputs.security import headers

NOT_FOUND_PAGE = "404.html"
_HEADER_LINE = re.compile(r'^\s*Header always set (\S+) "([^"]*)"\s*$', re.M)


class GuideRequestHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".ics": "text/calendar", ".atom": "application/atom+xml", ".webp": "image/webp",
                      ".yml": "text/yaml"}

    def end_headers(self) -> None:
        for name, value in {**headers(), **self._folder_headers()}.items():
            self.send_header(name, value)
        super().end_headers()

    def _folder_headers(self) -> dict[str, str]:
        folder = self.path.lstrip("/").split("/", 1)[0]
        config = Path(self.directory) / folder / ".htaccess"
        if not folder or folder.startswith(".") or not config.is_file():
            return {}
        return dict(_HEADER_LINE.findall(config.read_text(encoding="utf-8")))

    def send_error(self, code, message=None, explain=None) -> None:
        page = Path(self.directory) / NOT_FOUND_PAGE
        first = self.path.lstrip("/").split("/", 1)[0]
        if first.isalpha() and len(first) <= 3 and (Path(self.directory) / first / NOT_FOUND_PAGE).is_file():
            page = Path(self.directory) / first / NOT_FOUND_PAGE  # a language's folder has its own
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args) -> None:  # noqa: A002 - the name of the overridden method
        pass  # `wegweiser serve` reports rebuilds, not every request


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("port", type=int)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--directory", required=True)
    args = parser.parse_args(argv)
    handler = functools.partial(GuideRequestHandler, directory=args.directory)
    with http.server.ThreadingHTTPServer((args.bind, args.port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
