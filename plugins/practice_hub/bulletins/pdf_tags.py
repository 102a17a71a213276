"""Running headers, footers and page numbers of a bulletin PDF marked as artifacts, not content.

WeasyPrint 70 tags what it draws in the page margins (the CSS ``@page`` margin boxes) like any
other text: a ``/Span <</MCID n>> BDC`` sequence in the page's content stream, mapped in the
structure tree's ParentTree to structure elements that it deliberately leaves out of the tree
(they point at the Document element, which does not list them: "it could be included in tree
as Artifact, but that's only allowed in PDF 2.0", weasyprint/pdf/tags.py; upstream issue 1836).
PDF/UA-1 (ISO 14289-1, 7.8) wants page furniture as artifacts instead.

``mark_page_furniture`` is a WeasyPrint *finisher*: the documented hook that gets the PDF's
objects after tagging and before they are written. It works on those objects, so the file is
written once, compressed exactly as before, and no new dependency is needed. For each page:

- the margin content is found by how WeasyPrint tags it: the marked-content sequences whose
  structure element cannot be reached from the StructTreeRoot (nothing else is left out);
- each becomes ``/Artifact <</Type /Pagination /Subtype /Header>> BDC`` (``/Footer`` when it
  is drawn in the bottom half of the page), with no MCID;
- its entries leave the ParentTree, the remaining marked content is numbered 0, 1, 2 ... again
  (in the content stream, the ParentTree and the structure elements alike), and the left-out
  structure elements are emptied: nothing refers to them any more.

Anything unexpected (a left-out element whose marked content is not in the page's own content
stream, or a tree WeasyPrint did not make) raises ``FurnitureError``: a PDF is never silently
half-fixed. The tests read the result back with pypdf (tests/browser/test_print_and_email.py).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pydyf

#: This module's own source: a change to it may change every PDF's bytes, so it is part of the
#: PDF cache key (pdf_batch).
VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

_REFERENCE = re.compile(rb"^(\d+) 0 R$")


class FurnitureError(RuntimeError):
    """The PDF's tagging is not what WeasyPrint 70 makes, so its page furniture was not marked."""


def mark_page_furniture(document, pdf: pydyf.PDF) -> None:
    """WeasyPrint finisher: margin-box content as pagination artifacts, out of the structure tree."""
    objects = pdf.objects
    root_ref = pdf.catalog.get("StructTreeRoot")
    if root_ref is None:
        return   # an untagged PDF has no structure to fix
    tree_root = _resolve(objects, root_ref)
    reachable = _reachable_elements(objects, tree_root)
    parent_tree = _resolve(objects, tree_root["ParentTree"])
    nums = parent_tree["Nums"]
    page_dicts = [_resolve(objects, reference) for reference in pdf.page_references]

    for index in range(0, len(nums), 2):
        key, value = nums[index], nums[index + 1]
        if not isinstance(value, pydyf.Array):
            continue   # an annotation's StructParent entry (a link), not a page
        page = page_dicts[key]
        if page.get("StructParents") != key:
            raise FurnitureError(f"page {key + 1}: its StructParents does not match the ParentTree")
        owners = [_number(ref) for ref in value]
        furniture = {mcid for mcid, owner in enumerate(owners) if owner not in reachable}
        if not furniture:
            continue
        stream = _resolve(objects, page["Contents"])
        height = float(page["MediaBox"][3]) - float(page["MediaBox"][1])
        renumber = {old: new for new, old in enumerate(m for m in range(len(owners)) if m not in furniture)}
        _rewrite_stream(stream, furniture, renumber, height, page=key + 1)
        # The structure elements that own the remaining marked content, numbered again.
        for owner in sorted({owners[old] for old in renumber}):
            element = objects[owner]
            kids = element["K"]
            if any(isinstance(kid, int) and kid not in renumber for kid in kids):
                raise FurnitureError(f"page {key + 1}: a structure element holds marked content of another page")
            element["K"] = pydyf.Array(renumber[kid] if isinstance(kid, int) else kid for kid in kids)
        nums[index + 1] = pydyf.Array(value[old] for old in sorted(renumber))

    # The elements WeasyPrint made for the margin boxes: unreachable now from anywhere, so emptied
    # (an object number cannot be taken out of the file without renumbering every object).
    for number, obj in enumerate(objects):
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/StructElem" and number not in reachable:
            obj.clear()


def _number(reference) -> int:
    match = _REFERENCE.match(reference if isinstance(reference, bytes) else str(reference).encode())
    if match is None:
        raise FurnitureError(f"expected an object reference, found {reference!r}")
    return int(match.group(1))


def _resolve(objects, reference):
    return objects[_number(reference)]


def _reachable_elements(objects, tree_root) -> set[int]:
    """Object numbers of every structure element reachable from the StructTreeRoot through /K."""
    seen: set[int] = set()
    pending = list(_kid_refs(tree_root.get("K")))
    while pending:
        number = _number(pending.pop())
        if number in seen:
            continue
        element = objects[number]
        if not isinstance(element, pydyf.Dictionary) or element.get("Type") != "/StructElem":
            continue   # a link's object reference (OBJR)
        seen.add(number)
        pending.extend(_kid_refs(element.get("K")))
    return seen


def _kid_refs(kids):
    if kids is None:
        return []
    kids = kids if isinstance(kids, (list, pydyf.Array)) else [kids]
    return [kid for kid in kids if not isinstance(kid, int)]


def _rewrite_stream(stream, furniture: set[int], renumber: dict[int, int], height: float, *, page: int) -> None:
    """Turn the furniture's marked content into artifacts and renumber the rest, in place."""
    items = stream.stream
    ctm = [(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)]
    open_artifact = None   # [index of its property list, first text or image position, sequences open inside]
    found = set()
    for index, item in enumerate(items):
        if isinstance(item, pydyf.Dictionary) and "MCID" in item:
            mcid = item["MCID"]
            if index + 1 >= len(items) or items[index + 1] != b"BDC" or not isinstance(items[index - 1], str):
                raise FurnitureError(f"page {page}: marked content {mcid} is not a BDC sequence")
            if mcid in furniture:
                if open_artifact is not None:
                    raise FurnitureError(f"page {page}: marked content {mcid} inside a running header or footer")
                items[index - 1] = "/Artifact"
                open_artifact = [index, None, 0]
                found.add(mcid)
            elif mcid in renumber:
                item["MCID"] = renumber[mcid]
            continue
        if not isinstance(item, bytes):
            continue
        tokens = item.split()
        if not tokens:
            continue
        operator = tokens[-1]
        if operator == b"q":
            ctm.append(ctm[-1])
        elif operator == b"Q" and len(ctm) > 1:
            ctm.pop()
        elif operator == b"cm" and len(tokens) == 7:
            ctm[-1] = _multiply(tuple(float(t) for t in tokens[:6]), ctm[-1])
        elif operator == b"Tm" and len(tokens) == 7 and open_artifact is not None and open_artifact[1] is None:
            a, b, c, d, e, f = ctm[-1]
            x, y = float(tokens[4]), float(tokens[5])
            open_artifact[1] = b * x + d * y + f   # the text's baseline in PDF space (y up)
        elif operator == b"Do" and open_artifact is not None and open_artifact[1] is None:
            open_artifact[1] = ctm[-1][5]   # an image (a logo in the header): its lower edge
        elif operator in (b"BMC", b"BDC") and open_artifact is not None and index != open_artifact[0] + 1:
            open_artifact[2] += 1
        elif operator == b"EMC" and open_artifact is not None and open_artifact[2]:
            open_artifact[2] -= 1
        elif operator == b"EMC" and open_artifact is not None:
            property_index, y, _ = open_artifact
            if y is None:
                raise FurnitureError(f"page {page}: a running header or footer with no text position")
            subtype = "/Header" if y > height / 2 else "/Footer"
            items[property_index] = pydyf.Dictionary({"Type": "/Pagination", "Subtype": subtype})
            open_artifact = None
    missing = furniture - found
    if missing:
        raise FurnitureError(f"page {page}: marked content {sorted(missing)} of the page margins is not in "
                             f"the page's content stream")


def _multiply(m, n):
    """m × n for PDF matrices [a b c d e f] (m applied first, as ``m cm`` does to the CTM n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
