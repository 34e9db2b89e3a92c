"""The network panel as a learner sees it: every layer on screen, nothing clipped, the selection in full.

The panel is read from the screen (the rows it occupies), the numbers it
should show come from the engine's state and are formatted as the panel
formats them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ui_helpers import make_app, screen_text

from nntutor.curriculum.loader import find_lesson, shipped_lessons_dir
from nntutor.engine.rounding import layer_residues
from nntutor.ui.app import NNTutorApp
from nntutor.ui.format import cell
from nntutor.ui.screens.quiz import QuizScreen
from nntutor.ui.widgets import net_lines
from nntutor.ui.widgets.network import NetworkPanel

SHIPPED = sorted(path.stem for path in shipped_lessons_dir().glob("*.toml"))

WIDE_LESSON = """format_version = 1
id = "wide-{hidden}"
title = "A {hidden}-neuron layer"
summary = "One input, {hidden} tanh neurons, one output."

[network]
layers = [1, {hidden}, 1]
activations = ["tanh", "linear"]
loss = "squared_error"
lr = 0.05
batch = "full"
seed = 0

[data]
inputs = [[-1.0], [0.0], [1.0]]
targets = [[0.5], [0.0], [-0.5]]

[[steps]]
title = "Look at it"
show = "network"
text = "A wide layer."
"""


def wide_app(tmp_path: Path, hidden: int) -> NNTutorApp:
    path = tmp_path / f"wide-{hidden}.toml"
    path.write_text(WIDE_LESSON.format(hidden=hidden), encoding="utf-8")
    return make_app(str(path))


def panel_lines(app) -> list[str]:
    """The rows of the screen the network panel occupies, cut to its columns."""
    panel = app.screen.query_one(NetworkPanel)
    region = panel.content_region
    screen = screen_text(app).split("\n")
    return [line[region.x : region.right] for line in screen[region.y : region.bottom]]


async def skip_quizzes(pilot, app) -> None:
    while isinstance(app.screen, QuizScreen):
        await pilot.press("escape")
        await pilot.pause()


async def show_network(pilot, app) -> None:
    """Skip any quiz, then tab to the network panel, as a learner would."""
    await skip_quizzes(pilot, app)
    for _ in range(3):
        if app.screen.query_one(NetworkPanel).display and app.screen.view == "network":
            return
        await pilot.press("tab")
        await pilot.pause()
    raise AssertionError("tab never showed the network panel")


def lesson_screen(app):
    """The lesson screen, also while a quiz shows over it."""
    return next(screen for screen in reversed(app.screen_stack) if hasattr(screen, "session"))


def state_of(app):
    return lesson_screen(app).session.cycle.state


async def run_to_loss(pilot, app) -> None:
    """On the network panel, the l key runs the pass up to the loss; quizzes on the way are skipped."""
    await pilot.pause()
    await show_network(pilot, app)
    await pilot.press("l")
    await pilot.pause()
    await show_network(pilot, app)


def shipped(lesson: str) -> NNTutorApp:
    return make_app(find_lesson(str(shipped_lessons_dir() / f"{lesson}.toml")).id)


def assert_whole_network_shown(app, lines: list[str]) -> None:
    """Every layer's column, the output's numbers, the targets and the loss are on screen, uncut."""
    state = state_of(app)
    sizes = state.network.sizes
    depth = len(sizes) - 1
    text = "\n".join(lines)
    header = lines[0]
    for k in range(1, depth + 1):
        assert f"W{k}" in header, f"W{k} missing from the header: {header!r}"
        if k < depth:
            assert re.search(rf"\b(layer {k}|L{k})\b", header), f"layer {k} missing from {header!r}"
    assert re.search(r"\b(output|out)\b", header) and "target" in header, header
    assert "◀" not in text and "▶" not in text
    # every neuron's name stands under its layer's title
    for k in range(1, depth + 1):
        title = re.search(rf"\b(layer {k}|L{k}|output|out)\b" if k == depth else rf"\b(layer {k}|L{k})\b", header)
        names = r"y\d+" if k == depth else (r"h\d+" if depth == 2 else rf"h{k}\.\d+")
        for line in lines[1:]:
            for m in re.finditer(rf"(?<![\w.]){names}(?= )", line):
                assert m.start() == title.start(), f"{m.group()} is not under {title.group()}:\n{text}"
    sample = app.screen.sample
    y1 = re.search(r"y1 +[za] +(\S+)", text)
    assert y1 is not None, f"no numbers for y1 in:\n{text}"
    assert y1.group(1) in (cell(float(state.z[-1][sample, 0])).strip(), cell(float(state.a[-1][sample, 0])).strip())
    assert re.search(rf"t1 +{re.escape(cell(float(state.t[sample, 0])).strip())}(\s|$)", text), text
    assert re.search(rf"L +{re.escape(cell(state.loss).strip())}(\s|$)", text), text


@pytest.mark.parametrize("lesson", SHIPPED)
async def test_every_shipped_lesson_shows_all_its_layers_at_80x24(lesson):
    app = shipped(lesson)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to_loss(pilot, app)
        assert state_of(app).loss is not None
        assert_whole_network_shown(app, panel_lines(app))


async def network_after_loss(lesson: str, size: tuple[int, int]) -> list[str]:
    """The panel's rows once the pass has run up to the loss, in a terminal of `size`."""
    app = shipped(lesson)
    async with app.run_test(size=size) as pilot:
        await run_to_loss(pilot, app)
        lines = panel_lines(app)
        assert_whole_network_shown(app, lines)
        return lines


def numbers_in(lines: list[str]) -> int:
    return len(re.findall(r"-?\d+\.\d{2,}", "\n".join(lines)))


@pytest.mark.parametrize("lesson", ["07-backprop", "10-overfitting", "11-representation"])
async def test_a_wider_terminal_shows_more_and_clips_nothing(lesson):
    at_80 = numbers_in(await network_after_loss(lesson, (80, 24)))
    await network_after_loss(lesson, (120, 40))  # the size where targets and loss used to be cut
    at_200 = numbers_in(await network_after_loss(lesson, (200, 60)))
    assert at_200 > at_80


async def test_the_hundred_neurons_of_lesson_11_fit_at_80x24():
    app = make_app("representation")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        session = lesson_screen(app).session
        while len(state_of(app).network.sizes) != 3 or state_of(app).network.sizes[1] != 100:
            assert session.index < session.n_steps - 1, "lesson 11 never reaches its 100-neuron network"
            await skip_quizzes(pilot, app)
            await pilot.press("right_square_bracket")
            await pilot.pause()
        await show_network(pilot, app)
        await run_to_loss(pilot, app)
        lines = panel_lines(app)
        assert_whole_network_shown(app, lines)
        assert "more" in "\n".join(lines)  # the layer is a window: the rest is counted, not drawn


async def test_the_selected_neuron_of_a_wide_layer_shows_all_its_numbers(tmp_path):
    app = wide_app(tmp_path, 100)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space", "f")  # sample, forward 1: z and a of the hidden layer
        await pilot.press(*["down"] * 56)  # h57, far below the first screen
        await pilot.pause()
        assert app.screen.selection == ("n", 1, 56)
        state = state_of(app)
        lines = panel_lines(app)
        row = next(n for n, line in enumerate(lines) if re.search(r"\bh57 ", line))
        expected = {
            "z": cell(float(state.z[0][0, 56])),
            "a": cell(float(state.a[0][0, 56])),
            "b": cell(float(state.network.b[0][56])),
            "δ": cell(None),
            "db": cell(None),
        }
        for offset, (label, value) in enumerate(expected.items()):
            assert re.search(rf"\b{label} +{re.escape(value.strip())}(\s|$)", lines[row + offset]), (
                f"{label} of h57 should read {value.strip()}:\n" + "\n".join(lines)
            )
        # the five labels stand in one column under each other, after the name
        label_x = {
            lines[row + offset].index(f" {label} ", lines[row].index("h57") + 3)
            for offset, label in enumerate(expected)
        }
        assert len(label_x) == 1, "\n".join(lines)
        assert "more" in lines[1]  # the neurons above h57 are counted by a marker line
        await pilot.press("b", "b")  # the backward pass: now δ and db are numbers too
        await pilot.pause()
        state = state_of(app)
        lines = panel_lines(app)
        row = next(n for n, line in enumerate(lines) if re.search(r"\bh57 ", line))
        residues = layer_residues(state)[0]  # a gradient that cancels to 0 up to rounding reads ≈0
        assert cell(float(state.delta[0][0, 56]), residues.at("delta", (0, 56))).strip() in lines[row + 3]
        assert cell(float(state.db[0][56]), residues.at("db", (56,))).strip() in lines[row + 4]


NAME_RUNS_INTO_SOMETHING = re.compile(r"\b(?:[xyth]\d+(?:\.\d+)?|d?w\d+(?:,\d+)?)(?=[^\s\d.,])")


@pytest.mark.parametrize("lesson", ["07-backprop", "10-overfitting", "11-representation"])
async def test_labels_never_run_into_names_or_numbers(lesson):
    app = shipped(lesson)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_to_loss(pilot, app)
        for keys in ([], ["down"] * 3, ["right"], ["right", "down", "down"], ["right", "right"]):
            await pilot.press(*keys)
            await pilot.pause()
            for line in panel_lines(app):
                assert not NAME_RUNS_INTO_SOMETHING.search(line), f"a name runs into the next word: {line!r}"
                assert not re.search(r"\d[a-zδ]", line.replace("e-", "").replace("e+", "")), line


async def test_gradients_after_backward_are_shown_and_highlighted():
    app = make_app("backprop")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l", "b")  # backward 2: the output layer's gradients
        await pilot.pause()
        state = state_of(app)
        panel = app.screen.query_one(NetworkPanel)
        dw = cell(float(state.dW[1][0, 0]))
        text = "\n".join(panel_lines(app))
        assert re.search(rf"dw11 +{re.escape(dw.strip())}", text), text
        found = False
        for y in range(panel.content_size.height):
            for segment in panel.render_line(y):
                if dw.strip() in segment.text:
                    assert segment.style.bold, "a number the last phase computed is highlighted (bold)"
                    found = True
        assert found


async def test_render_work_follows_the_screen_not_the_network(tmp_path, monkeypatch):
    """Lines drawn and items formatted per key press stay within the panel's rows, however wide the layer."""
    drawn = {"lines": 0, "items": 0}
    render_line = NetworkPanel.render_line

    def counting_render_line(self, y):
        drawn["lines"] += 1
        return render_line(self, y)

    monkeypatch.setattr(NetworkPanel, "render_line", counting_render_line)
    for kind in ("_Neurons", "_Weights", "_Inputs"):
        writer = getattr(net_lines, kind)
        item = writer.item

        def counting_item(self, index, full, _item=item):
            drawn["items"] += 1
            return _item(self, index, full)

        monkeypatch.setattr(writer, "item", counting_item)

    per_press = {}
    for hidden in (40, 100):  # both taller than the panel; 2.5 times the neurons, 6 times the weights
        app = wide_app(tmp_path, hidden)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            rows = app.screen.query_one(NetworkPanel).content_size.height
            columns = len(app.screen.query_one(NetworkPanel).layout_shown.columns)
            drawn.update(lines=0, items=0)
            keys = ["space", "f", "f", "l", "b", "b", "u"] + ["down"] * 20 + ["right", "down", "down", "left"]
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            per_press[hidden] = (drawn["lines"] / len(keys), drawn["items"] / len(keys))
            assert drawn["lines"] <= len(keys) * rows
            assert drawn["items"] <= len(keys) * rows * columns
    assert per_press[40][1] >= rows  # each press formats a column or more
    # the same screen, the same work, however many neurons sit outside it
    assert per_press[100][0] <= 1.1 * per_press[40][0] + 1
    assert per_press[100][1] <= 1.1 * per_press[40][1] + 1
