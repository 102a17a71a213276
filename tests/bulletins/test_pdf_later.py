"""Edition PDFs are rendered in worker processes while the rest of the build goes on, and collected
after the pages are built. A PDF that fails still fails the build with its own message, and a
failed or interrupted build leaves no worker process, no half-written file and nothing cached."""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import DEMO_TODAY, make_fixture_site

from practice_hub.bulletins import pdf, pdf_batch
from practice_hub.bulletins.pdf_batch import PdfJob, start

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the PDFs are rendered one by one on one core")


@pytest.fixture(autouse=True)
def no_other_thread(request, monkeypatch):
    # In a whole test run the browser tests' session-wide web server and Playwright threads live
    # on in this process, and with other threads running the PDFs are rendered one by one (see the
    # threads test, which starts its own): the worker tests below say there are none.
    if "other_threads" not in request.node.name:
        monkeypatch.setattr(pdf_batch, "_only_thread", lambda: True)


def jobs(tmp_path: Path, count: int = 3) -> dict[str, PdfJob]:
    folder = tmp_path / "edition"
    folder.mkdir(exist_ok=True)
    return {f"{n}.pdf": PdfJob(f"<p>Edition {n}</p>", folder=folder, organisation="Eastmere", month_label=f"Month {n}",
                               identifier=f"https://hub.example/{n}/") for n in range(count)}


def pretend_renderer(monkeypatch, record: Path, *, gate: Path | None = None, fail: str | None = None,
                     crash: str | None = None, sleep: float = 0) -> None:
    """pdf.pdf_bytes replaced (the forked workers inherit it): notes the pid of each render in
    ``record``, waits for ``gate`` to exist, fails for the html ``fail``, dies for ``crash``, or sleeps."""
    record.mkdir(exist_ok=True)
    test_process = os.getpid()

    def render(html, **kwargs):
        (record / f"{os.getpid()}-{time.monotonic_ns()}").touch()
        while gate is not None and not gate.exists():
            time.sleep(0.05)
        if html == fail:
            raise ValueError("page 1: this PDF cannot be made")
        if html == crash:
            assert os.getpid() != test_process, "rendered in the test's own process, not a worker"
            os._exit(3)   # as a worker killed for want of memory
        time.sleep(sleep)
        return f"PDF of {html}".encode()
    monkeypatch.setattr(pdf, "pdf_bytes", render)


def render_pids(record: Path) -> set[int]:
    return {int(p.name.split("-")[0]) for p in record.iterdir()}


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"   # ended, not yet reaped


@needs_two_cores
def test_rendering_goes_on_in_workers_while_the_caller_does_other_work(tmp_path, monkeypatch):
    record, gate, cache = tmp_path / "renders", tmp_path / "go", tmp_path / "cache"
    pretend_renderer(monkeypatch, record, gate=gate)
    pending = start(jobs(tmp_path), cache, workers=2)           # returns while every render waits on the gate
    wait_until(lambda: len(render_pids(record)) == 2)
    assert os.getpid() not in render_pids(record)               # in two worker processes
    assert not cache.exists()                                   # nothing cached before all are made
    gate.touch()
    assert pending.results() == {f"{n}.pdf": f"PDF of <p>Edition {n}</p>".encode() for n in range(3)}
    assert len(list(cache.glob("*.pdf"))) == 3
    assert multiprocessing.active_children() == []              # the workers have ended


@needs_two_cores
def test_a_failing_pdf_raises_its_own_error_stops_the_workers_and_caches_nothing(tmp_path, monkeypatch):
    record, cache = tmp_path / "renders", tmp_path / "cache"
    pretend_renderer(monkeypatch, record, fail="<p>Edition 1</p>", sleep=0.2)
    pending = start(jobs(tmp_path, 6), cache, workers=2)
    with pytest.raises(ValueError, match="page 1: this PDF cannot be made"):
        pending.results()
    assert multiprocessing.active_children() == []
    assert all(gone(pid) for pid in render_pids(record)) and os.getpid() not in render_pids(record)
    assert not cache.exists() or list(cache.iterdir()) == []    # not even the PDFs that were made


@needs_two_cores
def test_a_worker_that_dies_fails_the_pdfs_instead_of_waiting_for_ever(tmp_path, monkeypatch):
    record, cache = tmp_path / "renders", tmp_path / "cache"
    pretend_renderer(monkeypatch, record, crash="<p>Edition 2</p>", sleep=0.2)
    pending = start(jobs(tmp_path, 4), cache, workers=2)
    with pytest.raises(RuntimeError, match=r"stopped unexpectedly \(exit code 3\)"):
        pending.results()
    assert multiprocessing.active_children() == [] and not cache.exists()


@needs_two_cores
def test_cancelling_ends_the_workers_at_once_and_caches_nothing(tmp_path, monkeypatch):
    record, cache = tmp_path / "renders", tmp_path / "cache"
    pretend_renderer(monkeypatch, record, sleep=600)
    pending = start(jobs(tmp_path), cache, workers=2)
    wait_until(lambda: len(render_pids(record)) == 2)
    started = time.monotonic()
    pending.cancel()
    assert time.monotonic() - started < 10
    assert multiprocessing.active_children() == [] and all(gone(pid) for pid in render_pids(record))
    assert not cache.exists()
    with pytest.raises(RuntimeError, match="cancelled"):
        pending.results()


def test_with_other_threads_running_the_pdfs_are_rendered_one_by_one_when_asked_for(tmp_path, monkeypatch):
    # Forking a process that runs other threads (the `mkdocs serve` watcher) is unsafe.
    record = tmp_path / "renders"
    pretend_renderer(monkeypatch, record)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait)
    watcher.start()
    try:
        pending = start(jobs(tmp_path), None, workers=2)
    finally:
        stop.set()
        watcher.join()
    assert not record.exists() or not list(record.iterdir())     # nothing rendered yet
    assert len(pending.results()) == 3
    assert render_pids(record) == {os.getpid()}


# A build of a small site whose PDFs fail or never finish (pdf.pdf_bytes replaced in the build's
# process, and so in the workers it forks).
BUILD = """\
import multiprocessing, os, sys, time
from pathlib import Path
from practice_hub.bulletins import pdf

def render(html, **kwargs):
    (Path(os.environ["RENDERS"]) / str(os.getpid())).touch()
    if os.environ["MODE"] == "fail":
        raise ValueError("page 1: this PDF cannot be made")
    time.sleep(600)
pdf.pdf_bytes = render

if os.environ["MODE"] == "a page fails":   # in-process, as `mkdocs serve` builds: on_build_error alone
    from mkdocs.commands import build
    from mkdocs.config import load_config

    def broken(*args, **kwargs):
        time.sleep(1)   # the workers are rendering by now
        raise RuntimeError("a page could not be built")
    build._build_page = broken
    try:
        build.build(load_config(sys.argv[-1]))
    except RuntimeError as err:
        print("build failed:", err)
    print("workers left:", len(multiprocessing.active_children()), flush=True)
else:
    from mkdocs.__main__ import cli
    sys.argv = ["mkdocs", "build", "--strict", "-f", sys.argv[-1]]
    cli()
"""


def fixture_site(root: Path, linking_page: str = "") -> Path:
    bulletins = {}
    for month in ("2026-09", "2026-10", "2026-11"):
        bulletins[f"{month}/index.md"] = (
            f"---\ntitle: Bulletin {month}\nmonth: {month}\nstatus: published\npractice_focus:\n  title: Supervision\n"
            "editor:\n  name: A Editor\n  role: PSW\n  email: psw@example.org\n---\nHello.\n")
        bulletins[f"{month}/01-a.md"] = "---\ntitle: A story\nauthor: B Writer\norder: 1\ntopics: [supervision]\n---\nText.\n"
    pages = {"reading.md": linking_page} if linking_page else {}
    return make_fixture_site(root, pages, bulletins=bulletins)


def start_build(tmp_path: Path, mode: str) -> tuple[subprocess.Popen, Path]:
    config = fixture_site(tmp_path / "repo")
    renders = tmp_path / "renders"
    renders.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_HUB_TODAY": DEMO_TODAY, "MODE": mode,
           "RENDERS": str(renders), "PRACTICE_HUB_CACHE_DIR": str(tmp_path / "cache")}
    # Ctrl+C as in a terminal (a shell running the tests in the background would have it ignored).
    build = subprocess.Popen([sys.executable, "-c", BUILD, str(config)], cwd=config.parent, env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return build, renders


def left_behind(tmp_path: Path) -> list[str]:
    """PDFs in the cache, and PDFs or half-written files anywhere the build writes."""
    found = [p for p in (tmp_path / "cache").rglob("*") if p.suffix in (".pdf", ".tmp")]
    found += [p for p in (tmp_path / "repo" / "site").rglob("*") if p.suffix in (".pdf", ".tmp")]
    return [str(p) for p in found]


def finished(build: subprocess.Popen, seconds: float = 60) -> str:
    try:
        output, _ = build.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        build.kill()
        pytest.fail(f"the build did not stop:\n{build.communicate()[0]}")
    return output


@needs_two_cores
def test_a_failing_pdf_fails_the_build_with_its_message_and_leaves_nothing_behind(tmp_path):
    build, renders = start_build(tmp_path, "fail")
    output = finished(build)
    assert build.returncode != 0
    assert output.rstrip().endswith("ValueError: page 1: this PDF cannot be made"), output[-2000:]
    pids = {int(p.name) for p in renders.iterdir()}
    assert pids and build.pid not in pids                       # rendered in workers
    assert all(gone(pid) for pid in pids)
    assert left_behind(tmp_path) == []


@needs_two_cores
def test_ctrl_c_during_a_build_ends_the_pdf_workers_and_leaves_nothing_behind(tmp_path):
    build, renders = start_build(tmp_path, "slow")
    wait_until(lambda: len(list(renders.iterdir())) == 2 or build.poll() is not None, 120)
    build.send_signal(signal.SIGINT)
    output = finished(build, 30)
    assert build.returncode != 0 and "Aborted!" in output, output[-2000:]   # click, on KeyboardInterrupt
    pids = {int(p.name) for p in renders.iterdir()}
    assert len(pids) == 2 and all(gone(pid) for pid in pids)
    assert left_behind(tmp_path) == []


@needs_two_cores
def test_a_build_that_fails_elsewhere_ends_the_pdf_workers_it_started(tmp_path):
    build, renders = start_build(tmp_path, "a page fails")
    output = finished(build)
    assert "build failed: a page could not be built" in output and "workers left: 0" in output, output[-2000:]
    pids = {int(p.name) for p in renders.iterdir()}
    assert pids and all(gone(pid) for pid in pids)
    assert left_behind(tmp_path) == []


def test_a_page_may_link_an_edition_pdf_which_is_written_after_the_pages(tmp_path):
    # The PDF is among MkDocs' files while it is rendered, so --strict accepts a Markdown link to it.
    link = "[September's bulletin](bulletins/2026/09/practice-and-learning-bulletin-2026-09.pdf)"
    config = fixture_site(tmp_path / "repo", "---\ntitle: Reading\nsummary: What to read.\nowner: Principal Social Worker\n"
                          "approved_by: Practice Quality Board\nlast_reviewed: 2026-06-12\ntopics: [supervision]\n---\n"
                          f"# Reading\n\nRead {link}.\n")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PRACTICE_HUB_TODAY": DEMO_TODAY,
           "PRACTICE_HUB_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "--strict", "-f", str(config)],
                            cwd=config.parent, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    site = config.parent / "site"
    assert 'href="bulletins/2026/09/practice-and-learning-bulletin-2026-09.pdf"' in (site / "reading.html").read_text()
    for month in ("09", "10", "11"):
        assert (site / f"bulletins/2026/{month}/practice-and-learning-bulletin-2026-{month}.pdf").read_bytes()[:5] == b"%PDF-"
    assert [p for p in site.rglob("*.tmp")] == []


def test_a_build_without_pdfs_leaves_the_pdf_cache_alone(tmp_path):
    # `mkdocs serve` makes no PDFs: the next `mkdocs build` still finds the ones it made.
    from bulletin_support import article, edition

    from practice_hub.bulletins import service
    from practice_hub.bulletins.loader import load_editions
    edition(tmp_path, "2027-01", title="January", articles={"a.md": article("A story", 1)})
    editions = load_editions(tmp_path / "bulletins", include_drafts=True, handbook_pages={"motivational-interviewing/oars.md"},
                             topics=None, display_root=tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "made-by-the-last-build.pdf").write_bytes(b"%PDF-")
    settings = service.Settings(site_url="https://hub.example/", site_name="Hub", organisation="Org",
                                email_to="all@example.org", make_pdf=False, pdf_cache_dir=cache)
    later: list = []
    _, files = service.outputs(editions, None, {}, settings, later_pdfs=later)
    assert later == [] and not [path for path in files if path.endswith(".pdf")]
    assert (cache / "made-by-the-last-build.pdf").exists()
