"""Generate a large Practice Hub site for the benchmark, the same way every time (seeded).

    generate_site(folder, pages=1000, editions=120, sessions=5000) -> Sizes

writes, into ``folder``:

- ``content/``: handbook pages with the governance front matter, topics from the real
  ``topics.yml``, headings, lists, a table, abbreviations and links to other pages;
- ``bulletins/YYYY-MM/``: published editions of three articles (some are 7-minute briefings);
- ``training_calendar/``: courses and sessions, with the real ``vocabulary.yml``;
- ``mkdocs.yml``: the real configuration with our plugins, nav left out (MkDocs builds it from
  the folders) and docs_dir pointing at the generated pages;
- ``mkdocs-plain.yml``: plain Material on the same Markdown: the same theme features and
  Markdown extensions, Material's own search and offline plugins, none of ours.

Plain Python with no MkDocs import, so the smoke test and the benchmark share it.
"""
from __future__ import annotations

import functools
import posixpath
import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 2026
TODAY = date(2026, 11, 23)

SECTIONS = [
    "assessment", "child-protection", "children-in-care", "care-leavers", "family-support",
    "disabled-children", "fostering", "adoption", "youth-justice", "early-help",
    "court-and-legal", "partnership-working", "recording", "supervision", "health",
    "education", "missing-children", "exploitation", "domestic-abuse", "neglect",
]
PAGES_PER_SECTION = 50
APPROVERS = ["Practice Quality Board", "Safeguarding Partnership Board", "Senior Leadership Team"]
ABBREVIATIONS = ["CP", "CiN", "CLA", "IRO", "PLO", "FGC", "MASH", "LADO", "EH", "TAF", "DSL", "PSW"]
PEOPLE = ["Amara Okafor", "Ellie Brennan", "Farah Siddiqui", "Tom Walsh", "Priya Nair", "Gareth Hughes",
          "Kerry-Ann Blake", "Jonah Feld", "Mei Lin Carter", "Dafydd Rees"]
ROLES = ["Social Worker", "Practice Supervisor", "Team Manager", "Advanced Practitioner", "Family Support Worker"]
LOCATIONS = ["Civic Centre, Room 4", "Eastmere Family Hub, Training Suite", "Online (Microsoft Teams)",
             "Northgate Children's Centre", "Riverside Library, Meeting Room 2"]

# Small vocabularies the prose is assembled from; plain UK English, nothing copied.
ACTIONS = ["Agree", "Plan", "Record", "Review", "Share", "Explain", "Check", "Prepare for", "Escalate", "Close"]
SUBJECTS = ["home visits", "strategy discussions", "family network meetings", "safety plans", "case summaries",
            "chronologies", "consent to share information", "direct work with children", "transition plans",
            "placement stability meetings", "return home interviews", "core group meetings", "health assessments",
            "personal education plans", "pre-birth assessments", "section 47 enquiries", "permanence planning",
            "contact arrangements", "life story work", "step-down to early help"]
OPENERS = ["Before you start,", "In every case,", "Where it is safe to do so,", "As a rule,", "When in doubt,",
           "Within five working days,", "With your manager,", "Together with the family,"]
CLAUSES = ["talk to the child on their own and write down what they say in their words",
           "agree with the family who will do what, and by when",
           "check what other agencies already know before you visit",
           "record the reason for every decision, not just the decision",
           "make sure the plan says what will be different for the child",
           "ask the family network who could help with the worries",
           "share the written plan with parents in plain language",
           "book the next review before the meeting ends",
           "talk to your practice supervisor if the plan is drifting",
           "explain to the child what will happen next and why",
           "note who was present and who was invited but did not come",
           "check that interpreters and advocates have been offered"]
REASONS = ["so that the child's experience stays at the centre of the work",
           "because families tell us they want to know where they stand",
           "which helps the next worker pick up the case without starting again",
           "so that managers can see the thinking behind a decision",
           "because delay is harmful for children",
           "which keeps everyone focused on safety rather than compliance"]
HEADINGS = ["What this means in practice", "Who is involved", "Timescales", "Recording", "Working with the family",
            "Hearing the child", "Management oversight", "When things change", "Common pitfalls", "Checklist"]


@dataclass(frozen=True)
class Sizes:
    pages: int
    editions: int
    sessions: int


def _sentence(rng: random.Random) -> str:
    text = f"{rng.choice(OPENERS)} {rng.choice(CLAUSES)}, {rng.choice(REASONS)}."
    if rng.random() < 0.35:
        text = text[:-1] + f" (see the {rng.choice(ABBREVIATIONS)} guidance)."
    return text


def _paragraph(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _link(from_uri: str, to_uri: str, title: str) -> str:
    target = posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
    return f"[{title}]({target})"


class _NoAliasDumper(yaml.SafeDumper):
    """Writes a repeated date out in full rather than as a YAML anchor and alias."""

    def ignore_aliases(self, data):
        return True


def _yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=120)


def _topics() -> list[str]:
    return sorted(yaml.safe_load((ROOT / "topics.yml").read_text(encoding="utf-8"))["topics"])


# ---------------------------------------------------------------- handbook


def _page_plan(count: int) -> list[tuple[str, str]]:
    """(src_uri, title) for ``count`` pages: sections of up to 50, each with an index page."""
    sections = max(1, min(len(SECTIONS), -(-count // PAGES_PER_SECTION)))
    plan: list[tuple[str, str]] = []
    for n in range(count):
        section = SECTIONS[n % sections]
        number = n // sections
        if number == 0:
            plan.append((f"{section}/index.md", section.replace("-", " ").capitalize()))
        else:
            subject = SUBJECTS[(n * 7 + number) % len(SUBJECTS)]
            action = ACTIONS[number % len(ACTIONS)]
            plan.append((f"{section}/{action.lower().replace(' ', '-')}-{subject.replace(' ', '-')}-{number:03d}.md",
                         f"{action} {subject} ({number})"))
    return plan


def _front_matter(rng: random.Random, title: str, topics: list[str]) -> str:
    last = TODAY - timedelta(days=rng.randrange(0, 500))        # about a quarter end up overdue
    earlier = last - timedelta(days=rng.randrange(30, 400))
    meta = {
        "title": title,
        "summary": f"How we {title.split(' (')[0].lower()} in Eastmere, step by step.",
        "owner": rng.choice(owner_roles()),
        "approved_by": rng.choice(APPROVERS),
        "last_reviewed": last,
        "review_by": last + timedelta(days=365),
        "version": f"{rng.randrange(1, 4)}.{rng.randrange(0, 10)}",
        "topics": rng.sample(topics, rng.randrange(1, 3)),
        "changes": [{"date": last, "note": "Reviewed; updated the timescales and the checklist."},
                    {"date": earlier, "note": "First published."}],
    }
    return "---\n" + _yaml(meta) + "---\n"


def _page_body(rng: random.Random, src_uri: str, title: str, plan: list[tuple[str, str]]) -> str:
    others = [p for p in rng.sample(plan, min(4, len(plan))) if p[0] != src_uri][:3]
    parts = [f"# {title}", _paragraph(rng, 3),
             "!!! note \"In short\"\n    " + _sentence(rng)]
    for heading in rng.sample(HEADINGS, 4):
        parts += [f"## {heading}", _paragraph(rng)]
        if heading == "Checklist":
            parts.append("\n".join(f"{i}. {rng.choice(CLAUSES).capitalize()}." for i in range(1, 6)))
        elif heading == "Timescales":
            rows = [f"| {rng.choice(SUBJECTS).capitalize()} | {rng.randrange(1, 20)} working days | "
                    f"{rng.choice(owner_roles())} |" for _ in range(4)]
            parts.append("| Task | Timescale | Who |\n| --- | --- | --- |\n" + "\n".join(rows))
        else:
            parts.append("\n".join(f"- {rng.choice(CLAUSES).capitalize()}." for _ in range(rng.randrange(3, 6))))
        parts += [f"### {rng.choice(SUBJECTS).capitalize()}", _paragraph(rng, 3)]
    if others:
        parts += ["## Related guidance", "\n".join(f"- {_link(src_uri, uri, t)}" for uri, t in others)]
    return "\n\n".join(parts) + "\n"


def _index_body(src_uri: str, title: str, plan: list[tuple[str, str]], rng: random.Random) -> str:
    section = src_uri.split("/")[0]
    children = [(u, t) for u, t in plan if u.startswith(section + "/") and u != src_uri]
    items = "\n".join(f"- {_link(src_uri, u, t)}" for u, t in children)
    return f"# {title}\n\n{_paragraph(rng, 2)}\n\n## Pages in this section\n\n{items or 'None yet.'}\n"


def write_handbook(content: Path, count: int, topics: list[str], rng: random.Random) -> list[tuple[str, str]]:
    plan = _page_plan(count)
    for src_uri, title in plan:
        path = content / src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        body = (_index_body(src_uri, title, plan, rng) if src_uri.endswith("/index.md")
                else _page_body(rng, src_uri, title, plan))
        path.write_text(_front_matter(rng, title, topics) + body, encoding="utf-8")
    (content / "index.md").write_text(
        "---\ntitle: Home\n---\n# Generated Practice Hub\n\nA generated site for the benchmark.\n\n"
        "<!-- practice-hub:latest-bulletin -->\n\n<!-- practice-hub:whats-new -->\n", encoding="utf-8")
    css = ROOT / "content" / "assets" / "stylesheets"
    if css.is_dir():
        shutil.copytree(css, content / "assets" / "stylesheets", dirs_exist_ok=True)
    return plan


# ---------------------------------------------------------------- bulletins

BRIEFING_SECTIONS = ["Background", "What happened", "What we learned", "What to do differently"]


def _article(rng: random.Random, order: int, topics: list[str], plan: list[tuple[str, str]], briefing: bool) -> str:
    uri, title = rng.choice(plan)
    meta = {"title": f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}: a team's story",
            "author": f"{rng.choice(PEOPLE)}, {rng.choice(ROLES)}", "order": order,
            "topics": rng.sample(topics, 1)}
    if briefing:
        meta["type"] = "briefing"
        meta["title"] = f"7-minute briefing: {rng.choice(SUBJECTS)}"
        sections = [f"## {name}\n\n{_paragraph(rng, 2)}" for name in BRIEFING_SECTIONS]
        questions = "\n".join(f"{i}. How do we {rng.choice(CLAUSES)}?" for i in range(1, 4))
        body = "\n\n".join(sections + [f"## Questions for your team\n\n{questions}"])
    else:
        body = (f"{_paragraph(rng, 3)}\n\n## What we tried\n\n{_paragraph(rng)}\n\n"
                + "\n".join(f"- {rng.choice(CLAUSES).capitalize()}." for _ in range(3))
                + f"\n\n## What changed\n\n{_paragraph(rng)} Read more in [{title}]({uri}).")
    return "---\n" + _yaml(meta) + "---\n" + body + "\n"


def write_bulletins(folder: Path, count: int, topics: list[str], plan: list[tuple[str, str]],
                    rng: random.Random) -> None:
    year, month = TODAY.year, TODAY.month
    for n in range(count):
        label = f"{year:04d}-{month:02d}"
        edition = folder / label
        edition.mkdir(parents=True, exist_ok=True)
        focus_uri, focus_title = rng.choice(plan)
        meta = {"title": f"Practice and Learning Bulletin: {date(year, month, 1):%B %Y}", "month": label,
                "status": "published",
                "practice_focus": {"title": focus_title, "topics": rng.sample(topics, 1), "pages": [focus_uri]},
                "editor": {"name": "Amara Okafor", "role": "Principal Social Worker",
                           "email": "psw@eastmere.example.gov.uk"}}
        (edition / "index.md").write_text("---\n" + _yaml(meta) + "---\n" + _paragraph(rng, 3) + "\n", encoding="utf-8")
        for order in (1, 2, 3):
            text = _article(rng, order, topics, plan, briefing=order == 3 and n % 4 == 0)
            (edition / f"{order:02d}-article.md").write_text(text, encoding="utf-8")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)


# ---------------------------------------------------------------- training


def write_calendar(folder: Path, sessions: int, topics: list[str], plan: list[tuple[str, str]],
                   rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "training_calendar" / "vocabulary.yml", folder / "vocabulary.yml")
    vocabulary = yaml.safe_load((folder / "vocabulary.yml").read_text(encoding="utf-8"))
    categories, audiences = sorted(vocabulary["categories"]), sorted(vocabulary["audiences"])
    per_course = min(25, max(1, sessions))
    courses_by_category: dict[str, list[dict]] = {c: [] for c in categories}
    made, number = 0, 0
    while made < sessions:
        count = min(per_course, sessions - made)
        category = categories[number % len(categories)]
        first = date(2025, 12, 1) + timedelta(days=rng.randrange(0, 120))
        course_sessions = []
        for k in range(count):
            day = first + timedelta(days=29 * k)
            hour = 9 + rng.randrange(0, 5)
            if k % 10 == 9:   # a multi-day booking now and then
                course_sessions.append({"days": [{"date": day + timedelta(days=7 * d), "start": f"{hour:02d}:30",
                                                  "end": "16:00"} for d in range(2)]})
            else:
                session = {"date": day, "start": f"{hour:02d}:00", "end": f"{hour + 2:02d}:00"}
                if k % 17 == 16:
                    session.update(status="cancelled", note="Cancelled; the next date is below.")
                course_sessions.append(session)
        courses_by_category[category].append({
            "id": f"course-{number:04d}", "title": f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)}: course {number}",
            "category": category, "audience": rng.sample(audiences, 2),
            "summary": _sentence(rng), "provider": "Workforce Development",
            "booking_url": f"https://learning.eastmere.example/course/{2000 + number}",
            "related": [uri for uri, _ in rng.sample(plan, min(2, len(plan)))],
            "topics": rng.sample(topics, 1), "location": rng.choice(LOCATIONS), "places": rng.randrange(8, 25),
            "sessions": course_sessions})
        made, number = made + count, number + 1
    for category, courses in courses_by_category.items():
        if courses:
            text = _yaml({"updated": TODAY, "courses": courses})
            (folder / f"{category}.yml").write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- configuration


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml even if someone adds a `!ENV` or `!!python/name:` tag later."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: loader.construct_scalar(node)
                                    if isinstance(node, yaml.ScalarNode) else None)


@functools.cache
def owner_roles() -> list[str]:
    """The roles mkdocs.yml declares as page owners (the governance plugin refuses any other)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "practice-hub/governance" in entry:
            return list((entry["practice-hub/governance"] or {}).get("roles") or ["Principal Social Worker"])
    return ["Principal Social Worker"]


def write_configs(folder: Path) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    config.pop("nav", None)             # built from the folders, in both builds
    config["docs_dir"] = "content"
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    plain = {**config, "theme": {k: v for k, v in config["theme"].items() if k != "custom_dir"}}
    plugins = []
    for entry in config.get("plugins", []):
        name, options = (entry, {}) if isinstance(entry, str) else next(iter(entry.items()))
        if name == "practice-hub/handbook":
            options = {**(options or {}), "search_boost": {}}   # the real pages are not in the generated site
        plugins.append({name: options} if options else name)
    config["plugins"] = plugins
    plain["plugins"] = [p for p in plugins if not str(p if isinstance(p, str) else next(iter(p))).startswith("practice-hub/")]
    (folder / "mkdocs.yml").write_text(_yaml(config), encoding="utf-8")
    (folder / "mkdocs-plain.yml").write_text(_yaml(plain), encoding="utf-8")


def generate_site(folder: Path, *, pages: int, editions: int, sessions: int, seed: int = SEED) -> Sizes:
    """Write a complete project into ``folder`` (emptied first); same seed, same files."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    topics = _topics()
    shutil.copy(ROOT / "topics.yml", folder / "topics.yml")
    shutil.copytree(ROOT / "includes", folder / "includes")
    plan = write_handbook(folder / "content", pages, topics, rng)
    write_bulletins(folder / "bulletins", editions, topics, plan, rng)
    write_calendar(folder / "training_calendar", sessions, topics, plan, rng)
    write_configs(folder)
    return Sizes(pages=len(plan), editions=editions, sessions=sessions)
