"""Training on the lesson screen: t trains in a thread while the keys stay live.

The worker trains from the current state without touching the cycle, in
chunks, and posts TrainProgress now and then and TrainFinished at the end;
the UI thread adopts the last state as one undoable step. Any key stops
the run (LessonScreen.on_key calls stop_training_by_key).
"""

from __future__ import annotations

import math
import threading
import time
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from nntutor import malloc
from nntutor.engine import LearningCycle

from ..format import epochs as epochs_text
from ..messages import TrainFinished, TrainProgress
from ..training_loop import TRAIN_PROGRESS_EVERY, ChunkedTraining

if TYPE_CHECKING:
    from ..playground_session import PlaygroundSession
    from ..session import LessonSession

# A progress message redraws every panel and chart only while the UI thread
# has used, since the run's first progress message, at most this share of the
# CPU time (the training thread the rest): the two share one interpreter lock
# and, on a busy machine, the same core, so a loss or regions chart (15-40 ms
# a picture) is drawn once or twice a second of training, cheap panels at every
# message, and training keeps ~95 % of the engine's speed (at 10 %, the loss
# chart case trained at 0.79x the engine alone). All the UI thread's work counts
# (the status line drawn at every message, Textual's own), not only the whole
# redraws: counting those alone let the UI take 15-25 % of the CPU. What it did
# before the first message (the key, the first frame of the run) does not: it
# once kept the charts from ever redrawing in a run of a few seconds.
TRAIN_REDRAW_SHARE = 0.05
# ... but at least one whole redraw per this many seconds of the training thread's CPU, whatever it
# costs: at 5 % the regions chart (40-50 ms a picture beside the status line at every message)
# was drawn once in 3-6 s, and a learner must see the run's progress in the charts.
TRAIN_REDRAW_AT_LEAST_EVERY = 1.0
TRAIN_UNTIL_STOPPED = 100_000  # epochs for t outside a train step (any key stops sooner)


class Training(Screen):
    """The training part of LessonScreen (a base class of it, not a screen of its own)."""

    session: LessonSession | PlaygroundSession
    progress_every = TRAIN_PROGRESS_EVERY  # seconds from one drawn progress to the next message
    redraw_share = TRAIN_REDRAW_SHARE  # of the CPU time, the UI thread's while training
    redraw_at_least_every = TRAIN_REDRAW_AT_LEAST_EVERY  # seconds of training CPU from one whole redraw to the next
    redrawn_at = 0.0  # the training thread's CPU seconds (train_cpu) at the last whole redraw of this run
    training = False
    train_epochs_done = 0
    train_state: Any = None  # the training worker's latest state, shown while it runs
    next_progress_at = math.inf  # when the training worker may post its next progress (UI sets it)
    train_cpu = 0.0  # CPU seconds the training worker has used in this run (the worker sets it)
    ui_cpu_from: float | None = None  # UI thread CPU time at this run's first progress message
    redraw_cost = 0.0  # UI thread CPU seconds from the last whole redraw's progress message to the next one
    redraw_began: float | None = None  # UI thread CPU time at the progress message of the last whole redraw
    _train_stop: threading.Event | None = None  # set to stop the running training thread
    keys_after_stop: list[events.Key]  # typed while the run was stopping: run once it has ended
    train_note = ""  # said with each word of this run: the quizzes skipped before it (their value diverged)

    if TYPE_CHECKING:  # provided by LessonScreen

        def _busy(self) -> bool: ...
        def stop_autoplay(self) -> None: ...
        def say(self, text: str) -> None: ...
        def refresh_view(self) -> None: ...
        def gone(self) -> bool: ...
        def _show_status(self, state: Any) -> None: ...
        def _show_message(self) -> None: ...
        def ask(self, quizzes: list[Any], then: Any) -> None: ...
        async def on_key(self, event: events.Key) -> None: ...

        skipped_words: tuple[str, ...]

    def action_train(self) -> None:
        if self._busy():
            return
        self.stop_autoplay()
        cycle = self.session.cycle
        if cycle.diverged:
            self.say("The network diverged: press r to reset, or ⌫ to step back.")
            self.refresh_view()
            return
        due = self.session.quizzes_due("train")
        if due:
            self.ask(due, then=lambda: self._start_training(self.skipped_words))
        else:
            self._start_training()

    def _start_training(self, skipped: tuple[str, ...] = ()) -> None:
        self.train_note = "".join(f"; {word}" for word in skipped)
        cycle = self.session.cycle
        epochs = self.session.train_epochs()
        self.training = True
        self.keys_after_stop = []
        self.train_epochs_done = 0
        self.train_state = None
        target = epochs_text(epochs) if epochs else "until a key is pressed"
        self.say(f"training {target}: any key stops{self.train_note}")
        self.refresh_view()
        self.next_progress_at = time.monotonic() + self.progress_every
        self.train_cpu, self.ui_cpu_from, self.redraw_cost, self.redraw_began = 0.0, None, 0.0, None
        self.redrawn_at = 0.0
        self._train_stop = threading.Event()
        malloc.keep_large_blocks_mapped()  # the run's large temporaries go back to the system when freed
        # Textual 8.2 sets its `active_worker` context variable in the executor
        # thread that runs a thread worker and never unsets it, so the finished
        # worker and its arguments stay referenced until that thread runs
        # another one. The cycle (with its whole undo history, kept alive after
        # a new run replaced it) and the start state go in a list the worker
        # empties, so they are not held after the run ends.
        self._train([cycle, cycle.state], epochs or TRAIN_UNTIL_STOPPED, self._train_stop)

    @work(thread=True, exclusive=True, group="train", exit_on_error=False)
    def _train(self, handover: list, epochs: int, stop: threading.Event) -> None:
        cycle, start = handover
        handover.clear()
        assert isinstance(cycle, LearningCycle)
        worker = get_current_worker()
        # Train in chunks from the current state without touching the cycle;
        # the last state is adopted on the UI thread as one undoable step.
        run = ChunkedTraining(cycle, start, epochs)
        cpu_start = time.thread_time()

        def report(state: Any, done: int) -> None:
            # One progress message at a time: the UI sets the next moment
            # once it has drawn this one (_progress_drawn).
            self.next_progress_at = math.inf
            self.train_cpu = time.thread_time() - cpu_start
            self.post_message(TrainProgress(state, done))

        try:
            run.run(lambda: stop.is_set() or worker.is_cancelled, lambda: self.next_progress_at, report)
        except Exception as exc:  # report; never take the app down
            self.post_message(TrainFinished(run.state, run.done, True, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(TrainFinished(run.state, run.done, run.done < epochs and not run.state.diverged))

    def on_train_progress(self, message: TrainProgress) -> None:
        if not self.training:
            return
        self.train_state = message.state
        self.train_epochs_done = message.epochs
        now = time.thread_time()
        if self.ui_cpu_from is None:
            self.ui_cpu_from = now
        if self.redraw_began is not None:
            # What the last whole redraw cost, its frame drawn: all the UI thread did from its
            # message to this one. Its frame is drawn by Textual's screen update after the
            # widgets' own refreshes; a callback after the refresh once ran before the frame,
            # so a chart's render (most of the cost) was not counted.
            self.redraw_cost = now - self.redraw_began
            self.redraw_began = None
        share = self.redraw_share / (1 - self.redraw_share)
        # The redraw must fit in the share with its own cost (the last one's), so one dear redraw
        # does not take the UI over its share first and count against it only afterwards.
        affordable = now - self.ui_cpu_from + self.redraw_cost <= share * self.train_cpu
        if affordable or self.train_cpu - self.redrawn_at >= self.redraw_at_least_every:
            self.redraw_began, self.redrawn_at = now, self.train_cpu
            self.refresh_view()
        elif not self.gone():  # the epochs count still moves
            self._show_status(message.state)
        self.call_after_refresh(self._progress_drawn)

    def _progress_drawn(self) -> None:
        malloc.give_back()  # what the redraw and the chunks since the last one freed
        self.next_progress_at = time.monotonic() + self.progress_every

    async def on_train_finished(self, message: TrainFinished) -> None:
        self._end_run(message)
        await self._run_keys_after_stop()

    async def _run_keys_after_stop(self) -> None:
        """The keys typed after the one that stopped the run, each now, in order, as if typed after
        it ended: whether a key landed before or after the run's last epoch (a burst like "t x ]"
        in one read) no longer decides what it does. Awaited in the message handler that ended the
        run, so no key typed later runs first."""
        keys, self.keys_after_stop = self.keys_after_stop, []
        for event in keys:
            await self.on_key(event)

    def _end_run(self, message: TrainFinished) -> None:
        self.training = False
        self.train_state = None
        cycle = self.session.cycle
        if message.epochs:
            cycle.adopt(message.state)
            malloc.give_back()  # the run's freed chunks and copies
            if not message.stopped:
                self.session.trained()
        if message.error:
            self.say(f"training stopped by an error: {message.error}{self.train_note}")
        elif cycle.diverged:
            self.say(f"training diverged after {epochs_text(message.epochs)}{self.train_note}")
        elif not message.epochs:  # a key in the same burst as t: nothing to undo
            self.say(f"training stopped before its first epoch{self.train_note}")
        else:
            how = "stopped" if message.stopped else "done"
            self.say(f"training {how}: {epochs_text(message.epochs)} (⌫ undoes the whole run){self.train_note}")
        self.refresh_view()

    async def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # A run cancelled before its thread started never posts TrainFinished: end it here.
        # (A run that started posts TrainFinished first, so `training` is already False.)
        if event.worker.group == "train" and event.state in (WorkerState.CANCELLED, WorkerState.ERROR):
            if self.training:
                self.training = False
                self.train_state = None
                self.say("training stopped before it began")
                self.refresh_view()
                await self._run_keys_after_stop()

    def key_while_training(self, event: events.Key) -> None:
        """The first key stops the run and does nothing else; the keys after it wait for its end."""
        if self.stopping:
            self.keys_after_stop.append(event)  # run as typed once the run has ended (on_train_finished)
        else:
            self.stop_training_by_key()

    def stop_training_by_key(self) -> None:
        """A key stops the run: only the message line says so at once.

        TrainFinished (after the epoch under way) redraws the rest with the
        run's last state. A whole redraw here drew the charts twice for one key
        (the last progress's state, then the end's), which on a regions chart
        held the end of the run back by a chart's redraw.
        """
        self.stop_training()
        self.say("stopping...")
        self._show_message()

    @property
    def stopping(self) -> bool:
        """A run was asked to stop and has not ended yet."""
        return self.training and self._train_stop is not None and self._train_stop.is_set()

    def stop_training(self) -> None:
        """Ask the training thread to stop after the epoch under way; it then posts TrainFinished.

        Not Worker.cancel: a key pressed in the same burst as t cancelled the
        worker's task before it had started, so neither TrainFinished nor a
        state change ever came, and the lesson stayed "stopping..." for good.
        """
        if self._train_stop is not None:
            self._train_stop.set()

    def on_unmount(self) -> None:
        self.stop_training()  # a lesson left while training: its thread stops too


class ShownWhileTraining:
    """The cycle as it looks while a training worker runs: its latest state, the rest from the cycle."""

    def __init__(self, cycle: LearningCycle, state: Any):
        self._cycle = cycle
        self.state = state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cycle, name)

    @property
    def network(self) -> Any:
        return self.state.network

    @property
    def next_phase(self) -> Any:
        return self._cycle.phases[self.state.position]

    @property
    def diverged(self) -> Any:
        return self.state.diverged
