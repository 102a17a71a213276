"""Edition PDFs: unchanged ones come from the cache, changed ones are rendered again, same bytes either way."""
from __future__ import annotations

import io

from helpers import normalised
from pypdf import PdfReader

from practice_hub.bulletins import pdf, pdf_environment, pdf_tags
from practice_hub.bulletins.pdf_batch import PdfJob, render_all


def job(tmp_path, text="Welcome to the bulletin.", month="December 2026"):
    folder = tmp_path / "2026-12"
    folder.mkdir(exist_ok=True)
    return PdfJob(f"<html lang='en'><body><h1>Bulletin</h1><p>{text}</p></body></html>", folder=folder,
                  organisation="Eastmere", month_label=month, identifier="https://hub.example/bulletins/2026/12/")


def pdf_text(data: bytes) -> str:
    return normalised(PdfReader(io.BytesIO(data)).pages[0].extract_text())


def counting_renderer(monkeypatch):
    calls = []
    real = pdf.pdf_bytes

    def render(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)
    monkeypatch.setattr(pdf, "pdf_bytes", render)
    return calls


def test_an_unchanged_edition_is_not_rendered_twice_and_gives_the_same_bytes(tmp_path, monkeypatch):
    calls = counting_renderer(monkeypatch)
    cache = tmp_path / "cache"
    first = render_all({"a.pdf": job(tmp_path)}, cache, workers=1)
    second = render_all({"a.pdf": job(tmp_path)}, cache, workers=1)
    assert len(calls) == 1
    assert first == second
    assert "Welcome to the bulletin." in pdf_text(second["a.pdf"])
    assert first["a.pdf"] == render_all({"a.pdf": job(tmp_path)}, None, workers=1)["a.pdf"]   # cache or not


def test_a_changed_edition_or_image_is_rendered_again_and_stale_copies_are_dropped(tmp_path, monkeypatch):
    calls = counting_renderer(monkeypatch)
    cache = tmp_path / "cache"
    render_all({"a.pdf": job(tmp_path)}, cache, workers=1)
    changed = render_all({"a.pdf": job(tmp_path, text="A corrected welcome.")}, cache, workers=1)
    assert len(calls) == 2
    assert "A corrected welcome." in pdf_text(changed["a.pdf"])
    assert len(list(cache.glob("*.pdf"))) == 1
    (tmp_path / "2026-12" / "photo.png").write_bytes(b"one")
    with_image = PdfJob(**{**job(tmp_path).__dict__, "images": ("photo.png",)})
    key = with_image.cache_key()
    (tmp_path / "2026-12" / "photo.png").write_bytes(b"two")
    assert with_image.cache_key() != key


def test_parallel_rendering_gives_each_edition_its_own_pdf(tmp_path):
    jobs = {f"{m}.pdf": job(tmp_path, text=f"Edition for {m}.", month=m) for m in ("January", "February", "March")}
    results = render_all(jobs, None, workers=2)
    for name, data in results.items():
        assert f"Edition for {name[:-4]}." in pdf_text(data)


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    results = render_all({"a.pdf": job(tmp_path)}, blocked / "cache", workers=1)
    assert results["a.pdf"].startswith(b"%PDF")


def test_the_cache_key_covers_the_libraries_and_fonts_that_shape_the_pdf(tmp_path, monkeypatch):
    fingerprint = pdf_environment.fingerprint()
    for part in ("weasyprint ", "pydyf ", "fonttools ", "pango ", "harfbuzz ", "harfbuzz-subset ", "fonts "):
        assert part in fingerprint
    assert "pango missing" not in fingerprint and "fontconfig missing" not in fingerprint
    key = job(tmp_path).cache_key()
    monkeypatch.setattr(pdf_environment, "fingerprint", lambda: fingerprint.replace("pango ", "pango 0.0.0-"))
    assert job(tmp_path).cache_key() != key   # another Pango, another PDF: the cached one is not reused


def test_the_cache_key_covers_the_artifact_marking(tmp_path, monkeypatch):
    # pdf_tags rewrites every PDF's tagging: a change to it must not reuse PDFs made before it.
    key = job(tmp_path).cache_key()
    monkeypatch.setattr(pdf_tags, "VERSION", "another")
    assert job(tmp_path).cache_key() != key


def test_the_fonts_the_print_stylesheet_asks_for_are_the_ones_the_project_installs():
    fontconfig = pdf_environment._Fontconfig.open()
    for pattern in pdf_environment.PRINT_FONTS:
        assert fontconfig.match(pattern).startswith("/usr/share/fonts/truetype/dejavu/DejaVuSans"), pattern


def test_a_pdf_has_the_same_bytes_whatever_the_worker_rendered_before_it(tmp_path):
    """Each worker keeps one font set-up for all its PDFs: which editions it rendered first, and
    in what order, must not change any PDF (the workers share them out differently each build)."""
    def render(one):
        return pdf.pdf_bytes(one.html, folder=one.folder, organisation=one.organisation,
                             month_label=one.month_label, identifier=one.identifier)
    bold = job(tmp_path, text="<b>Bold</b> <i>italic</i> ünïcödé “quotes” and a <a href='https://x.example'>link</a>")
    plain_text = job(tmp_path, text="Just text.", month="January 2027")
    pdf._fonts.clear()
    fresh = render(plain_text)
    render(bold)
    assert render(plain_text) == fresh   # after another edition's fonts and glyphs
    pdf._fonts.clear()
    first_bold = render(bold)
    assert render(plain_text) == fresh and render(bold) == first_bold
    assert len(pdf._fonts) == 1   # one set-up, kept
