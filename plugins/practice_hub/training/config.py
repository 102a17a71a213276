from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TrainingConfig(Config):
    enabled = opt.Type(bool, default=True)
    calendar_dir = opt.Type(str, default="training_calendar")
