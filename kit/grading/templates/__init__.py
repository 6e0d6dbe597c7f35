"""The HTML of the grading reports, as string.Template files beside this one.

    render("feedback.html", student=..., ...)   # every value already HTML-escaped
"""
import os
import string

HERE = os.path.dirname(os.path.abspath(__file__))
_CACHE = {}


def render(template, **fields):
    """The template file `template` with fields substituted; a missing field is an error."""
    if template not in _CACHE:
        with open(os.path.join(HERE, template), encoding="utf-8") as f:
            _CACHE[template] = string.Template(f.read())
    return _CACHE[template].substitute(fields)
