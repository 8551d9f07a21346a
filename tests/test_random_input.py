"""Property-based tests (hypothesis): random input is a finding or fine, never a traceback."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import yaml
from conftest import FIXTURES, ROOT, core_settings, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegweiser.content.frontmatter import read_source
from wegweiser.checks.messages import TEMPLATES
from wegweiser.catalog.project import Project
from wegweiser.content.sanitize import find_unsafe, render_markdown
from wegweiser.content.schema import load_schemas

SCHEMAS = load_schemas(ROOT / "data")
OFFER_FIELDS = SCHEMAS.offer.field_names
QUIET = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=80),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["weiterbildung", "vhs-test", "musterstadt", "praesenz", "2027-02-30", "01.02.2027",
                     "javascript:alert(1)", "<script>alert(1)</script>", "&#60;b&#62;", "../../x.png",
                     "kurs.png", "https://example.org", "mailto:a@b.example", "12,50", "ja", "no", "~"]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(max_size=5), scalars, max_size=2),
                   st.lists(st.lists(scalars, max_size=2), max_size=2))
keys = st.one_of(st.sampled_from(OFFER_FIELDS), st.text(min_size=1, max_size=12))
front_matter = st.dictionaries(keys, values, max_size=12)


def _file(header: dict, body: str) -> bytes:
    text = yaml.safe_dump(header, allow_unicode=True, sort_keys=False) if header else ""
    return f"---\n{text}---\n{body}\n".encode("utf-8", errors="surrogatepass")


def _check(findings):
    for f in findings:
        assert f.code in TEMPLATES
        assert f.message and f.hint
        assert "Traceback" not in f.message, f.message


@QUIET
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_without_exception(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "zufall.md"
    path.write_bytes(b"---\n" + data if data[:1] != b"-" else data)
    src = read_source(path, "content/offers/zufall.md", {"title", "topics"})
    _check(src.findings)


@QUIET
@given(st.text(max_size=400), st.text(max_size=200))
def test_any_text_in_the_header_is_read_without_exception(tmp_path_factory, header, body):
    path = tmp_path_factory.mktemp("text") / "zufall.md"
    path.write_bytes(f"---\n{header}\n---\n{body}".encode("utf-8", errors="replace"))
    _check(read_source(path, "content/offers/zufall.md", set(OFFER_FIELDS)).findings)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("zufall") / "project", FIXTURES / "minimal" / "content")


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(header=front_matter, body=st.text(max_size=200))
def test_random_front_matter_is_validated_without_traceback(project, header, body):
    header = {"id": "zufall", **header} if "id" not in header else header
    try:
        data = _file(header, body)
    except (yaml.YAMLError, UnicodeEncodeError):
        return  # not representable as YAML/UTF-8 at all
    (project / "content" / "offers" / "zufall.md").write_bytes(data)
    validation, catalog = Project.from_settings(core_settings(project)).load()
    _check(validation.findings)
    assert "unexpected" not in {f.code for f in validation.findings}, [f.as_text() for f in validation.findings]
    if validation.ok:
        assert catalog is not None and catalog.offers


PAYLOAD_PARTS = ["<script>", "</script>", "<img src=x ", "onerror=", "alert(1)", "javascript:", "java&#9;script:",
                 "&#106;", "<svg onload=", "<a href=\"", "\">", "[x](", ")", "<style>", "style=\"", "data:text/html,",
                 "<iframe src=", "<!--", "-->", "<noscript>", "</noscript>", "<math>", "'", "\"", " ", "\n", "&lt;",
                 "<p title=\"", "<![CDATA[", "]]>", "vbscript:", "<form action=", "<base href=", "%0a"]


class _Elements(HTMLParser):
    """(tag, {attribute: decoded value}) of every start tag, as a browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


@QUIET
@given(st.lists(st.one_of(st.sampled_from(PAYLOAD_PARTS), st.text(max_size=6)), max_size=30).map("".join))
def test_sanitised_markdown_never_contains_active_content(text):
    html = str(render_markdown(text))
    find_unsafe(text)  # must not raise either
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.elements:
        assert tag not in {"script", "style", "svg", "math", "iframe", "object", "embed", "form", "input", "base",
                           "meta", "link", "img", "noscript", "template"}, html
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "srcdoc", "src", "action"), html
            if name == "href":
                scheme = re.match(r"([a-z][a-z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", value).lower())
                assert not scheme or scheme.group(1) in ("http", "https", "mailto"), html
