"""Freed memory goes back to the system (glibc): large arrays are mapped, and heaps can be trimmed."""

import subprocess
import sys

import pytest

from nntutor import malloc

pytestmark = pytest.mark.skipif(malloc._glibc() is None, reason="glibc's malloc only")

# Run apart: the setting holds for a whole process. A growing large array,
# freed each time (as a longer loss log is copied for each chart redraw),
# with a small array kept between them; prints the resident growth in MB.
GROWTH = r"""
import sys
import numpy as np
from nntutor import malloc

def resident_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20

if sys.argv[1] == "mapped":
    assert malloc.keep_large_blocks_mapped()
np.ones(300_000).sum()  # one large block freed: by default glibc raises its threshold above it
before = resident_mb()
kept = []
for n in range(40):
    big = np.ones(250_000 + 10_000 * n)
    kept.append(np.ones(200))
    del big
print(resident_mb() - before)
"""


def resident_growth(mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", GROWTH, mode], capture_output=True, text=True, timeout=60, check=True)
    return float(out.stdout)


def test_large_arrays_freed_while_training_go_back_to_the_system():
    # glibc's default keeps about 2 MB of them here (measured with mode "default").
    assert resident_growth("mapped") < 1.0
