"""``a.b`` in templates, faster for plain dicts (the components' ``params``, a fact's ``row``).

Jinja first asks a dict for an attribute ``b``, which fails with an exception, and only then for
the key: a third of a million failed lookups in a build of 5,000 offers. For a plain dict whose
class has no attribute of that name, Jinja's answer is the key's value or undefined, so that is
what is looked up directly; everything else goes through Jinja's own lookup.
"""

from __future__ import annotations

_DICT_ATTRIBUTES = frozenset(dir(dict))


def fast_dict_lookups(env) -> None:
    """Make ``env`` look up keys of plain dicts directly (the same result as Jinja's ``getattr``)."""
    jinja_getattr = env.getattr

    def getattr_(obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return env.undefined(obj=obj, name=attribute)
        return jinja_getattr(obj, attribute)

    env.getattr = getattr_
