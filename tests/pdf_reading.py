"""Reading a tagged PDF back with pypdf, as a screen reader or a checker would: which text is
marked content of the structure tree and which is an artifact, where each piece is drawn, and
the structure tree in reading order. Used by the bulletin PDF tests (issue 14)."""
from __future__ import annotations

from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject


@dataclass
class Marked:
    """One marked-content sequence of a page: an MCID of the structure tree or an artifact."""
    page: int                       # 0-based
    mcid: int | None                # None for an artifact
    artifact: dict | None           # the artifact's property list ({} for a bare /Artifact BMC)
    text: str = ""
    top: float | None = None        # the first text's baseline, in points from the page's top


@dataclass
class Element:
    tag: str
    page: int | None
    mcids: list = field(default_factory=list)     # (page, mcid) directly in /K
    children: list = field(default_factory=list)


def _multiply(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def marked_content(reader: PdfReader, index: int) -> list[Marked]:
    """Every marked-content sequence of page ``index`` with its text (nested text goes to the innermost)."""
    page = reader.pages[index]
    height = float(page.mediabox.top)
    sequences: list[Marked] = []
    stack: list[Marked | None] = []
    unmarked: list[str] = []

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            properties = operands[1]
            properties = properties.get_object() if isinstance(properties, IndirectObject) else properties
            if str(operands[0]) == "/Artifact":
                item = Marked(index, None, {str(k): str(v) for k, v in dict(properties).items()})
            elif isinstance(properties, DictionaryObject) and "/MCID" in properties:
                item = Marked(index, int(properties["/MCID"]), None)
            else:
                item = None
            stack.append(item)
            if item is not None:
                sequences.append(item)
        elif operator == b"BMC":
            item = Marked(index, None, {}) if str(operands[0]) == "/Artifact" else None
            stack.append(item)
            if item is not None:
                sequences.append(item)
        elif operator == b"EMC":
            stack.pop()

    def text(value, cm, tm, font, size):
        if not value.strip():
            return
        current = next((item for item in reversed(stack) if item is not None), None)
        if current is None:
            unmarked.append(value)
            return
        current.text += value
        if current.top is None:
            x, y = _multiply(tm, cm)[4:6]
            current.top = height - y

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    if unmarked:
        sequences.append(Marked(index, None, None, "".join(unmarked)))   # text outside any marked content
    return sequences


def structure_tree(reader: PdfReader) -> Element:
    """The structure tree from the StructTreeRoot, children in /K order."""
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"]

    def build(node, page):
        node = node.get_object()
        page_ref = node.get("/Pg")
        if page_ref is not None:
            page = pages[page_ref.idnum]
        element = Element(str(node.get("/S", "/StructTreeRoot")), page)
        kids = node.get("/K")
        kids = [] if kids is None else kids if isinstance(kids, list) else [kids]
        for kid in kids:
            if isinstance(kid, int):
                element.mcids.append((page, int(kid)))
                continue
            obj = kid.get_object()
            if obj.get("/Type") == "/OBJR":
                continue
            if "/MCID" in obj:   # a marked-content reference dictionary
                ref_page = pages[obj["/Pg"].idnum] if "/Pg" in obj else page
                element.mcids.append((ref_page, int(obj["/MCID"])))
                continue
            element.children.append(build(kid, page))
        return element

    return build(root, None)


def walk(element: Element):
    yield element
    for child in element.children:
        yield from walk(child)


def first_mcid(element: Element):
    for node in walk(element):
        if node.mcids:
            return node.mcids[0]
    return None


def struct_elements_in_file(reader: PdfReader) -> list[int]:
    """Object numbers of every structure element stored in the file, reached from the tree or not."""
    found = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:   # a free object number
            continue
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/StructElem":
            found.append(number)
    return found


def reachable_struct_elements(reader: PdfReader) -> set[int]:
    seen = set()
    pending = [reader.trailer["/Root"]["/StructTreeRoot"].raw_get("/K")]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node.get_object() if hasattr(node, "get_object") else node)
            continue
        if not isinstance(node, IndirectObject):
            continue
        obj = node.get_object()
        if isinstance(obj, list):
            pending.extend(obj)
            continue
        if obj.get("/Type") == "/StructElem" and node.idnum not in seen:
            seen.add(node.idnum)
            kids = obj.raw_get("/K") if "/K" in obj else None
            if kids is not None:
                pending.append(kids)
    return seen


MM = 72 / 25.4


@dataclass
class TaggingReport:
    problems: list[str]
    furniture: list[list[tuple[str, str]]]      # per page: (Header|Footer, text) of each pagination artifact
    content: list[list[Marked]]                 # per page: the structure tree's marked content


def check_tagging(reader: PdfReader, *, top_margin_mm: float, bottom_margin_mm: float) -> TaggingReport:
    """What a PDF/UA checker asks of page furniture and marked content, as a list of problems.

    - all text is marked content of the tree or an artifact, none unmarked (ISO 14289-1, 7.1);
    - the running header and footer are ``/Artifact`` with ``/Type /Pagination`` and
      ``/Subtype /Header`` or ``/Footer``, drawn inside the page's top or bottom margin (7.8);
    - each page's MCIDs run 0..n-1, once each, and the ParentTree maps each to a structure element
      of the tree that holds it (no MCID maps to an element outside the tree);
    - every structure element stored in the file is in the tree.
    """
    problems: list[str] = []
    furniture, content = [], []
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = root["/ParentTree"]["/Nums"]
    parent_tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    reachable = reachable_struct_elements(reader)
    tree = structure_tree(reader)
    in_tree = {mcid for element in walk(tree) for mcid in element.mcids}
    for index, page in enumerate(reader.pages):
        name = f"page {index + 1}"
        height = float(page.mediabox.top) - float(page.mediabox.bottom)
        sequences = marked_content(reader, index)
        page_furniture, page_content = [], []
        for item in sequences:
            if item.mcid is not None:
                page_content.append(item)
            elif item.artifact is None:
                problems.append(f"{name}: text outside any marked content: {item.text!r}")
            elif item.artifact.get("/Type") == "/Pagination":
                kind = item.artifact.get("/Subtype", "")
                page_furniture.append((kind.lstrip("/"), item.text))
                if kind == "/Header" and not (item.top is not None and item.top < top_margin_mm * MM):
                    problems.append(f"{name}: header artifact {item.text!r} not in the top margin ({item.top})")
                elif kind == "/Footer" and not (item.top is not None and item.top > height - bottom_margin_mm * MM):
                    problems.append(f"{name}: footer artifact {item.text!r} not in the bottom margin ({item.top})")
                elif kind not in ("/Header", "/Footer"):
                    problems.append(f"{name}: pagination artifact with subtype {kind!r}")
            elif item.text.strip():
                problems.append(f"{name}: text in an artifact that is not pagination: {item.text!r}")
        mcids = [item.mcid for item in page_content]
        if mcids != list(range(len(mcids))):
            problems.append(f"{name}: MCIDs are not 0..{len(mcids) - 1} once each in order: {mcids}")
        key = page.get("/StructParents")
        owners = parent_tree.get(int(key)) if key is not None else None
        owners = owners.get_object() if owners is not None else None
        if owners is None or len(owners) != len(mcids):
            problems.append(f"{name}: the ParentTree maps {0 if owners is None else len(owners)} MCIDs, "
                            f"the page has {len(mcids)}")
        else:
            for mcid, owner in enumerate(owners):
                if owner.idnum not in reachable:
                    problems.append(f"{name}: MCID {mcid} belongs to a structure element outside the tree")
                kids = owner.get_object().get("/K")
                kids = kids if isinstance(kids, list) else [kids]
                if mcid not in [int(k) for k in kids if isinstance(k, int)]:
                    problems.append(f"{name}: the ParentTree's element for MCID {mcid} does not hold it")
        for mcid in mcids:
            if (index, mcid) not in in_tree:
                problems.append(f"{name}: MCID {mcid} is in no structure element of the tree")
        furniture.append(page_furniture)
        content.append(page_content)
    stray = sorted(set(struct_elements_in_file(reader)) - reachable)
    if stray:
        problems.append(f"{len(stray)} structure elements are stored outside the tree (objects {stray[:5]}...)")
    return TaggingReport(problems, furniture, content)


BLOCKS = {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/P", "/LI", "/TR", "/Caption", "/BlockQuote"}


def reading_order_problems(reader: PdfReader, report: TaggingReport) -> list[str]:
    """Blocks (headings, paragraphs, list items, table rows, captions) in the structure tree's order
    must start on the page top to bottom, page after page, as a reader sees them. Figures are left
    out: the text inside a chart is drawn in the chart's own order."""
    top = {(item.page, item.mcid): item.top for page in report.content for item in page}
    problems, last = [], None
    for element in walk(structure_tree(reader)):
        if element.tag not in BLOCKS:
            continue
        if any(node.tag == "/Figure" for node in walk(element)):
            continue
        first = first_mcid(element)
        if first is None or top.get(first) is None:
            continue
        position = (first[0], top[first])
        if last is not None and (position[0] < last[0] or (position[0] == last[0] and position[1] < last[1] - 1)):
            problems.append(f"{element.tag} on page {position[0] + 1} at {position[1]:.0f} pt comes after "
                            f"page {last[0] + 1} at {last[1]:.0f} pt in the structure tree")
        last = position
    return problems
