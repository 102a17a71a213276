from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class TrainingConfig(Config):
    enabled = opt.Type(bool, default=True)
    # Folder of *.yml calendar files (and vocabulary.yml), relative to mkdocs.yml.
    calendar_dir = opt.Type(str, default="training_calendar")
    # Session times in the YAML are local times in this zone.
    timezone = opt.Type(str, default="Europe/London")
    # Feeds (all.ics, category-*, audience-*) carry every future session and the sessions that
    # ended in the last `feed_past_days` days. 90 keeps the last quarter in people's calendars
    # while all.ics stays a few megabytes at 50,000 sessions; older sessions stay on the course
    # pages, the past-sessions archive and their own "Add to calendar" file.
    feed_past_days = opt.Type(int, default=90)
    # The training home lists this month and the next `home_months` months; later months have
    # their own pages, linked from the home.
    home_months = opt.Type(int, default=3)
