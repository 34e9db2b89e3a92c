"""The playground screen, driven with the keys a learner presses."""

from playground_helpers import SPIRAL, cli_options, playground_app, screen_text

from nntutor.curriculum import load_lesson, validate_file
from nntutor.engine import LIMITS
from nntutor.ui.screens.playground import PlaygroundScreen
from nntutor.ui.widgets.neuron_maps import NeuronMapsPanel, render_maps

DEFAULT = dict(layers=[2, 4, 4, 1], activations=["tanh", "tanh", "sigmoid"])


async def open_playground(app, pilot):
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, PlaygroundScreen)
    return screen


# key, what the session's setup (or cycle) then holds, words the message line says
EDITS = [
    ("d", lambda s: s.setup.data.dataset == "gaussians", "data set gaussians"),
    ("D", lambda s: s.setup.data.dataset == "xor", "data set xor"),
    ("m", lambda s: s.setup.options["samples"] == 200, "200 samples"),
    ("M", lambda s: s.setup.options["samples"] == 50, "50 samples"),
    ("o", lambda s: s.setup.options["noise"] == 0.2, "noise 0.2"),
    ("O", lambda s: s.setup.options["noise"] == 0.05, "noise 0.05"),
    ("x", lambda s: len(s.cycle.data.x_test) == 30, "test fraction 0.3"),
    ("X", lambda s: len(s.cycle.data.x_test) == 10, "test fraction 0.1"),
    ("y", lambda s: s.cycle.network.sizes == [2, 4, 4, 4, 1], "added hidden layer 2"),
    ("Y", lambda s: s.cycle.network.sizes == [2, 4, 1], "removed hidden layer 1"),
    ("i", lambda s: s.cycle.network.sizes == [2, 5, 4, 1], "layer 1: 5 neurons"),
    ("I", lambda s: s.cycle.network.sizes == [2, 3, 4, 1], "layer 1: 3 neurons"),
    ("v", lambda s: s.cycle.network.activations == ("relu", "tanh", "sigmoid"), "layer 1: relu"),
    ("L", lambda s: s.cycle.loss_fn.name == "squared_error", "loss squared error"),
    ("B", lambda s: s.cycle.schedule.batch_size == 1, "batch 1"),
    ("w", lambda s: s.setup.network.seed == 1, "seed 1: new random weights"),
    ("W", lambda s: s.setup.network.seed == 0, "seed 0"),
    ("z", lambda s: s.cycle.state.l2 == 1e-4, "L2 strength 0.0001"),
    ("plus", lambda s: s.cycle.state.lr == 0.2, "learning rate 0.2"),
    ("minus", lambda s: s.cycle.state.lr == 0.05, "learning rate 0.05"),
]


REDONE = {"d", "i", "Y", "z", "plus"}  # redo is checked on a few: an edit of the setup, of a layer, in place


async def test_every_edit_key_changes_the_setup_says_so_undoes_and_redoes(tmp_path):
    # One app for every key (each is undone before the next), so the suite stays quick.
    app = playground_app(tmp_path, **DEFAULT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_playground(app, pilot)
        session = screen.session
        for key, check, words in EDITS:
            before_network, before_setup = session.cycle.network, session.setup
            await pilot.press(key)
            await pilot.pause()
            assert check(session), key
            assert words in screen_text(app), key
            await pilot.press("backspace")
            await pilot.pause()
            assert session.cycle.network is before_network and session.setup.data == before_setup.data, key
            assert session.cycle.state.lr == before_setup.network.lr and session.cycle.state.l2 == 0.0, key
            if key in REDONE:
                await pilot.press("N")  # redo
                await pilot.pause()
                assert check(session), f"redo of {key}"
                await pilot.press("backspace")
                await pilot.pause()


async def test_a_fresh_network_keeps_the_previous_run_for_the_charts(tmp_path):
    app = playground_app(tmp_path, **DEFAULT)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_playground(app, pilot)
        await pilot.press("enter", "enter")  # two whole passes: two updates
        await pilot.press("i")
        await pilot.pause()
        assert "a fresh network; run 1 stays on the loss chart" in screen_text(app)
        assert [run.label for run in screen.session.runs] == ["run 1"]
        assert screen.session.runs[0].state.steps_done == 2


async def test_edit_keys_are_listed_in_help_and_the_palette(tmp_path):
    app = playground_app(tmp_path, **DEFAULT)
    async with app.run_test(size=(120, 80)) as pilot:  # tall enough for every key without scrolling
        await open_playground(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for words in (
            "Next data set",
            "More samples",
            "More noise",
            "Hold out more samples",
            "Add a hidden layer",
            "Remove the selected hidden layer",
            "Add a neuron",
            "Next activation",
            "Next loss function",
            "Next batch size",
            "New random starting weights",
            "Stronger L2",
            "Learning rate up",
            "Save this experiment",
        ):
            assert words in text, words
        assert "Next lesson step" not in text  # no script: the step keys are off
        assert "Open the playground" not in text  # the app's P does nothing here: this is the playground
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"stronger l2")
        await pilot.pause(0.3)
        assert "Stronger L2 regularization" in screen_text(app)


async def test_refused_edits_say_why_and_keep_the_network(tmp_path):
    most = LIMITS.max_neurons
    app = playground_app(tmp_path, layers=[2, most - 1, 1], activations=["tanh", "sigmoid"])
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_playground(app, pilot)
        await pilot.press("i")  # the most neurons allowed
        network = screen.session.cycle.network
        await pilot.press("i")
        await pilot.pause()
        assert f"not changed: layer 1 has {most + 1} neurons; at most {most} are allowed" in screen_text(app)
        assert screen.session.cycle.network is network


async def test_training_that_diverges_is_not_kept(tmp_path):
    app = playground_app(tmp_path, dataset="crowd", layers=[1, 1], activations=["linear"], lr=50.0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_playground(app, pilot)
        network = screen.session.cycle.network
        await pilot.press("t")
        for _ in range(50):
            await pilot.pause(0.05)
            if not screen.training:
                break
        text = screen_text(app)
        assert "lr 50 diverged after" in text and "network kept as before t; try -" in text
        assert screen.session.cycle.network is network and not screen.session.cycle.diverged


async def test_save_as_lesson_writes_a_lesson_that_validates_and_replays(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = playground_app(tmp_path / "home", **DEFAULT, dataset="spiral")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_playground(app, pilot)
        screen.session.cycle.train(3)
        await pilot.press("w")  # run 2
        screen.session.cycle.train(2)
        await pilot.press("S")
        await pilot.pause()
        await pilot.press(*"Spiral seeds", "enter")
        await pilot.pause()
        path = tmp_path / "my-lessons" / "spiral-seeds.toml"
        assert "saved my-lessons/spiral-seeds.toml" in screen_text(app).replace("\n", "")
        recipes = screen.session.run_recipes()
    assert validate_file(path) == []
    lesson = load_lesson(path)
    assert [s.action.epochs for s in lesson.steps if s.action.do == "train"] == [3, 2]
    assert lesson.network.weights == recipes[0].network.weights


async def test_typing_starts_in_the_first_field_of_the_save_question(tmp_path, monkeypatch):
    """The field typing goes to is the top one (the walker typed a folder into the title, the second field)."""
    from textual.widgets import Input

    monkeypatch.chdir(tmp_path)
    app = playground_app(tmp_path / "home", **DEFAULT)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_playground(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        fields = sorted(app.screen.query(Input), key=lambda field: field.region.y)
        assert app.screen.focused is fields[0]
        await pilot.press(*"Ring", "tab", *["backspace"] * 20, *"class-a", "enter")
        await pilot.pause()
        assert "saved class-a/ring.toml" in screen_text(app).replace("\n", "")
    assert (tmp_path / "class-a" / "ring.toml").exists()


async def test_escape_on_the_save_question_saves_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = playground_app(tmp_path / "home", **DEFAULT)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_playground(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "not saved" in screen_text(app)
    assert not (tmp_path / "my-lessons").exists()


async def test_the_lesson_list_opens_the_playground_from_its_first_entry(tmp_path):
    from nntutor.curriculum.progress import ProgressStore
    from nntutor.ui.app import NNTutorApp

    app = NNTutorApp(None, store=ProgressStore(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Playground: build your own network" in screen_text(app)
        await pilot.press("up", "enter")  # the cursor starts on the first lesson, below the playground
        await pilot.pause()
        assert isinstance(app.screen, PlaygroundScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "Playground: build your own network" in screen_text(app)
        await pilot.press("P")  # the app's key (also in the palette)
        await pilot.pause()
        assert isinstance(app.screen, PlaygroundScreen)


def test_nntutor_play_opens_the_setup_its_options_name(monkeypatch):
    from nntutor import cli

    opened = {}
    monkeypatch.setattr(
        "nntutor.ui.app.run_app", lambda lesson, learner, playground=None: opened.update(setup=playground) or 0
    )
    assert cli.main(["play", *cli_options(**SPIRAL)]) == 0
    setup = opened["setup"]
    assert setup.network.layers == (2, 4, 4, 1) and setup.network.activations == ("tanh", "tanh", "sigmoid")
    assert setup.data.dataset == "spiral" and setup.options["noise"] == 0.1 and setup.options["test_fraction"] == 0.2
    assert (setup.network.lr, setup.network.batch) == (0.3, 10)


def test_nntutor_play_with_a_bad_option_says_what_is_wrong(capsys):
    from nntutor import cli

    most = LIMITS.max_neurons
    assert cli.main(["play", "--layers", f"2,{most + 1},1"]) == 2
    assert f"nntutor play: layer 1 has {most + 1} neurons; at most {most} are allowed" in capsys.readouterr().err


async def test_the_pictures_on_screen_are_the_network_as_it_is_now(tmp_path):
    # The panel redraws only the rows that changed: after steps, edits and moves of the
    # selection, what the screen shows must still be the whole picture drawn afresh.
    app = playground_app(tmp_path, **DEFAULT)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_playground(app, pilot)
        panel = screen.query_one(NeuronMapsPanel)
        for keys in (("enter",), ("down",), ("i",), ("right", "down"), ("t",), ("x",), ("w", "backspace")):
            await pilot.press(*keys)
            if screen.training:
                await pilot.pause(0.3)
                await pilot.press("space")  # any key stops training
            await pilot.pause()
            x, y, width, height = panel.content_region
            shown = [row[x : x + width] for row in screen_text(app).splitlines()[y : y + height]]
            state = screen.session.cycle.state
            drawn = render_maps(state.network, screen.session.cycle.data, screen.picked(), width, height, colour=False)
            assert shown == drawn.plain.splitlines(), keys
