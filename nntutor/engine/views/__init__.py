"""What the charts show, computed: loss curves, the network's function, decision
regions and the loss surface over two weights.

Numpy only. The chart widgets read these results and only format them; every
number a chart draws comes from here. One module an idea; this package names
them all, so a chart imports from `nntutor.engine.views`.

Weights are named the way the lessons count them: `layer` is 1-based and a
weight is `(i, j)` in `W[layer - 1]`, whose shape is (n_in, n_out), so `(i, j)`
joins input neuron i of the layer to its neuron j (both 0-based).
"""

from .function import DecisionGrid, FunctionCurve, decision_grid, function_curve, input_ranges, point_classes
from .levels import level_edges, value_levels
from .loss_curves import LossCurves, loss_curves, step_loss_band
from .paths import history_states, network_path, path_points, weight_path
from .surface import LossSurface, fits_weights, loss_surface

__all__ = [
    "DecisionGrid",
    "FunctionCurve",
    "LossCurves",
    "LossSurface",
    "decision_grid",
    "fits_weights",
    "function_curve",
    "history_states",
    "input_ranges",
    "level_edges",
    "loss_curves",
    "loss_surface",
    "network_path",
    "path_points",
    "point_classes",
    "step_loss_band",
    "value_levels",
    "weight_path",
]
