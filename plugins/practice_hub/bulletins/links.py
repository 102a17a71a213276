"""Rewrite an article's links for where it is published: the web page, the email, the PDF."""
from __future__ import annotations

import posixpath
import re

from ..routes import absolute_url
from .loader import IMAGE_TYPES, LINK, _is_local

# An author's reference definition, e.g. `[oars]: motivational-interviewing/oars.md "OARS"`.
_REFERENCE = re.compile(r"^( {0,3}\[(?!\^)[^\]]+\]:[ \t]*)<?([^\s>]+)>?(.*)$", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,5})(\s)")


def rewrite_links(markdown: str, handbook_target, image_target) -> str:
    """Replace local link targets with ``handbook_target(path)`` and images with ``image_target(name)``."""
    def swap(match: re.Match) -> str:
        bang, text, target, title = match.groups()
        if not _is_local(target) or target.startswith("#"):
            return match.group(0)
        new = image_target(target) if bang else handbook_target(target)
        return f"{bang}[{text}]({new}{title or ''})"

    def swap_reference(match: re.Match) -> str:
        start, target, rest = match.groups()
        if not _is_local(target) or target.startswith("#"):
            return match.group(0)
        is_image = target.lower().endswith(IMAGE_TYPES)
        return f"{start}{image_target(target) if is_image else handbook_target(target)}{rest}"
    return _REFERENCE.sub(swap_reference, LINK.sub(swap, markdown))


def web_targets(edition_src_uri: str):
    """Targets for the edition page: relative .md paths MkDocs checks and converts."""
    up = posixpath.relpath(".", posixpath.dirname(edition_src_uri))
    return (lambda target: f"{up}/{target}"), (lambda name: name)


def absolute_targets(site_url: str, base_path: str):
    """Targets for the email copy: absolute addresses back to the intranet."""
    def page(target: str) -> str:
        path, _, anchor = target.partition("#")
        return absolute_url(site_url, path) + (f"#{anchor}" if anchor else "")
    return page, (lambda name: absolute_url(site_url, f"{base_path}/{name}"))


def shift_headings(markdown: str, by: int = 1) -> str:
    """Move headings down a level (an article's ## becomes ### under the article's own ##)."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced:
            line = _HEADING.sub(lambda m: "#" * (len(m.group(1)) + by) + m.group(2), line)
        out.append(line)
    return "\n".join(out)
