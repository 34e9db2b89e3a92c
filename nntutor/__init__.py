"""nntutor: a keyboard-driven terminal tutor that shows how a neural network learns.

Importing the package pins numpy's BLAS to one thread, before numpy loads.
The tutor's matrices are tiny (at most 64 x 64), so a second thread only
adds hand-over cost: full-batch training ran about 8x slower with the
default threads on a 2-core machine, and every session on a shared
classroom server would start a thread per core. A value already in the
environment wins (`OPENBLAS_NUM_THREADS=4 nntutor` still gets 4). The
variables are read once, when the BLAS library loads, so this only works
because every entry point imports `nntutor` before numpy. See
docs/performance.md.
"""

import os

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ.setdefault(_name, "1")
del _name
