"""Plain-English check for handbook pages: reading grade, long sentences, passive voice.

Plain Python, no MkDocs import: `practice-hub readability` runs it from the command line and any
front end can call ``check_folder``. The measures are the usual ones:

- **Flesch-Kincaid grade** = 0.39 × words per sentence + 11.8 × syllables per word − 15.59;
  the grade a reader needs to follow the text at first reading (UK year = grade + 1). The target
  is grade 9 by default (GOV.UK and the NHS aim for a reading age of 9 to 11; staff read the
  handbook in a hurry, between visits).
- **Flesch reading ease** (0 to 100, higher is easier; 60 or more is plain English).
- **Long sentences**: more than 25 words.
- **Passive voice**: a form of "to be" followed by a past participle ("was referred", "are
  recorded"); a hint to say who does what, not a rule.

What is measured is the text a reader reads: front matter, code, HTML tags, link addresses,
tables, abbreviation definitions and admonition markers are left out; headings are not
sentences, and a list item or table-free line without a full stop still counts as one.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..common.cache import read_cached, write_atomically
from ..common.fingerprint import code_digest

DEFAULT_GRADE = 9.0
LONG_SENTENCE = 25
PLAIN_EASE = 60.0

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1\s*$", re.DOTALL | re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_INLINE_CODE = re.compile(r"`[^`]*`")
_ABBR = re.compile(r"^\*\[[^\]]+\]:.*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_DEFINITION = re.compile(r"^[:~]\s")
_EMPHASIS = re.compile(r"[*_]{1,3}")
_ABBREVIATION_STOP = re.compile(r"\b(e\.g|i\.e|etc|eg|ie|vs|Dr|Mr|Mrs|Ms|No)\.")
_ABBREVIATION_HINTS = ("e.g", "i.e", "etc.", "eg.", "ie.", "vs.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.,:]\d+)*")
# Words that end in "ed" but are not participles, and irregular participles often used in the passive.
_NOT_PARTICIPLE = {"need", "indeed", "bed", "red", "shed", "seed", "feed", "speed", "hundred", "bred", "led",
                   "sled", "wed", "fed", "embed", "proceed", "succeed", "exceed", "tired", "concerned", "worried",
                   "interested", "involved", "used", "supposed", "based", "pleased", "scared", "prepared",
                   "related", "skilled", "experienced", "qualified", "detailed", "varied", "limited", "balanced",
                   "allowed", "required", "expected"}
_IRREGULAR = {"seen", "done", "made", "given", "taken", "written", "known", "shown", "told", "held", "kept",
              "sent", "put", "set", "left", "found", "heard", "met", "paid", "brought", "thought", "caught",
              "taught", "chosen", "spoken", "driven", "forgotten", "begun", "run", "hidden", "built", "read",
              "understood", "drawn", "grown", "undertaken", "overseen", "withdrawn"}
_BE_WORDS = ("am", "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't")
_BE = "(?:" + "|".join(_BE_WORDS) + ")"
_BE_WORDS = frozenset(_BE_WORDS) | {word.replace("'", "’") for word in _BE_WORDS}
_PASSIVE = re.compile(r"\b" + _BE + r"\s+(?:(?:not|also|then|often|usually|always|never|only|already|still|just|"
                      r"\w+ly)\s+){0,2}(\w+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    text: str
    words: int

    @property
    def is_long(self) -> bool:
        return self.words > LONG_SENTENCE


@dataclass
class PageReport:
    path: str
    words: int = 0
    sentences: list[Sentence] = field(default_factory=list)
    syllables: int = 0
    passive: list[str] = field(default_factory=list)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)

    @property
    def grade(self) -> float:
        return _grade(self.words, len(self.sentences), self.syllables)

    @property
    def ease(self) -> float:
        if not self.words or not self.sentences:
            return 100.0
        return 206.835 - 1.015 * self.words / len(self.sentences) - 84.6 * self.syllables / self.words

    @property
    def long_sentences(self) -> list[Sentence]:
        return [s for s in self.sentences if s.is_long]

    def meets(self, target: float) -> bool:
        return self.grade <= target


@dataclass(frozen=True)
class PageScore:
    """A page's counts: all a build's report needs (kept between builds by :class:`ScoreCache`)."""
    path: str
    words: int
    sentence_count: int
    syllables: int

    @property
    def grade(self) -> float:
        return _grade(self.words, self.sentence_count, self.syllables)

    def meets(self, target: float) -> bool:
        return self.grade <= target


def _grade(words: int, sentences: int, syllables: int) -> float:
    """Flesch-Kincaid grade (0 for a page with no sentences)."""
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


@functools.lru_cache(maxsize=1 << 16)   # a site uses a few thousand words again and again
def syllables(word: str) -> int:
    """Syllables in an English word, by vowel groups with the usual corrections (good to about ±1)."""
    word = word.lower().strip("'’-")
    if not word:
        return 0
    if word.isdigit():
        return max(1, len(word))
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    word = re.sub(r"[’']s?$", "", word)
    if len(word) <= 3:
        return 1
    # A silent final e, "es" or "ed" ("makes", "planned"), but "needed", "visited" keep theirs.
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouydt]ed|[^laeiouy]e)$", lambda m: m.group(0)[0], word)
    word = re.sub(r"^y", "", word)
    count = len(re.findall(r"[aeiouy]+", word))
    # Two vowels said apart ("mediation", "period", "actual"), but not "-tion", "-cial", "quality".
    count += len(re.findall(r"(?<![tscgxq])i[ao]|(?<!q)ua|(?<!q)uo|iu", word))
    if re.search(r"[^aeiouy]le$", word) and not re.search(r"[aeiouy]", word[:-2]):
        count += 1
    return max(1, count)


def readable_text(markdown: str) -> list[str]:
    """The paragraphs and list items a reader reads, as plain text lines."""
    text = _FRONT_MATTER.sub("", markdown.replace("\r\n", "\n"))
    text = _FENCE.sub("", text)
    text = _HTML_COMMENT.sub("", text)
    text = _ABBR.sub("", text)
    blocks: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("|") or _RULE.match(line):
            flush()
            continue
        if _ADMONITION.match(line):   # admonition marker and its title
            flush()
            title = re.search(r'"([^"]*)"', line)
            if title and title.group(1).strip():
                blocks.append(title.group(1))
            continue
        item = _LIST_ITEM.match(line)
        if item:
            flush()
            current.append(item.group(1))
            continue
        if _DEFINITION.match(line):                   # definition list
            flush()
            current.append(line[2:])
            continue
        current.append(line)
    flush()
    cleaned = []
    for block in blocks:
        block = _LINK.sub(r"\1", block)
        block = _REF_LINK.sub(r"\1", block)
        block = _ATTRS.sub("", block)
        block = _INLINE_CODE.sub("code", block)
        block = _TAG.sub("", block)
        if "*" in block or "_" in block:
            block = _EMPHASIS.sub("", block)
        block = " ".join(block.split())
        if _WORD.search(block):
            cleaned.append(block)
    return cleaned


def split_sentences(block: str) -> list[str]:
    # Abbreviations with full stops ("e.g.", "i.e.") do not end a sentence.
    if not any(stop in block for stop in _ABBREVIATION_HINTS):
        protected = block
    else:
        protected = _ABBREVIATION_STOP.sub(lambda m: m.group(1).replace(".", "\u2024") + "\u2024", block)
    parts = [p.strip() for p in _SENTENCE_END.split(protected)]
    return [p.replace("\u2024", ".") for p in parts if _WORD.search(p)]


def passive_phrases(sentence: str, words: list[str] | None = None) -> list[str]:
    """The passive phrases in ``sentence`` (``words``: its words, if already found)."""
    words = _WORD.findall(sentence) if words is None else words
    if _BE_WORDS.isdisjoint(map(str.lower, words)):
        return []
    found = []
    for match in _PASSIVE.finditer(sentence):
        word = match.group(1).lower()
        if word in _NOT_PARTICIPLE:
            continue
        if word in _IRREGULAR or (word.endswith("ed") and len(word) > 4):
            found.append(match.group(0))
    return found


def check_text(markdown: str, path: str = "", *, passive: bool = True) -> PageReport:
    """The page's counts and long sentences; its passive phrases too, unless ``passive`` is False
    (the build's report uses only the counts)."""
    report = PageReport(path)
    for block in readable_text(markdown):
        for sentence in split_sentences(block):
            words = _WORD.findall(sentence)
            if not words:
                continue
            report.sentences.append(Sentence(sentence, len(words)))
            report.words += len(words)
            report.syllables += sum(map(syllables, words))
            if passive:
                report.passive += passive_phrases(sentence, words)
    return report


def reading_grade(value) -> float:
    """The ``reading_grade`` setting as a number, or a ValueError saying how to write it."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 <= value <= 20:
        raise ValueError(f"{value!r} is not a reading grade: write a number from 1 to 20, such as 9 (the "
                         "Flesch-Kincaid grade a handbook page may have at most; 9 is the usual plain-English target).")
    return float(value)


class ScoreCache:
    """Pages' scores by their content, for the build's report: in memory (a live preview checks
    only the pages that changed) and, given a ``folder``, in one JSON file between builds.

    The key is a digest of the page's Markdown, our code (common/fingerprint.py: the check is
    ours) and the Python version; the file keeps only the pages of the last build. A file that
    cannot be read, or an entry that is not three whole numbers, is ignored (checked again).
    """
    FILE = "scores.json"
    _memory: dict[str, tuple[int, int, int]] = {}   # shared by every build of the process

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.environment = f"{sys.version}; code {code_digest()}"
        self.used: dict[str, tuple[int, int, int]] = {}
        self._kept = self._read() if folder is not None else {}

    def score(self, markdown: str, path: str) -> PageScore:
        key = hashlib.sha256(f"{self.environment}\0{markdown}".encode("utf-8")).hexdigest()
        counts = self._memory.get(key) or self._kept.get(key)
        if counts is None:
            report = check_text(markdown, path, passive=False)
            counts = (report.words, len(report.sentences), report.syllables)
        if len(self._memory) > 20_000:   # a long preview session: forget, rather than grow for ever
            self._memory.clear()
        self._memory[key] = self.used[key] = counts
        return PageScore(path, *counts)

    def save(self) -> None:
        """Keep this build's scores for the next build (the pages no longer built are dropped)."""
        if self.folder is not None and self.used != self._kept:
            data = json.dumps({"scores": {key: list(counts) for key, counts in sorted(self.used.items())}})
            write_atomically(self.folder / self.FILE, data.encode("utf-8"))

    def _read(self) -> dict[str, tuple[int, int, int]]:
        data = read_cached(self.folder / self.FILE)
        try:
            scores = json.loads(data)["scores"] if data is not None else {}
        except (ValueError, TypeError, KeyError):
            return {}
        if not isinstance(scores, dict):
            return {}
        return {key: tuple(counts) for key, counts in scores.items()
                if isinstance(counts, list) and len(counts) == 3
                and all(type(count) is int and count >= 0 for count in counts)}


def check_folder(docs_dir: Path, exclude: tuple[str, ...] = ()) -> list[PageReport]:
    """Every Markdown page under ``docs_dir`` (paths relative to it), in path order."""
    reports = []
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir).as_posix()
        if rel in exclude:
            continue
        reports.append(check_text(page.read_text(encoding="utf-8"), rel))
    return reports


def summary(reports: list[PageReport], target: float = DEFAULT_GRADE) -> dict:
    measured = [r for r in reports if r.sentences]
    grades = [r.grade for r in measured]
    return {
        "pages": len(measured),
        "median_grade": statistics.median(grades) if grades else 0.0,
        "over_target": [r.path for r in measured if not r.meets(target)],
        "under_plain_ease": [r.path for r in measured if r.ease < PLAIN_EASE],
        "long_sentences": sum(len(r.long_sentences) for r in measured),
        "passive": sum(len(r.passive) for r in measured),
    }


def build_report(reports: list[PageReport | PageScore], target: float = DEFAULT_GRADE
                 ) -> tuple[str, list[PageReport | PageScore]]:
    """The one-line plain-English report of a build, and the pages over ``target``.

    ``"Plain English: 38 pages checked, all at reading grade 9 or lower (median 7.2)."`` or
    ``"Plain English: 2 of 38 pages are over the reading-grade target of 9: content/x.md (grade
    11.2), ... Run `practice-hub readability` for the sentences to shorten."``
    """
    measured = [r for r in reports if r.sentence_count]
    over = [r for r in measured if not r.meets(target)]
    if not measured:
        return "Plain English: no handbook pages with text to check.", over
    if not over:
        median = statistics.median(r.grade for r in measured)
        return (f"Plain English: {len(measured)} {_pages(len(measured))} checked, all at reading grade {target:g} "
                f"or lower (median {median:.1f})."), over
    named = ", ".join(f"{r.path} (grade {r.grade:.1f})" for r in over)
    return (f"Plain English: {len(over)} of {len(measured)} {_pages(len(measured))} {'is' if len(over) == 1 else 'are'} "
            f"over the reading-grade target of {target:g}: {named}. "
            "Run `practice-hub readability` for the sentences to shorten."), over


def _pages(count: int) -> str:
    return "page" if count == 1 else "pages"


def report_text(reports: list[PageReport], target: float = DEFAULT_GRADE, details: bool = True) -> str:
    """The report authors read: a line per page, then what to look at on pages over the target."""
    measured = [r for r in reports if r.sentences]
    lines = [f"Plain-English check: {len(measured)} pages, target reading grade {target:g} or lower "
             f"(Flesch-Kincaid; long sentence = more than {LONG_SENTENCE} words).", ""]
    width = max((len(r.path) for r in measured), default=10)
    lines.append(f"{'page':<{width}}  grade  ease  words  long  passive")
    for r in measured:
        flag = "" if r.meets(target) else "  <- over target"
        lines.append(f"{r.path:<{width}}  {r.grade:5.1f}  {r.ease:4.0f}  {r.words:5d}  {len(r.long_sentences):4d}  "
                     f"{len(r.passive):7d}{flag}")
    stats = summary(reports, target)
    lines += ["", f"Median grade {stats['median_grade']:.1f}; {len(stats['over_target'])} page(s) over grade {target:g}; "
              f"{len(stats['under_plain_ease'])} under reading ease {PLAIN_EASE:g}; "
              f"{stats['long_sentences']} long sentence(s); {stats['passive']} passive phrase(s)."]
    if details:
        for r in measured:
            if r.meets(target) and not r.long_sentences:
                continue
            lines += ["", f"{r.path} (grade {r.grade:.1f}):"]
            for s in r.long_sentences:
                lines.append(f"  long sentence ({s.words} words): {s.text[:160]}{'…' if len(s.text) > 160 else ''}")
            if not r.meets(target) and r.passive:
                lines.append("  passive voice: " + "; ".join(dict.fromkeys(r.passive)))
    return "\n".join(lines) + "\n"
