"""The cost model's limits and calibration: what every accepted lesson keeps to, the costs
measured on this tutor, and what the UI draws (the model itself is nntutor/curriculum/cost.py).

Work is counted in "values": a multiply-add of a layer's matrix product,
with each neuron's elementwise work (activation, derivative, copies) worth
ELEMENTWISE_VALUES of them. The constants were fitted to the tutor's own
timings of every shipped lesson and of lessons at the limits (``python
benchmarks/lesson_cost.py`` runs each in a pseudo-terminal at 80x24 and
measures the figures as cost.py defines them, on the clock and in CPU time, each
beside its estimate and a baseline lesson's figures from the same run), on a
shared 2-core machine under load, so that every estimate is at or above the
CPU time measured plus what the terminal adds on a quiet machine (a few ms);
on a busy machine the clock stretches beyond (1.5-2x at a load of 4-5 on 2
cores). ``--surface`` times the surface chart alone.
"""

# -- limits every accepted lesson keeps ---------------------------------------
FIRST_FRAME_SECONDS = 1.0
REDRAW_SECONDS = 0.1
MEMORY_BYTES = 200 * 2**20
# The headless walk through every step (its training included) that checks a
# file before it first opens, and that replays the steps before the one a
# learner resumes at or steps back to.
# overfitting, the heaviest shipped lesson, estimates 4.9 s (it walks in 3.2 s at load 8.5, 1.4 s of CPU)
CHECK_SECONDS = 8.0
SURFACE_SECONDS = 0.02  # the loss surface chart's share of a redraw (nntutor/ui/plane_charts.py keeps to it)

# -- measured constants (see the module docstring) ----------------------------
# A value costs less while a layer's arrays for the batch stay in the cache.
SECONDS_PER_VALUE = 2.5e-9
SECONDS_PER_CACHED_VALUE = 8e-10
CACHE_BYTES = 1 * 2**20  # a layer's values for the batch (batch x widest layer x 8 bytes) below this are cached
SECONDS_PER_SURFACE_VALUE = 1.5e-9  # the surface pushes many grid points at once: always out of the cache
# A training update's fixed cost, per layer (+ 1): 02-forward's walk, 600 updates of a 2-2-1 on 2 samples,
# took 0.133 s of CPU on a quiet machine (estimated 0.113 s at 3e-5).
UPDATE_LAYER_SECONDS = 4e-5
WALK_SETUP_SECONDS = 0.005  # a walk's own work besides its phases: the network and data built (2.1 ms CPU measured)
ELEMENTWISE_VALUES = 20
SURFACE_POINT_SECONDS = 4e-6  # a surface point's own overhead (one loss call in Python; 2 us measured)
# A grid cell or curve point drawn by a chart: plotext works point by point, and its picture is decoded
# (nntutor/ui/ansi_picture.py); 5-6 us measured headless at a load of 10.
PLOT_CELL_SECONDS = 1e-5
# A data point drawn over it costs more in the terminal: it breaks a run of one glyph and colour, so the
# screen's update carries more escape codes. The regions chart of 2-32-32-1 on 1000 xor samples redrew
# in 23 ms more CPU than the smallest lesson's (800 points), its view key in 38 ms more (load 13).
PLOT_POINT_SECONDS = 3e-5
# The screen around the numbers, beyond the smallest lesson's: a lesson's text, its status
# and panels (a first frame); the redraw of the panels, status and text, a plotext chart's
# canvas (a redraw). Fitted to the shipped lessons' CPU time in a pseudo-terminal (first frames
# up to 0.17 s above the baseline; redraws 13-33 ms on one-input lessons, up to 51 ms when a
# pass repainted the whole screen: representation's network diverging, its message taking
# another line, which no longer moves anything), with margin for the terminal (clock - CPU:
# 6 ms at a load of 3).
LESSON_SCREEN_SECONDS = 0.12
REDRAW_BASE_SECONDS = 0.055
# The first frame of the smallest lesson (2-2-1 on 20 samples, the network panel), start to the lesson
# screen drawn and taking keys: the tutor's own start-up, which every lesson waits for (700-770 ms on
# a quiet machine at the end of session 5; benchmarks/lesson_cost.py measures it as its baseline).
START_SECONDS = 0.72
# A first step that shows a chart imports plotext and the charts on the way to its first frame (the
# network panel's lessons import them after, while the learner reads): 80-160 ms measured.
CHARTS_IMPORT_SECONDS = 0.12
# A key that shows a view (c, tab) or the first enter on one lays the main area out anew and writes it
# whole, beyond a redraw of the view (measured 0-15 ms above the redraw's estimate on a quiet machine,
# beside what the first drawing of a chart adds: FIRST_CURVE_SECONDS, SURFACE_AGAIN_SHARE).
RELAYOUT_SECONDS = 0.012
# The loss curve's first drawing at its size (its range fitted, its frame learnt): 03-loss and
# 04-derivative showed it 21-27 ms above the redraw's estimate on a quiet machine.
FIRST_CURVE_SECONDS = 0.03
# The surface's grid computed again once its frame is known reuses the ranges the first computation
# searched: 12 of 22 ms measured (2-8-8-1 on 200 samples).
SURFACE_AGAIN_SHARE = 0.6
BASE_BYTES = 90 * 2**20  # peak resident memory of the tutor on a tiny lesson (80 MB measured, trained)

# -- what the UI draws (kept equal to the UI's own by tests/curriculum/test_cost.py) --
CHART_CELLS = 72 * 18  # the cells of a chart canvas at 80x24, with room to spare
FUNCTION_POINTS = 80  # a one-input function chart's curve
CURVE_POINTS = 121 + 161 + 3  # engine.curve: POINTS + SEARCH_POINTS + the slope's three
TRAIN_PATH_NETWORKS = 2 * 400  # engine.bulk_train: TRAIN_PATH_POINTS, thinned at twice that
MAX_RUNS = 5  # ui.session: earlier runs kept for the charts
RUN_PATH_NETWORKS = 400  # ui.session: RUN_PATH_POINTS
SURFACE_CHUNK_FLOATS = 1_000_000  # engine.views.surface: _CHUNK_FLOATS
SURFACE_CHUNK_ARRAYS = 4  # arrays of a chunk alive at once (z, a, the next layer's z and a)
