"""The one exception publish raises: its message is for people, and the live site is untouched
unless the message says otherwise."""
from __future__ import annotations


class PublishError(Exception):
    """Publishing stopped; the message says why in plain English and what to do."""
