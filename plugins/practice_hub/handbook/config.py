from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


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
