"""Practice Hub: publishing system for a children's social care practice intranet.

Each feature lives in its own sub-package (``handbook``, ``training``, ``bulletins``) laid out
like Material's own plugins: ``config.py`` and ``plugin.py`` are the thin MkDocs adapter; every
other module is plain Python with no MkDocs import, so the logic can move to another front end.
"""
