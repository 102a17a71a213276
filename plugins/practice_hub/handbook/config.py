from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class HandbookConfig(Config):
    enabled = opt.Type(bool, default=True)
    topics_file = opt.Type(str, default="topics.yml")
    glossary_file = opt.Type(str, default="includes/abbreviations.md")
