from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


class GovernanceConfig(Config):
    enabled = opt.Type(bool, default=True)
    # When a page gives `last_reviewed` but no `review_by`, the next review is this many months later.
    review_months = opt.Type(int, default=12)
    # Pages "due for review soon" within this many days of their review date.
    due_days = opt.Type(int, default=30)
    # Pages that are not handbook guidance (no owner or review dates expected).
    exclude = opt.Type(list, default=["index.md"])
    latest_on_home = opt.Type(int, default=5)
    # The roles that own guidance (never named people): an owner outside this list is a problem.
    # Empty: any owner is accepted.
    roles = opt.Type(list, default=[])
