"""``a.b`` on plain dicts is looked up directly in templates: the same results as Jinja's lookup."""

from __future__ import annotations

import jinja2
import pytest

from wegweiser.pelican_plugin.template_lookup import fast_dict_lookups


class Thing:
    value = "attribute"


class MyDict(dict):
    @property
    def value(self):
        return "property of a subclass"


OBJECTS = [{"value": 1, "items": "shadowed key", "label": None}, {}, MyDict(value="key"), Thing(), [1, 2], "text", None]
NAMES = ["value", "items", "label", "html", "get", "keys", "__class__", "upper", "missing"]


def _same(a, b) -> bool:
    if isinstance(a, jinja2.Undefined) or isinstance(b, jinja2.Undefined):
        return type(a) is type(b) and a._undefined_name == b._undefined_name and a._undefined_obj is b._undefined_obj
    return a == b


@pytest.mark.parametrize("undefined", [jinja2.Undefined, jinja2.StrictUndefined, jinja2.ChainableUndefined])
def test_the_same_result_as_jinjas_lookup(undefined):
    env = jinja2.Environment(undefined=undefined)
    fast_dict_lookups(env)
    jinja = jinja2.Environment(undefined=undefined)
    for obj in OBJECTS:
        for name in NAMES:
            assert _same(env.getattr(obj, name), jinja.getattr(obj, name)), (obj, name)


def test_templates_render_the_same():
    source = ("{{ d.value }}|{{ d.items is string }}|{{ d.get('value') }}|{{ d.html is defined }}|"
              "{% for row in rows if row.value or row.html %}{{ row.label }}={{ row.html or row.value }};{% endfor %}|"
              "{{ t.value }}|{{ s.value }}")
    data = {"d": {"value": "<b>", "items": "x"}, "t": Thing(), "s": MyDict(value="key"),
            "rows": [{"label": "A", "value": 1}, {"label": "B", "value": "", "html": "<i>"}, {"label": "C"}]}
    fast = jinja2.Environment(autoescape=True)
    fast_dict_lookups(fast)
    rendered = fast.from_string(source).render(data)
    assert rendered == jinja2.Environment(autoescape=True).from_string(source).render(data)
    # the method items, not the key: an attribute of dict wins, as in Jinja
    assert rendered == "&lt;b&gt;|False|&lt;b&gt;|False|A=1;B=&lt;i&gt;;|attribute|property of a subclass"


def test_a_missing_key_is_an_error_where_jinja_makes_it_one():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    fast_dict_lookups(env)
    with pytest.raises(jinja2.UndefinedError, match="'dict object' has no attribute 'html'"):
        env.from_string("{{ row.html }}").render(row={})


def test_the_guide_generator_uses_it(tmp_path):
    from conftest import ROOT
    from pelican.settings import read_settings

    from wegweiser.pelican_plugin.generators import GuideGenerator

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    generator = GuideGenerator(context={}, settings=settings, path=settings["PATH"], theme=settings["THEME"],
                               output_path=str(tmp_path))
    assert generator.env.getattr.__qualname__.startswith("fast_dict_lookups")
