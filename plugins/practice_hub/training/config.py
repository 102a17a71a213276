from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TrainingConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder of *.yml calendar files (and vocabulary.yml), relative to mkdocs.yml.
    calendar_dir = opt.Type(str, default="training_calendar")
    # Session times in the YAML are local times in this zone.
    timezone = opt.Type(str, default="Europe/London")
