"""The cost model's decisions: what it accepts and refuses, and the field it names.

Timings are measured by benchmarks/lesson_cost.py, never here; these tests
check that the model counts what the tutor keeps and draws.
"""

from pathlib import Path

import pytest
from cost_lessons import write_cost_lesson

from nntutor.curriculum import cost, load_lessons
from nntutor.curriculum.check import check_file
from nntutor.curriculum.loader import load_lesson


def write(tmp_path: Path, layers: list[int], samples: int, show: str = "network", batch: str = '"full"') -> Path:
    name = f"costly-{'-'.join(map(str, layers))}-{show}-{batch.strip(chr(34))}"
    return write_cost_lesson(tmp_path, name, layers, samples, show, batch, lesson_id="costly")


def problems(path: Path) -> list:
    return cost.cost_problems(load_lesson(path))


def test_every_shipped_lesson_is_within_every_limit():
    lessons, broken = load_lessons()
    assert not broken and len(lessons) >= 15
    for lesson in lessons:
        assert cost.cost_problems(lesson) == [], lesson.id


def test_the_eight_layers_of_64_on_5000_samples_with_the_surface_is_refused_naming_the_layers(tmp_path):
    path = write(tmp_path, [2] + [64] * 7 + [1], 5000, show="surface")
    lesson, found = check_file(path)
    assert lesson is None
    assert {p.where for p in found} == {"network.layers"}
    text = " ".join(p.message for p in found)
    assert "to the first frame, the limit is 1 s" in text
    assert "per redraw, the limit is 100 ms" in text
    assert "the limit is 200 MB" in text
    assert all(p.line == 7 for p in found)  # the layers line


def test_the_surface_chart_is_what_makes_a_mid_sized_lesson_too_heavy(tmp_path):
    # The same network and data are fine on the network panel: the surface
    # evaluates the loss over all samples at every point of its grid.
    assert problems(write(tmp_path, [2, 32, 32, 1], 300, show="network")) == []
    refused = problems(write(tmp_path, [2, 32, 32, 1], 300, show="surface"))
    assert refused and {p.where for p in refused} == {"network.layers"}
    assert any("loss surface" in p.message and "the limit is 20 ms" in p.message for p in refused)


def test_more_samples_cross_the_redraw_limit_and_a_smaller_batch_brings_it_back(tmp_path):
    layers = [2, 64, 64, 1]
    assert problems(write(tmp_path, layers, 200)) == []
    full = problems(write(tmp_path, layers, 600))
    assert any("per redraw" in p.message for p in full)
    assert not any("per redraw" in p.message for p in problems(write(tmp_path, layers, 600, batch="20")))


def test_a_new_run_is_named_by_the_step_field_that_made_it_heavy(tmp_path):
    path = write(tmp_path, [2, 2, 1], 20)
    path.write_text(
        path.read_text()
        + '\n[[steps]]\ntitle = "Bigger"\ntext = "A new run."\ndo = "set"\n[steps.data]\nsamples = 5000\n'
        + '\n[[steps]]\ntitle = "Deeper"\ntext = "A new run."\ndo = "set"\n'
        + f"layers = {[2] + [64] * 7 + [1]}\n"
        + f"activations = {str(['tanh'] * 7 + ['sigmoid']).replace(chr(39), chr(34))}\n"
    )
    found = problems(path)
    assert found and {p.where for p in found} == {"steps[2].layers"}
    assert [s.where for s in cost.setups(load_lesson(path))] == [
        "network.layers",
        "steps[1].data.samples",
        "steps[2].layers",
    ]


def test_the_first_frame_counts_the_chart_the_first_step_shows_and_not_the_walk(tmp_path):
    # What a lesson adds before its first frame (cost.py's docstring): the first chart drawn counts;
    # the walk is a figure of its own, which comes first only at a first opening or a resume.
    def first_frame(path: Path) -> float:
        return cost.lesson_estimates(load_lesson(path))[0].first_frame

    on_the_panel = first_frame(write(tmp_path, [2, 16, 1], 1000, show="network"))
    assert first_frame(write(tmp_path, [2, 16, 1], 1000, show="regions")) > on_the_panel
    trained = write_cost_lesson(tmp_path, "trained", [2, 16, 1], 1000, train_epochs=3000)
    assert cost.walk_seconds(load_lesson(trained))[0] > cost.FIRST_FRAME_SECONDS
    assert first_frame(trained) == on_the_panel


def test_long_training_is_counted_in_the_walk_that_checks_a_file_before_it_opens(tmp_path):
    assert problems(write(tmp_path, [2, 64, 1], 400)) == []
    assert problems(write_cost_lesson(tmp_path, "train", [2, 64, 1], 400, train_epochs=300)) == []
    found = problems(write_cost_lesson(tmp_path, "train", [2, 64, 1], 400, train_epochs=5000))
    assert [p.where for p in found] == ["steps[1].epochs"]
    assert "to walk through the steps" in found[0].message and "the limit is 8 s" in found[0].message


def test_kept_runs_count_towards_memory(tmp_path):
    layers = [2, 64, 64, 64, 1]
    path = write(tmp_path, layers, 20)
    base = cost.lesson_estimates(load_lesson(path))[0].memory
    new_run = '\n[[steps]]\ntitle = "Again"\ntext = "A new run."\ndo = "set"\nreset = true\nseed = {n}\n'
    path.write_text(path.read_text() + "".join(new_run.format(n=n) for n in range(1, 4)))
    more = max(e.memory for e in cost.lesson_estimates(load_lesson(path)))
    per_network = 8 * cost.parameters(tuple(layers))
    assert more - base >= 3 * (cost.TRAIN_PATH_NETWORKS + cost.RUN_PATH_NETWORKS) * per_network


def test_the_model_counts_what_the_engine_and_the_screens_keep():
    from nntutor.engine import bulk_train
    from nntutor.engine.curve import POINTS, SEARCH_POINTS
    from nntutor.engine.views import surface
    from nntutor.ui import runs

    assert cost.TRAIN_PATH_NETWORKS == 2 * bulk_train.TRAIN_PATH_POINTS
    assert cost.MAX_RUNS == runs.MAX_RUNS
    assert cost.RUN_PATH_NETWORKS == runs.RUN_PATH_POINTS
    assert cost.CURVE_POINTS == POINTS + SEARCH_POINTS + 3
    assert cost.SURFACE_CHUNK_FLOATS == surface._CHUNK_FLOATS


def test_a_lesson_whose_charts_fit_a_redraw_but_not_their_first_drawing_is_refused_naming_the_view_key(tmp_path):
    # The key that shows a chart (c, tab) lays the screen out anew and draws the chart the first time:
    # the regions chart of 2-32-32-1 on 500 samples redraws within 100 ms but shows itself in more.
    assert problems(write(tmp_path, [2, 32, 32, 1], 300, show="regions")) == []
    path = write(tmp_path, [2, 32, 32, 1], 500, show="regions")
    assert cost.lesson_estimates(load_lesson(path))[0].redraw <= cost.REDRAW_SECONDS
    found = problems(path)
    assert [p.where for p in found] == ["network.layers"]
    assert "to show a view (c, tab" in found[0].message and "the limit is 100 ms" in found[0].message


def test_the_first_frame_is_the_whole_wait_and_a_first_chart_pays_for_plotext(tmp_path):
    def first(path: Path) -> cost.Estimate:
        return cost.lesson_estimates(load_lesson(path))[0]

    panel, chart = first(write(tmp_path, [2, 4, 1], 100)), first(write(tmp_path, [2, 4, 1], 100, show="loss"))
    assert panel.first_frame == pytest.approx(cost.START_SECONDS + panel.first_frame_lesson)
    assert chart.first_frame - panel.first_frame >= cost.CHARTS_IMPORT_SECONDS
    lessons, _ = load_lessons()
    assert all(
        cost.START_SECONDS < e.first_frame <= cost.FIRST_FRAME_SECONDS for les in lessons for e in [first(les.path)]
    )
