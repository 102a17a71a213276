from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from . import readability


class ReadingGrade(opt.BaseConfigOption):
    """A reading grade such as 9: a number from 1 to 20."""

    def __init__(self, default: float):
        super().__init__()
        self.default = default

    def run_validation(self, value):
        try:
            return readability.reading_grade(value)
        except ValueError as err:
            raise ValidationError(str(err)) from None


class HandbookConfig(Config):
    enabled = opt.Type(bool, default=True)
    topics_file = opt.Type(str, default="topics.yml")
    # The one glossary file: `*[ABBR]: meaning` lines, also appended to every page for tooltips.
    glossary_file = opt.Type(str, default="includes/abbreviations.md")
    # Search ranking help: page -> boost (Material's `search.boost` front matter), for the pages
    # that must come first for their key term.
    search_boost = opt.Type(dict, default={})
    # Put ® / ™ on the first mention of trademarked model names on each page.
    trademarks = opt.Type(bool, default=True)
    # The plain-English check (handbook/readability.py): the highest Flesch-Kincaid reading grade a
    # page may have. Every build reports the pages over it; `practice-hub readability` uses it too.
    reading_grade = ReadingGrade(default=9)
    # True: a page over reading_grade stops the build (by default the build only reports it).
    reading_grade_strict = opt.Type(bool, default=False)
