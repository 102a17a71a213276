"""Bulletin PDFs: the running header, footer and page numbers are pagination artifacts, out of the
structure tree; everything else is still tagged, in reading order (issue 14).

Read back with pypdf as a checker would (tests/pdf_reading.py). The demo editions are checked
the same way in tests/browser/test_print_and_email.py."""
from __future__ import annotations

import functools
import io
import tempfile
from pathlib import Path

import pydyf
import pytest
from pypdf import PdfReader

from pdf_reading import check_tagging, reading_order_problems, structure_tree, walk
from practice_hub.bulletins import pdf, pdf_tags

TOP_MM, BOTTOM_MM = 20, 22   # PRINT_CSS's @page margins

PARAGRAPHS = "".join(f"<p>Paragraph {i}: a sentence about practice, long enough to wrap once or twice on an A4 "
                     f"page in ten and a half point type, so that pages fill.</p>" for i in range(40))
DOCUMENTS = {
    "one page": "<h1>Bulletin</h1><p>Welcome to the bulletin.</p>",
    "many pages with headings, lists, a table and links": (
        "<h1>Bulletin</h1><h2>In this edition</h2><ul>" + "".join(f"<li><a href='#s{i}'>Story {i}</a></li>"
                                                                  for i in range(12)) + "</ul>"
        + "".join(f"<h2 id='s{i}'>Story {i}</h2><h3>Part</h3>{PARAGRAPHS[:1200]}" for i in range(12))
        + "<table><caption>Visits</caption><tr><th>Month</th><th>Figure</th></tr>"
        + "".join(f"<tr><td>Month {i}</td><td>{80 + i}%</td></tr>" for i in range(30)) + "</table>"),
    "a page full of text": "<h1>Bulletin</h1>" + PARAGRAPHS,
}


def render_now(body: str, organisation="Eastmere Borough Council Children's Services",
               month="December 2026") -> bytes:
    page = f"<html lang='en'><head><title>Practice and Learning Bulletin</title></head><body>{body}</body></html>"
    # The folder is only where images would be read from: these documents have none.
    return pdf.pdf_bytes(page, folder=Path(tempfile.gettempdir()), organisation=organisation, month_label=month,
                         identifier="https://hub.example/bulletins/2026/12/")


render = functools.cache(render_now)   # WeasyPrint takes seconds a document: each one once


def reader_of(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_furniture_is_pagination_artifacts_and_the_rest_is_tagged(name):
    reader = reader_of(render(DOCUMENTS[name]))
    report = check_tagging(reader, top_margin_mm=TOP_MM, bottom_margin_mm=BOTTOM_MM)
    assert report.problems == []
    pages = len(reader.pages)
    assert pages >= (1 if name == "one page" else 2)
    for number, furniture in enumerate(report.furniture, start=1):
        assert sorted(furniture) == [("Footer", f"Page {number} of {pages}"),
                                     ("Header", "Eastmere Borough Council Children's Services"),
                                     ("Header", "Practice and Learning Bulletin, December 2026")]
        content = " ".join(item.text for item in report.content[number - 1])
        assert f"Page {number} of" not in content and "Eastmere" not in content
    assert reading_order_problems(reader, report) == []


@pytest.mark.parametrize("organisation", [
    'Children\'s "Services" \\ <Eastmere> & Co',           # quotes, a backslash and markup, escaped
    "Eastmere Borough Council Children's Services, Family Help, Safeguarding and Corporate Parenting "
    "Directorate, Quality Assurance and Practice Improvement Unit",   # wraps onto more lines
])
def test_any_organisation_name_in_the_header_is_an_artifact(organisation):
    reader = reader_of(render(DOCUMENTS["one page"], organisation=organisation, month="May 2027"))
    report = check_tagging(reader, top_margin_mm=TOP_MM, bottom_margin_mm=BOTTOM_MM)
    assert report.problems == []
    header = " ".join(text for kind, text in report.furniture[0] if kind == "Header")
    assert " ".join(organisation.split()) in " ".join(header.split())
    assert "Bulletin" in " ".join(item.text for item in report.content[0])   # the body is still content


def test_headings_and_body_stay_in_the_tree_in_order():
    reader = reader_of(render(DOCUMENTS["many pages with headings, lists, a table and links"]))
    tags = [element.tag for element in walk(structure_tree(reader))]
    headings = [int(tag[2]) for tag in tags if tag in ("/H1", "/H2", "/H3")]
    assert headings[:3] == [1, 2, 2] and headings.count(2) == 13 and headings.count(3) == 12
    for before, after in zip(headings, headings[1:]):
        assert after <= before + 1
    assert {"/L", "/LI", "/Link", "/Table", "/TH", "/TD", "/Caption"} <= set(tags)


def test_the_same_edition_gives_the_same_bytes_and_about_the_same_size(monkeypatch):
    body = DOCUMENTS["many pages with headings, lists, a table and links"]
    first, second = render(body), render_now(body)
    assert first == second
    monkeypatch.setattr(pdf_tags, "mark_page_furniture", lambda document, made: None)
    untouched = render_now(body)
    assert untouched != first
    assert len(first) <= len(untouched) * 1.02, (len(first), len(untouched))


# The finisher on PDF objects made by hand, for what WeasyPrint 70 does not do today but may.

def tagged_pdf(stream_items, owners_in_tree, owners_left_out):
    """A one-page pydyf PDF tagged the way WeasyPrint tags one: Document > P > Span elements, and
    the margin boxes' elements pointing at the Document without being listed in it."""
    made = pydyf.PDF()
    made.catalog["StructTreeRoot"] = None
    stream = pydyf.Stream()
    stream.stream = list(stream_items)
    made.add_object(stream)
    page = pydyf.Dictionary({"Type": "/Page", "Parent": made.pages.reference, "Contents": stream.reference,
                             "MediaBox": pydyf.Array([0, 0, 595, 842]), "StructParents": 0})
    made.add_page(page)
    mapping = pydyf.Dictionary({})
    made.add_object(mapping)
    root = pydyf.Dictionary({"Type": "/StructTreeRoot", "ParentTree": mapping.reference})
    made.add_object(root)
    document = pydyf.Dictionary({"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(), "P": root.reference})
    made.add_object(document)
    root["K"] = pydyf.Array([document.reference])
    made.catalog["StructTreeRoot"] = root.reference
    owners = {}
    for mcids, listed in ((owners_in_tree, True), (owners_left_out, False)):
        for mcid in mcids:
            element = pydyf.Dictionary({"Type": "/StructElem", "S": "/Span", "K": pydyf.Array([mcid]),
                                        "Pg": page.reference, "P": document.reference})
            made.add_object(element)
            owners[mcid] = element
            if listed:
                document["K"].append(element.reference)
    mapping["Nums"] = pydyf.Array([0, pydyf.Array(owners[m].reference for m in sorted(owners))])
    return made, stream, (root, mapping, document), owners


def text(mcid, y, tag="/Span"):
    return [tag, pydyf.Dictionary({"MCID": mcid}), b"BDC", b"q", b"BT", f"1 0 0 1 50 {y} Tm".encode(),
            b"[<0001>] TJ", b"ET", b"Q", b"EMC"]


def test_margin_content_drawn_first_is_taken_out_and_the_rest_numbered_again():
    items = text(0, 820) + text(1, 700) + text(2, 20) + text(3, 650)
    made, stream, (root, mapping, document), owners = tagged_pdf(items, owners_in_tree=[1, 3],
                                                                 owners_left_out=[0, 2])
    pdf_tags.mark_page_furniture(None, made)
    properties = [item for item in stream.stream if isinstance(item, pydyf.Dictionary)]
    assert [dict(p) for p in properties] == [{"Type": "/Pagination", "Subtype": "/Header"}, {"MCID": 0},
                                             {"Type": "/Pagination", "Subtype": "/Footer"}, {"MCID": 1}]
    assert [item for item in stream.stream if isinstance(item, str)] == ["/Artifact", "/Span", "/Artifact", "/Span"]
    assert list(owners[1]["K"]) == [0] and list(owners[3]["K"]) == [1]
    assert list(root["K"]) == [document.reference] and list(document["K"]) == [owners[1].reference,
                                                                                owners[3].reference]
    assert list(mapping["Nums"][1]) == [owners[1].reference, owners[3].reference]
    assert dict(owners[0]) == {} and dict(owners[2]) == {}   # emptied: nothing can reach them
    output = io.BytesIO()
    made.write(output)
    assert reader_of(output.getvalue()).pages[0]   # still a PDF a reader opens


def test_an_image_in_the_margin_is_furniture_too():
    image = ["/Figure", pydyf.Dictionary({"MCID": 1}), b"BDC", b"q", b"40 0 0 20 50 800 cm", b"/Im1 Do", b"Q", b"EMC"]
    made, stream, _, owners = tagged_pdf(text(0, 700) + image, owners_in_tree=[0], owners_left_out=[1])
    pdf_tags.mark_page_furniture(None, made)
    assert [dict(item) for item in stream.stream if isinstance(item, pydyf.Dictionary)] == [
        {"MCID": 0}, {"Type": "/Pagination", "Subtype": "/Header"}]


def test_a_tree_weasyprint_did_not_make_is_refused_not_half_fixed():
    # A left-out element whose marked content is not in the page's stream.
    made, *_ = tagged_pdf(text(0, 700), owners_in_tree=[0], owners_left_out=[1])
    with pytest.raises(pdf_tags.FurnitureError, match="page 1: marked content \\[1\\] of the page margins"):
        pdf_tags.mark_page_furniture(None, made)
    # Furniture with no text position: which margin it is in cannot be told.
    made, *_ = tagged_pdf(["/Span", pydyf.Dictionary({"MCID": 0}), b"BDC", b"EMC"] + text(1, 600),
                          owners_in_tree=[1], owners_left_out=[0])
    with pytest.raises(pdf_tags.FurnitureError, match="no text position"):
        pdf_tags.mark_page_furniture(None, made)


def test_an_untagged_pdf_is_left_alone():
    made = pydyf.PDF()
    before = dict(made.catalog)
    pdf_tags.mark_page_furniture(None, made)
    assert dict(made.catalog) == before

