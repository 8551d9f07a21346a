"""The site's security headers: one policy, written out for the page, Apache and nginx.

Everything a page loads comes from the site itself; there are no inline
scripts, no inline styles, no cookies and no third-party requests.

The full Content-Security-Policy can only be sent as an HTTP header (see
docs/hosting.md). Pages also carry a ``<meta>`` policy for hosts that cannot
set headers (e.g. a CMS's file area). It holds only directives the Nu Html
Checker can judge when it checks the built files: it resolves ``'self'``
against a ``file:`` address and so reports every stylesheet, script and
image as blocked, and it takes JSON-LD data blocks for inline scripts. The
meta policy therefore leaves ``script-src``, ``style-src`` and ``img-src`` to
the header, and forbids event-handler attributes, plugins, frames, workers but the guide's own
service worker (outputs/offline.py), foreign ``<base>`` and form targets and connections to other
origins.
"""

from __future__ import annotations

#: the Content-Security-Policy sent as an HTTP header (directive -> sources)
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "media-src": "'none'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "worker-src": "'self'",  # the service worker (outputs/offline.py)
    "script-src-attr": "'none'",
    "style-src-attr": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'self'",
}

#: directives of the ``<meta>`` policy (see the module docstring for why not all)
META_DIRECTIVES = (
    "script-src-attr", "style-src-attr", "object-src", "frame-src", "worker-src", "media-src",
    "font-src", "connect-src", "manifest-src", "base-uri", "form-action",
)

REFERRER_POLICY = "same-origin"

#: further headers every response should carry
HEADERS = {
    "Content-Security-Policy": None,  # filled in from CSP
    "Referrer-Policy": REFERRER_POLICY,
    "X-Content-Type-Options": "nosniff",
    # "In der Nähe" may ask for the device location, on this site only and only on request.
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def policy(directives=None) -> str:
    names = directives or CSP.keys()
    return "; ".join(f"{name} {CSP[name]}" for name in names)


def meta_policy() -> str:
    """The policy for ``<meta http-equiv="Content-Security-Policy">``."""
    return policy(META_DIRECTIVES)


def headers() -> dict[str, str]:
    return {name: value if value is not None else policy() for name, value in HEADERS.items()}


def htaccess(base_path: str = "", languages: tuple[str, ...] = ()) -> str:
    """Apache configuration for the output folder (needs ``AllowOverride FileInfo``).

    ``base_path`` is the site's path below the host, e.g. ``/bildung`` (no trailing slash);
    ``languages``: the codes of the languages besides German, whose folders have their own 404 page.
    """
    base = base_path.rstrip('/')
    lines = [
        "# Written by the Bildungswegweiser build; see docs/hosting.md.",
        "<IfModule mod_headers.c>",
        *(f'  Header always set {name} "{value}"' for name, value in headers().items()),
        "  Header always unset Set-Cookie",
        "</IfModule>",
        "AddType text/calendar .ics",
        "AddType application/atom+xml .atom",
        "AddType image/webp .webp",
        f"ErrorDocument 404 {base}/404.html",
        *(line for code in languages for line in (f'<If "%{{REQUEST_URI}} =~ m#^{base}/{code}/#">',
                                                   f"  ErrorDocument 404 {base}/{code}/404.html", "</If>")),
        "",
    ]
    return "\n".join(lines)


def nginx() -> str:
    """nginx ``add_header`` lines for the ``server`` or ``location`` block."""
    return "\n".join(f"add_header {name} \"{value}\" always;" for name, value in headers().items()) + "\n"
