"""Types for command-line options: each turns the option's text into its value or
raises argparse's ArgumentTypeError with what was expected and what was given,
which the parser reports on one line (exit status 2).
"""

import argparse
import math
from collections.abc import Callable


def int_list(text: str) -> list[int]:
    try:
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected whole numbers separated by commas, like 2,3,1; got {text!r}"
        ) from None


def name_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def batch_size(text: str) -> str | int:
    if text == "full":
        return "full"
    try:
        size = int(text)
    except ValueError:
        size = 0
    if size < 1:
        raise argparse.ArgumentTypeError(f"expected 'full' or a positive number of samples per step; got {text!r}")
    return size


def whole_number(lo: int, hi: int, what: str) -> Callable[[str], int]:
    """An option type: a whole number from ``lo`` to ``hi``, described as ``what`` when it is not one."""

    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = lo - 1
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"expected {what}, a whole number from {lo} to {hi}; got {text!r}")
        return value

    return check


def finite_number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > 1e12:
        raise argparse.ArgumentTypeError(f"expected a finite number; got {text!r}")
    return value


count = whole_number(0, 10**9, "a count")
seed = whole_number(0, 2**32 - 1, "a seed")
port = whole_number(1, 65535, "a port")
