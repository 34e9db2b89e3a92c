"""Who is learning: the name that keys a learner's progress in a shared progress file.

The name comes from ``--learner NAME``, else ``$NNTUTOR_LEARNER``, else the
login name. It is untrusted text (a browser visitor may type it): stored as
given, escaped wherever it is printed.
"""

from __future__ import annotations

import getpass
import os

MAX_NAME_LENGTH = 64
FALLBACK_NAME = "learner"


class LearnerNameError(ValueError):
    pass


def login_name() -> str:
    """The login name, or "learner" where there is none (a container without a passwd entry)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = ""
    return name.strip() or FALLBACK_NAME


def default_learner() -> str:
    """``$NNTUTOR_LEARNER`` if set (and sound), else the login name."""
    env = os.environ.get("NNTUTOR_LEARNER", "")
    return check_learner_name(env) if env.strip() else login_name()


def check_learner_name(name: str) -> str:
    """The name without surrounding spaces; LearnerNameError if empty or too long."""
    name = name.strip()
    if not name:
        raise LearnerNameError("a learner's name cannot be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise LearnerNameError(f"a learner's name can have at most {MAX_NAME_LENGTH} characters, not {len(name)}")
    return name
