"""`search_boost` in mkdocs.yml: a page -> multiplier map, checked so a typo never silently does nothing."""
from __future__ import annotations

from ..common.errors import Problem
from ..common.vocabulary import did_you_mean

SETTING = "mkdocs.yml (practice-hub/handbook, search_boost)"


def check_boosts(boosts: dict, pages: set[str]) -> list[Problem]:
    problems = []
    for page, boost in boosts.items():
        if page not in pages:
            problems.append(Problem(SETTING, None, f'"{page}" is not a handbook page, so its search boost does nothing.'
                                    f"{did_you_mean(page, pages)}",
                                    "write the page's file name under content/, like `signs-of-safety/mapping.md`, "
                                    "or remove the line."))
        if isinstance(boost, bool) or not isinstance(boost, (int, float)) or boost <= 0:
            problems.append(Problem(SETTING, None, f'the boost for "{page}" should be a number above 0, not "{boost}".',
                                    "use a number such as 2 (twice the usual weight)."))
    return problems
