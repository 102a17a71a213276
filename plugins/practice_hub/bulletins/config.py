from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from .compose import DEFAULT_CALL


class BulletinsConfig(Config):
    enabled = opt.Type(bool, default=True)
    # One folder per edition, bulletins/YYYY-MM/, relative to mkdocs.yml.
    bulletins_dir = opt.Type(str, default="bulletins")
    # The "To" line of the .eml the editor opens in Outlook.
    email_to = opt.Type(str, default="All Children's Services staff <childrens-services-all@example.invalid>")
    call_for_contributions = opt.Type(str, default=DEFAULT_CALL)
    # PDFs take a second or two each; skip them while previewing with `mkdocs serve`.
    pdf_when_serving = opt.Type(bool, default=False)
    # Unchanged editions' PDFs are reused from here (relative to mkdocs.yml); empty: no cache.
    pdf_cache_dir = opt.Type(str, default=".cache/practice-hub/bulletin-pdfs")
    # And their email copies (email.html and the .eml) from here; empty: no cache.
    email_cache_dir = opt.Type(str, default=".cache/practice-hub/bulletin-emails")
    # "Training this month": a month with more sessions than this is summarised (a line per
    # course, at most this many sessions on at most training_courses courses) and links the
    # training page that lists the rest, so the email stays a size people can open.
    training_sessions = opt.Type(int, default=40)
    training_courses = opt.Type(int, default=25)
