from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class BulletinsConfig(Config):
    enabled = opt.Type(bool, default=True)
    bulletins_dir = opt.Type(str, default="bulletins")
