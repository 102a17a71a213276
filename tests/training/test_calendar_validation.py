"""Every way a calendar file can be wrong gives a plain-English problem with file and line."""
from __future__ import annotations

import subprocess
import sys

from calendar_support import ROOT, load, problems_of, write_calendar

GOOD_SESSION = """\
      - date: 2026-12-02
        start: "09:00"
        end: "11:00"
"""


def course(extra: str = "", sessions: str = GOOD_SESSION, cid: str = "mi-focus") -> str:
    return f"""\
courses:
  - id: {cid}
    title: "Practice focus: motivational interviewing"
    category: practice-focus
    audience: [social-workers]
{extra}    sessions:
{sessions}"""


def test_a_good_file_loads(tmp_path):
    calendar = load(tmp_path, {"a.yml": course()})
    (session,) = calendar.sessions()
    assert session.first_start.isoformat() == "2026-12-02T09:00:00+00:00"
    assert session.course.title == "Practice focus: motivational interviewing"


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    report = problems_of(tmp_path, {"a.yml": "courses:\n  - id: x\n    title: [unclosed\n"})
    assert "training_calendar/a.yml, line" in report and "not valid YAML" in report


def test_a_list_where_a_mapping_belongs(tmp_path):
    report = problems_of(tmp_path, {"a.yml": "- id: x\n- id: y\n"})
    assert "training_calendar/a.yml, line 1" in report and "must start with `courses:`" in report


def test_a_string_where_a_list_belongs(tmp_path):
    text = course().replace("audience: [social-workers]", "audience: social-workers")
    report = problems_of(tmp_path, {"a.yml": text})
    assert "line 5" in report and "`audience:` must be a list" in report


def test_missing_required_field(tmp_path):
    text = course().replace('    title: "Practice focus: motivational interviewing"\n', "")
    report = problems_of(tmp_path, {"a.yml": text})
    assert "has no `title:`" in report and "line 2" in report


def test_unknown_key_is_not_ignored_and_gets_a_suggestion(tmp_path):
    sessions = '      - date: 2026-12-02\n        strat: "09:00"\n        start: "09:00"\n        end: "11:00"\n'
    report = problems_of(tmp_path, {"a.yml": course(sessions=sessions)})
    assert '"strat" is not a setting' in report and 'Did you mean "start"?' in report and "line 8" in report


def test_impossible_date(tmp_path):
    report = problems_of(tmp_path, {"a.yml": course(sessions=GOOD_SESSION.replace("2026-12-02", "2026-02-30"))})
    assert '"2026-02-30" is not a real date' in report and "line 7" in report


def test_impossible_time(tmp_path):
    report = problems_of(tmp_path, {"a.yml": course(sessions=GOOD_SESSION.replace('"11:00"', '"25:00"'))})
    assert '`end:` "25:00" is not a time of day' in report


def test_end_must_be_after_start(tmp_path):
    report = problems_of(tmp_path, {"a.yml": course(sessions=GOOD_SESSION.replace('"11:00"', '"08:30"'))})
    assert "ends (08:30) before or when it starts (09:00)" in report and "line 9" in report


def test_local_time_skipped_when_clocks_go_forward(tmp_path):
    sessions = '      - date: 2027-03-28\n        start: "01:30"\n        end: "03:00"\n'
    report = problems_of(tmp_path, {"a.yml": course(sessions=sessions)})
    assert "01:30 on 28 March 2027 does not exist" in report and "line 8" in report


def test_unquoted_time_is_read_as_a_time_not_a_number(tmp_path):
    sessions = "      - date: 2026-12-02\n        start: 15:00\n        end: 16:30\n"
    (session,) = load(tmp_path, {"a.yml": course(sessions=sessions)}).sessions()
    assert (session.first_start.hour, session.first_start.minute) == (15, 0)
    assert (session.last_end.hour, session.last_end.minute) == (16, 30)


def test_a_number_instead_of_a_time_is_rejected(tmp_path):
    sessions = "      - date: 2026-12-02\n        start: 900\n        end: 1100\n"
    report = problems_of(tmp_path, {"a.yml": course(sessions=sessions)})
    assert '`start:` "900" is not a time of day' in report and 'like `start: "09:30"`' in report


def test_duplicate_ids_across_files(tmp_path):
    report = problems_of(tmp_path, {"a.yml": course(), "b.yml": course()})
    assert 'the course id "mi-focus" is already used in training_calendar/a.yml, line 2' in report
    assert "training_calendar/b.yml, line 2" in report


def test_undeclared_category_and_audience_suggest_the_right_one(tmp_path):
    text = course().replace("category: practice-focus", "category: practise-focus") \
                   .replace("[social-workers]", "[social-worker]")
    report = problems_of(tmp_path, {"a.yml": text})
    assert '"practise-focus" is not a declared course category. Did you mean "practice-focus"?' in report
    assert '"social-worker" is not a declared audience. Did you mean "social-workers"?' in report


def test_only_web_addresses_are_allowed(tmp_path):
    report = problems_of(tmp_path, {"a.yml": course('    booking_url: "javascript:alert(1)"\n')})
    assert '`booking_url:` "javascript:alert(1)" is not a web address' in report


def test_related_pages_must_exist(tmp_path):
    report = problems_of(tmp_path, {"a.yml": course("    related: [signs-of-safety/maping.md]\n")},
                         handbook_pages={"signs-of-safety/mapping.md"})
    assert '"signs-of-safety/maping.md" is not in the handbook' in report
    assert 'Did you mean "signs-of-safety/mapping.md"?' in report


def test_every_problem_is_reported_at_once(tmp_path):
    text = course().replace("category: practice-focus", "category: nope").replace('"11:00"', '"08:00"')
    report = problems_of(tmp_path, {"a.yml": text, "b.yml": "courses: [\n"})
    assert report.startswith("3 problems found")


def test_multi_day_session_is_one_booking_of_several_days(tmp_path):
    sessions = """\
      - id: spring
        days:
          - {date: 2027-03-24, start: "09:30", end: "16:30"}
          - {date: 2027-03-31, start: "09:30", end: "16:30"}
          - {date: 2027-03-17, start: "09:30", end: "16:30"}
"""
    (session,) = load(tmp_path, {"a.yml": course(sessions=sessions)}).sessions()
    assert [d.number for d in session.days] == [1, 2, 3]
    assert [d.start.date().isoformat() for d in session.days] == ["2027-03-17", "2027-03-24", "2027-03-31"]
    assert [d.start.utcoffset().total_seconds() for d in session.days] == [0, 0, 3600]


def test_check_calendar_command_reports_all_problems_without_building(tmp_path):
    text = course().replace("category: practice-focus", "category: nope").replace('"11:00"', '"08:00"')
    write_calendar(tmp_path, {"a.yml": text})
    (tmp_path / "content").mkdir()
    (tmp_path / "topics.yml").write_text("topics:\n  supervision: Supervision\n")
    cmd = [sys.executable, "-m", "practice_hub.cli", "check-calendar", "--root", str(tmp_path)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "2 problems found" in result.stdout and "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_check_calendar_command_passes_the_demo_calendars():
    cmd = [sys.executable, "-m", "practice_hub.cli", "check-calendar", "--root", str(ROOT)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert "The training calendar is fine" in result.stdout
