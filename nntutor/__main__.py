"""`python -m nntutor`: the same program as the `nntutor` command."""

import sys

from nntutor.cli import entry_point

if __name__ == "__main__":
    sys.exit(entry_point())
