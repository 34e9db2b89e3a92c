"""A number quiz whose words ask for a rough answer should accept one.

"Roughly what is a?" with a 1 % tolerance rejects 0.6 for 0.5933: the words
promise more slack than the check gives. The validator warns (the lesson is
still accepted) when the question says roughly, about, estimate or
approximately and a guess 5 % off would be refused. Only what the file fixes
can be judged here: a relative tolerance (the default is 1 %), or an absolute
one beside a fixed answer; an absolute tolerance on a live value is not.
"""

from __future__ import annotations

import re

from .quiz import DEFAULT_RELATIVE_TOLERANCE

ROUGH_WORDS = re.compile(r"\b(roughly|about|estimate|approximately)\b", re.IGNORECASE)
ROUGH_SHARE = 0.05


def rough_words_warning(
    question: str, tolerance: float | None, relative: float | None, answer: float | None
) -> str | None:
    """The warning for a number quiz, or None when its tolerance fits its words."""
    found = ROUGH_WORDS.search(question)
    if not found:
        return None
    if tolerance is not None:
        if answer is None or answer == 0 or tolerance >= ROUGH_SHARE * abs(answer):
            return None
        share = tolerance / abs(answer)
    else:
        share = relative if relative is not None else DEFAULT_RELATIVE_TOLERANCE
        if share >= ROUGH_SHARE:
            return None
    return (
        f'the question says "{found.group()}" but accepts only answers within {share:.1%}; '
        f"give a tolerance of at least {ROUGH_SHARE:.0%} (relative_tolerance = {ROUGH_SHARE}) "
        "or ask for a precise answer"
    )
