"""The build's idea of "today" and "now", pinned for reproducible output and for tests.

* ``PRACTICE_HUB_TODAY=YYYY-MM-DD`` fixes today's date (tests and previews of a future month).
* ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention) fixes both.
* Otherwise today is the real date; timestamps written into files must then come from the
  sources themselves (never the clock), so two builds of the same sources are identical.
"""
from __future__ import annotations

import os
from datetime import date, datetime, timezone


def build_today() -> date:
    pinned = os.environ.get("PRACTICE_HUB_TODAY", "").strip()
    if pinned:
        return date.fromisoformat(pinned)
    stamp = source_date_epoch()
    if stamp is not None:
        return stamp.date()
    return date.today()


def source_date_epoch() -> datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(raw), tz=timezone.utc) if raw.isdigit() else None


def source_stamp() -> datetime:
    """The "generated at" instant written into files (DTSTAMP, feed dates when nothing better).

    ``SOURCE_DATE_EPOCH`` wins; otherwise a fixed instant (1 January 2000 UTC), never the clock,
    so two builds of the same sources are byte-identical and subscribed calendars never churn.
    """
    return source_date_epoch() or datetime(2000, 1, 1, tzinfo=timezone.utc)
