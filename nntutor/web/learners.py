"""Learner names given by web visitors: untrusted text, so only a short, plain set of characters."""

import re

MAX_LENGTH = 32
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
RULE = f"letters, digits, '-', '_' and '.', starting with a letter or digit, at most {MAX_LENGTH} characters"


def name_problem(name: str) -> str | None:
    """None when `name` may key a learner's progress, else what is wrong with it (plain text)."""
    if not name:
        return "A name is needed: it keeps your progress apart from the others'."
    if len(name) > MAX_LENGTH:
        return f"That name is {len(name)} characters long; use at most {MAX_LENGTH}."
    if not _NAME.fullmatch(name):
        return f"A name may use {RULE}."
    return None
