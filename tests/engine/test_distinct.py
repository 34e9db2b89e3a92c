"""distinct() gives np.unique's answer (the charts and thinned paths use it instead)."""

import numpy as np
import pytest

from nntutor.engine.distinct import distinct


@pytest.mark.parametrize(
    "values",
    [[], [3, 1, 2, 1, 3], [[0.5, -1.0], [0.5, 2.0]], [np.nan, 1.0, np.nan, 0.0], np.round(np.linspace(0, 9, 40))],
)
def test_distinct_is_what_np_unique_gives(values):
    mine, numpys = distinct(np.asarray(values)), np.unique(np.asarray(values))
    assert mine.dtype == numpys.dtype
    np.testing.assert_array_equal(mine, numpys)
