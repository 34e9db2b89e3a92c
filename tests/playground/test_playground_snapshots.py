"""Snapshots of the playground (update with: pytest tests/playground --snapshot-update, then look at them)."""

import pytest
from playground_helpers import playground_app


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
def test_playground_after_two_passes_and_a_forward(snap_compare, tmp_path, size):
    # the default 2-4-4-1 on the circle data, two updates done, the next pass at forward 1
    app = playground_app(tmp_path, layers=[2, 4, 4, 1], activations=["tanh", "tanh", "sigmoid"])
    assert snap_compare(app, press=["enter", "enter", "space", "space"], terminal_size=size)
