"""Y-axis ticks that fall on evenly spaced rows of a text canvas.

plotext puts a value on row floor(0.5 + (rows - 1) * (v - lo) / (hi - lo)),
so round ticks inside an arbitrary range land one row apart here and two
rows apart there (50000 and 40000 one row apart, 30000 to 20000 two). Here
the range is widened a little instead: from a multiple of the tick step, to
where every step is a whole number of rows.
"""

from __future__ import annotations

import math

WASTE_PER_TICK = 0.08  # a tick fewer than asked for is worth this share of the canvas left empty
# Round steps: these times a power of ten
_FACTORS = (1.0, 2.0, 5.0)  # not 2.5: its labels would need a decimal more than the step shows


def row_ticks(lo: float, hi: float, rows: int, most: int) -> tuple[float, float, list[float]]:
    """(bottom, top, ticks) for data in [lo, hi] on a canvas `rows` rows high: at most `most` round
    ticks (at least 2), each the same whole number of rows from the next, bottom at the first tick.
    Of the ways to do it, the one that wastes least of the canvas, a tick short of `most` counting
    as WASTE_PER_TICK of it."""
    span = hi - lo
    if not (math.isfinite(span) and span > 0) or rows < 3 or most < 2:
        return lo, hi, [lo, hi]
    gaps = rows - 1
    power = 10.0 ** math.floor(math.log10(span / (most - 1)))
    best: tuple[float, float, float, float] | None = None  # (score, top, step, bottom)
    for scale in (power / 10, power, power * 10, power * 100):
        for factor in _FACTORS:
            step = factor * scale
            bottom = math.floor(lo / step + 1e-9) * step
            for per in range(2, gaps + 1):  # rows from one tick to the next
                count = gaps // per + 1
                if count > most:
                    continue
                top = bottom + gaps * step / per
                if top < hi - 1e-9 * abs(span):
                    break  # more rows per step only lowers the top further
                waste = (top - hi + lo - bottom) / (top - bottom)
                candidate = (waste + WASTE_PER_TICK * (most - count), top, step, bottom)
                if best is None or candidate < best:
                    best = candidate
    if best is None:
        return lo, hi, [lo, hi]
    _, top, step, bottom = best
    count = int(math.floor((top - bottom) / step + 1e-9)) + 1
    ticks = [_clean(bottom + k * step, step) for k in range(count)]
    return bottom, top, ticks


def _clean(value: float, step: float) -> float:
    """`value` without the float dust of adding steps (0.30000000000000004 -> 0.3; -0.0 -> 0)."""
    rounded = round(value / step) * step
    digits = max(0, -math.floor(math.log10(step)) + 2)
    return round(rounded, digits) + 0.0
