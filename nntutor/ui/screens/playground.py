"""The playground screen: build a network with keys, step it like a lesson, see what every neuron computes.

It is the lesson screen driving a session without a script (ui/playground_session.py):
the same network panel, detail arithmetic, charts, status line, undo and redo,
t to train and auto-play. What it adds: the edit keys, the pictures of what
each neuron computes (where a lesson shows its text), read-outs of the loss
and accuracy on the whole training and test sets, and saving the experiment
as a lesson. Training that diverges is not kept: the network stays as it was
before t, and the message says which rate did it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from nntutor.curriculum.export import ExportError, save_lesson
from nntutor.curriculum.goal import Goal
from nntutor.engine import EngineError
from nntutor.engine.readouts import readouts

from ..format import loss_name, num
from ..messages import TrainFinished
from ..playground_session import PlaygroundSession
from ..playground_setup import PlaygroundError
from ..session import LessonSession
from ..widgets.neuron_maps import NeuronMapsPanel
from ..widgets.status import StatusLine, status_parts
from .lesson import LessonScreen
from .lesson_phases import next_lr
from .lesson_training import ShownWhileTraining
from .save_lesson import SaveLessonScreen

# How the status line starts the parts the read-out line shows instead (status.py's words).
IN_READOUT = ("train loss", "test loss", "train acc", "test acc")


def _edit(key: str, action: str, description: str, tooltip: str, binding_id: str, **kwargs: Any) -> Binding:
    return Binding(key, action, description, show=False, id=f"play.{binding_id}", tooltip=tooltip, **kwargs)


class PlaygroundScreen(LessonScreen):
    session: PlaygroundSession
    # No script to move through or scroll, and no playground to open: this is it.
    HELP_HIDES = frozenset({"next_step", "previous_step", "scroll_text", "playground"})
    # The neuron pictures follow training at least 4 times a second: a progress message comes this long
    # after the last one was drawn, plus up to one epoch (the worker posts it after an epoch) and the redraw.
    progress_every = 0.15
    # The pictures are the playground's point (4 updates a second wanted): its redraws may take
    # twice a lesson's share of the CPU while training, at the cost of some of the training's speed.
    redraw_share = 0.2
    BINDINGS = [
        _edit("d", "edit('next_dataset', 1)", "Data set", "Next data set (a fresh network)", "dataset.next"),
        _edit("D", "edit('next_dataset', -1)", "Data set back", "Previous data set (a fresh network)", "dataset.prev"),
        _edit("m", "edit('step_samples', True)", "More samples", "More samples in the data set", "samples.up"),
        _edit("M", "edit('step_samples', False)", "Fewer samples", "Fewer samples in the data set", "samples.down"),
        _edit("o", "edit('step_noise', True)", "More noise", "More noise in the data set", "noise.up"),
        _edit("O", "edit('step_noise', False)", "Less noise", "Less noise in the data set", "noise.down"),
        _edit(
            "x",
            "edit('step_test_fraction', True)",
            "Bigger test set",
            "Hold out more samples as the test set",
            "test.up",
        ),
        _edit(
            "X",
            "edit('step_test_fraction', False)",
            "Smaller test set",
            "Hold out fewer samples as the test set",
            "test.down",
        ),
        _edit("y", "layer_edit('add_layer')", "Add layer", "Add a hidden layer after the selected layer", "layer.add"),
        _edit("Y", "layer_edit('remove_layer')", "Remove layer", "Remove the selected hidden layer", "layer.remove"),
        _edit("i", "layer_edit('add_neuron')", "Add neuron", "Add a neuron to the selected hidden layer", "neuron.add"),
        _edit(
            "I",
            "layer_edit('remove_neuron')",
            "Remove neuron",
            "Remove a neuron from the selected hidden layer",
            "neuron.remove",
        ),
        _edit(
            "v", "layer_edit('next_activation')", "Activation", "Next activation for the selected layer", "activation"
        ),
        # L and B, not e and g: those keep their lesson meaning here (the loss chart per epoch, log scale).
        _edit("L", "edit('next_loss')", "Loss function", "Next loss function that suits the data", "loss"),
        _edit("B", "edit('next_batch')", "Batch size", "Next batch size: 1, 5, 10, 25, 50, full, 1, ...", "batch"),
        _edit("w", "edit('new_weights', 1)", "New weights", "New random starting weights (next seed)", "seed.next"),
        _edit("W", "edit('new_weights', -1)", "Earlier weights", "The previous seed's starting weights", "seed.prev"),
        _edit("z", "edit('step_l2', True)", "More L2", "Stronger L2 regularization (the same network)", "l2.up"),
        _edit("Z", "edit('step_l2', False)", "Less L2", "Weaker L2 regularization (the same network)", "l2.down"),
        Binding(
            "S",
            "save",
            "Save lesson",
            id="play.save",
            tooltip="Save this experiment as a lesson file (asks for a folder and a name)",
        ),
    ]

    def __init__(self, session: PlaygroundSession, goal: Goal | None = None):
        """`goal`: a lesson's playground step sent the learner here; escape goes back to it (see open_for_lesson)."""
        super().__init__(session)
        self.goal = goal
        self.view = "network"  # pictures, network and arithmetic; tab gives the pictures the screen, then the charts
        self._readout_key: Any = None

    def compose_script_pane(self) -> ComposeResult:
        # Where a lesson has its text; the same id, so the layout rules for that pane apply.
        with Vertical(id="lesson-pane", classes="play-pane"):
            yield Static("", id="play-readout", markup=False)
            yield NeuronMapsPanel(id="neuron-maps")

    # -- edits --------------------------------------------------------------------------------
    def action_edit(self, method: str, *args: Any) -> None:
        """Run one of the session's edits; a refused one says why and keeps everything as it was."""
        if self._busy():
            return
        self.stop_autoplay()
        try:
            self.say(getattr(self.session, method)(*args))
        except (PlaygroundError, EngineError) as exc:
            self.say(f"not changed: {exc}")
        self.refresh_view()

    def action_layer_edit(self, what: str) -> None:
        layer = self.selected_layer()
        if what == "add_layer":
            self.action_edit("add_layer", max(layer, 0))
        elif what == "remove_layer":
            self.action_edit("remove_layer", layer)
        elif what == "add_neuron":
            self.action_edit("resize_layer", layer, 1)
        elif what == "remove_neuron":
            self.action_edit("resize_layer", layer, -1)
        else:
            self.action_edit("next_activation", layer)

    def selected_layer(self) -> int:
        """The layer of the selected neuron or weight (0: an input; the output layer for the loss)."""
        kind = self.selection[0]
        if kind in ("n", "w"):
            return self.selection[1]
        if kind == "x":
            return 0
        return self.session.cycle.network.depth

    def action_lr(self, up: bool) -> None:
        if self._busy():
            return
        self.say(self.session.set_lr(next_lr(self.session.cycle.state.lr, up)))
        self.refresh_view()

    def action_reset(self) -> None:
        super().action_reset()
        self.say("the network is back at this run's start (⌫ undoes the reset)")
        self.refresh_view()

    def action_undo(self) -> None:
        self._move_in_history(self.session.undo, "stepped back", "nothing to step back to")

    def action_redo(self) -> None:
        self._move_in_history(self.session.redo, "redone", "nothing to redo")

    # -- saving ---------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        self.app.push_screen(SaveLessonScreen(), self._save)

    def _save(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            self.say("not saved")
        else:
            folder, name = answer
            try:
                path = save_lesson(Path(folder), name, self.session.run_recipes())
                self.say(f"saved {path} (nntutor validate checks it; nntutor {path} opens it)")
            except ExportError as exc:
                self.say(f"not saved: {exc}")
        self.refresh_view()

    # -- training: a diverging run is not kept --------------------------------------------------------
    async def on_train_finished(self, message: TrainFinished) -> None:
        # Textual would call the lesson screen's handler after this one (handlers run up the class
        # hierarchy); prevent_default stops that, so each run is adopted once, here or by super().
        message.prevent_default()
        if message.state is not None and message.state.diverged and not message.error:
            self.training = False
            self.train_state = None
            lr = self.session.cycle.state.lr
            self.say(
                f"lr {num(lr)} diverged after {message.epochs} epochs (loss inf or NaN): network kept as "
                "before t; try -"
            )
            self.refresh_view()
            await self._run_keys_after_stop()
            return
        await super().on_train_finished(message)

    # -- what the lesson screen would draw as its text -----------------------------------------------
    def _show_lesson_text(self) -> None:
        state = self.train_state if self.train_state is not None else self.session.cycle.state
        pane = self.query_one("#lesson-pane", Vertical)
        pane.border_title = self._setup_line()
        shown = self._readout_key
        if shown is None or shown[0] is not state.network or shown[1] is not self.session.cycle.data:
            self._readout_key = (state.network, self.session.cycle.data)
            self._show_readout(self._readout_line(state))
        self.query_one("#neuron-maps", NeuronMapsPanel).show(state.network, self.session.cycle.data, self.picked())

    def picked(self) -> tuple[int, int] | None:
        """The neuron whose picture is large: the selected one, or a selected weight's (layer, j)."""
        sel = self.selection
        return (sel[1], sel[2]) if sel[0] == "n" else ((sel[1], sel[3]) if sel[0] == "w" else None)

    def _show_readout(self, text: str) -> None:
        """The read-out line; a layout pass (the whole screen's) only when it needs another number of rows."""
        readout = self.query_one("#play-readout", Static)
        width, rows = readout.content_size.width, readout.content_size.height
        needs = len(Content(text).wrap(width)) if width else rows + 1
        readout.update(text, layout=needs != rows)

    def _setup_line(self) -> str:
        """The setup in one line, cut at the pane's width: the data, the shape, the seed (w) and the L2
        strength (z) first; then the activations and the loss, which the network panel's headers show too."""
        setup = self.session.setup
        net, options = setup.network, setup.options
        return (
            f"{setup.data.dataset} · {options.get('samples')} samples · noise {options.get('noise', 0):g} · "
            f"test {options.get('test_fraction', 0):g} · {'-'.join(map(str, net.layers))} · seed {net.seed} · "
            f"L2 {num(self.session.cycle.state.l2)} · {'/'.join(net.activations)} · {loss_name(net.loss)}"
        )

    def action_lessons(self) -> None:
        if self.goal is None:
            super().action_lessons()
        elif self.is_active:
            self.stop_autoplay()
            self.dismiss()

    def _readout_line(self, state: Any) -> str:
        cycle = self.session.cycle
        line = self._scores_line(state)
        if self.goal is None:
            return line
        check = self.goal.check(state.network, cycle.data, cycle.loss_fn)
        verdict = "met: escape" if check.met else "escape: back"  # fits 80 columns with two conditions
        return f"{line}\ngoal {check.text()} · {verdict}"

    def _show_status(self, state: Any) -> None:
        # The read-out line owns the train and test losses and accuracies here: the network as it is
        # now, on the whole sets. The status line's train loss (the last epoch's mean, taken while it
        # trained) would be a second "train loss" with another value; its pass and batch losses stay.
        extra = f"TRAINING {self.train_epochs_done} epochs" if self.training else ""
        shown = self.session.cycle if not self.training else ShownWhileTraining(self.session.cycle, state)
        parts = status_parts(shown, self.session.index, self.session.n_steps, extra)
        kept = tuple(p for p in parts if not p.text.startswith(IN_READOUT))
        self.query_one("#status", StatusLine).show(kept)

    def _scores_line(self, state: Any) -> str:
        cycle = self.session.cycle
        r = readouts(state.network, cycle.data, cycle.loss_fn)
        loss = f"now: train loss {num(r.train_loss)}" + (f" test {num(r.test_loss)}" if r.test_loss is not None else "")
        parts = [self.session.run_label.split(":")[0], loss]
        if r.train_accuracy is not None:
            parts.append(
                f"accuracy train {r.train_accuracy:.0%}"
                + (f" test {r.test_accuracy:.0%}" if r.test_accuracy is not None else "")
            )
        return " · ".join(parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.HELP_HIDES:
            return False
        if action == "redo":  # dimmed, not hidden (as on the lesson screen)
            return True if self.session.can_redo else None
        if action == "undo":
            return True if self.session.can_undo else None
        return super().check_action(action, parameters)

    def _refresh_keys(self) -> None:
        # As the lesson screen's, but undo and redo also reach the edits (the session's history).
        session = self.session
        key = (
            session.can_undo,
            session.can_redo,
            bool(session.cycle.diverged),
            self.asking,
            self.autoplay_timer is not None,
        )
        if key != self._binding_key:
            self._binding_key = key
            self.refresh_bindings()


def open_for_lesson(lesson_screen: LessonScreen) -> None:
    """A lesson's playground step: the playground on the lesson's run, with the step's goal.

    Escape there comes back to the lesson, which takes the learner's network
    as its run and checks the goal against it (the lesson session does both).
    """
    session = lesson_screen.session
    assert isinstance(session, LessonSession), "a playground step belongs to a lesson"
    if lesson_screen.training or lesson_screen.asking:
        return
    lesson_screen.stop_autoplay()
    try:
        playground = session.open_playground()
    except PlaygroundError as exc:
        lesson_screen.say(f"the playground cannot open this lesson's network: {exc}")
        lesson_screen.refresh_view()
        return

    def back(_: Any) -> None:
        if lesson_screen.gone():
            return
        check = session.playground_returned()
        done = "goal met" if check.met else "not yet"
        lesson_screen.say(f"{done}: {check.text()}")
        lesson_screen.refresh_view()

    lesson_screen.app.push_screen(PlaygroundScreen(playground, session.step.action.goal), back)
