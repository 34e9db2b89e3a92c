"""Giving freed memory back to the system (glibc's malloc; elsewhere nothing is done).

Training fills and frees large numpy arrays and loss logs, from a worker
thread as well as the UI thread. glibc keeps what is freed inside its heaps
for reuse, and it raises the size above which it maps an allocation on its
own (and unmaps it at free) each time such a block is freed, so after the
first few large temporaries they too stay in the heap. A session measured
by benchmarks/memory.py then held 4-9 MB more than Python and numpy had
allocated (tracemalloc's count), 6 MB of which malloc_trim gave back.

So the tutor, once, fixes that size at glibc's default (128 KiB): large
arrays are always mapped and returned when freed. It also trims the heaps
when a training run ends and between progress redraws. Both go through
glibc's documented calls (mallopt(3), malloc_trim(3)) with ctypes; no
environment variable is set, and another libc is left alone.
"""

from __future__ import annotations

import functools

M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
MMAP_THRESHOLD_BYTES = 128 * 1024  # glibc's default; setting it turns its growth off


@functools.cache
def _glibc():
    """The C library the interpreter runs on, when it is glibc (ctypes loads when first asked)."""
    import ctypes

    try:
        libc = ctypes.CDLL(None)  # the process's own symbols, the C library's among them
        if all(hasattr(libc, name) for name in ("gnu_get_libc_version", "mallopt", "malloc_trim")):
            return libc
    except OSError:
        pass
    return None


def keep_large_blocks_mapped() -> bool:
    """Fix glibc's mmap threshold so freed large arrays go back to the system; True when done."""
    libc = _glibc()
    return bool(libc is not None and libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))


def give_back() -> bool:
    """Return the free memory in malloc's heaps to the system (malloc_trim); True when some was."""
    libc = _glibc()
    return bool(libc is not None and libc.malloc_trim(0))
