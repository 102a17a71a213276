"""Training calendars: YAML courses to training pages and .ics feeds."""
