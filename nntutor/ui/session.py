"""A learner's walk through one lesson: the step shown, its cycle, its quizzes.

No Textual here: the lesson screen drives a LessonSession and draws what it
holds, and tests can drive one directly.

How the lesson's steps meet the keys:

- Entering a step asks its opening quizzes, then applies a ``set``,
  ``reset`` or ``nudge`` action at once (they are settings, not something
  to watch).
- A ``cycle`` step is walked with the phase keys; a ``train`` step with ``t``.
  Its quizzes are asked just before the phase that reveals their answer.
- ``]`` finishes what the step still asks for (without its quizzes), so the
  next step starts where its text expects; ``[`` goes back to where the
  previous step began (the lesson is replayed from the start, which is fast
  and always gives the same numbers).
- A ``playground`` step is done in the playground (P): the learner's
  network comes back with escape, becomes the lesson's run "your network",
  and is checked against the step's goal (saved like a quiz answer).
  The learner's playground is their own work, not the lesson's script: ``[``
  and ``]`` keep it. Back at the step, P opens it as they left it, and from
  that step on the run is the network they brought back (as they left it
  too), while the steps before it replay the lesson's own runs.
- A ``set`` step that starts a new *run* (a fresh network) keeps the run
  it ends, with its label, so the charts can draw the runs side by side.
  The replay behind ``[`` keeps them the same way, so going back and forth
  always shows the same runs.
"""

from __future__ import annotations

from typing import Any

from nntutor.curriculum.goal import GoalCheck, goal_quiz_id
from nntutor.curriculum.steps import perform

from .format import epochs
from .runs import RATES, Run, first_run_label, keep_run, path_points_for, run_name, run_path_points_for

# Step actions applied as the step opens (after its opening quizzes).
ENTRY_ACTIONS = ("set", "reset", "nudge")
YOUR_NETWORK = "your network"  # the run a playground step brings back


class LessonSession:
    def __init__(self, lesson: Any, store: Any = None):
        self.lesson = lesson
        self.store = store
        self.cycle = lesson.build_cycle()
        self.runs: tuple[Run, ...] = ()  # earlier runs, oldest first
        self.run_label = first_run_label(lesson)
        self.index = 0
        self.asked: set[str] = set()  # quiz ids asked during this visit of the step
        self.action_done = False
        self._done_at: tuple[int, int] | None = None  # how far the network had gone when the work was done
        self.completed = False
        self.playgrounds: dict[int, Any] = {}  # step index -> the learner's PlaygroundSession there
        self.brought_back: set[int] = set()  # the playground steps the learner brought a network back from

    # -- what the screen reads ----------------------------------------------
    @property
    def cycle(self) -> Any:
        """The run under way (an engine LearningCycle)."""
        return self._cycle

    @cycle.setter
    def cycle(self, cycle: Any) -> None:
        cycle.path_points = path_points_for(self.lesson)  # every run the session shows, however it came
        self._cycle = cycle

    @property
    def step(self) -> Any:
        return self.lesson.steps[self.index]

    @property
    def n_steps(self) -> int:
        return len(self.lesson.steps)

    @property
    def is_last(self) -> bool:
        return self.index == self.n_steps - 1

    def todo(self) -> str:
        """What this step asks the learner to do, in words that name the keys."""
        action = self.step.action
        if action.do == "cycle":
            until = action.until or "update"
            if self.action_done:
                return f"done: '{until}' has run. Explore, or press ] for the next step."
            return f"walk the cycle up to '{until}' (space for one phase, enter for the whole pass)"
        if action.do == "train":
            if self.action_done:
                return f"done: trained. Press ] for the next step (t trains {action.epochs or 1} more)."
            return f"train {epochs(action.epochs or 1)} (t)"
        if action.do == "playground":
            if self.action_done:
                return "done: your network meets the goal. Press ] for the next step (P opens the playground again)."
            return f"press P for the playground; reach {action.goal.describe()}, then escape to bring it back"
        return "read, explore, then press ] for the next step"

    def quizzes_due(self, phase: str | None) -> list[Any]:
        """The quizzes of this step still to ask before ``phase`` runs (None: as the step opens)."""
        return [q for q in self.step.quizzes_before(phase) if q.id not in self.asked]

    def quizzes_on_the_way(self) -> bool:
        """Whether this step's work, not done yet, still has quizzes on its way (before a phase or training).

        ] does that work as the keys would, so these are asked rather than skipped."""
        if self.action_done or self.cycle.diverged or self.step.action.do not in ("cycle", "train"):
            return False
        return any(quiz.reveal is not None and quiz.id not in self.asked for quiz in self.step.quizzes)

    def train_epochs(self) -> int | None:
        """Epochs for ``t``: a train step's own number (again, once done), else None (until stopped)."""
        action = self.step.action
        if action.do == "train":
            return action.epochs or 1
        return None

    # -- what the screen tells it ---------------------------------------------
    def record_answer(self, quiz: Any, correct: bool) -> None:
        """One attempt at a quiz, saved the moment it is given (not when the feedback closes)."""
        if self.store is not None:
            self.store.record_quiz(self.lesson.id, quiz.id, correct)

    def quiz_closed(self, quiz: Any) -> None:
        """The learner is done with a quiz (answered, or skipped): it is not asked again on this visit."""
        self.asked.add(quiz.id)
        self._check_finished()

    def phase_ran(self, phase: Any) -> None:
        action = self.step.action
        if action.do == "cycle" and str(phase) == (action.until or "update"):
            self._work_done()
            self._check_finished()

    def trained(self) -> None:
        if self.step.action.do == "train":
            self._work_done()
            self._check_finished()

    def history_moved(self) -> None:
        """After undo, redo or a reset: a cycle or train step's work counts as done only while the
        network is at or past where it was when the work was done (undone work is to do again)."""
        if self._done_at is not None:
            self.action_done = _progress_mark(self.cycle.state) >= self._done_at

    def _work_done(self) -> None:
        self.action_done = True
        self._done_at = _progress_mark(self.cycle.state)

    def _check_finished(self) -> None:
        """The lesson counts as done once its last step's work is: its action done, its quizzes asked.

        (Pressing ] on the last step is not needed; it still marks the lesson done.)
        """
        if self.completed or not self.is_last or not self.action_done:
            return
        if any(quiz.id not in self.asked for quiz in self.step.quizzes):
            return
        self.completed = True
        if self.store is not None:
            self.store.complete(self.lesson.id)

    def keep_progress_in(self, store: Any) -> None:
        """Save progress in `store` from now on, starting with the step shown now.

        A session prepared in a thread has none (the store is written from the UI thread)."""
        self.store = store
        if store is not None:
            store.visit(self.lesson.id, self.index)

    # -- moving between steps -------------------------------------------------
    def open_at(self, index: int) -> None:
        """Start the lesson afresh and replay it up to the start of step ``index`` (quizzes not asked)."""
        index = max(0, min(index, self.n_steps - 1))
        self.cycle = self.lesson.build_cycle()
        self.runs, self.run_label = (), first_run_label(self.lesson)
        for passed, step in enumerate(self.lesson.steps[:index]):
            self._perform(step)
            self._take_back(passed)
            if self.cycle.diverged:
                break
        self._arrive(index)

    def apply_entry_action(self) -> None:
        """Apply a ``set``, ``reset`` or ``nudge`` step's action (after its opening quizzes)."""
        if self.step.action.do in ENTRY_ACTIONS and not self.action_done:
            self._perform(_without_quizzes(self.step))
            self.action_done = True
        self._check_finished()

    def open_playground(self) -> Any:
        """The playground session of this playground step: the current run's setup the first time, then kept."""
        from .playground_session import PlaygroundSession
        from .playground_setup import setup_of

        if self.index not in self.playgrounds:
            network, data = self.lesson.network, self.lesson.data
            for step in self.lesson.steps[: self.index + 1]:
                if step.action.starts_run:
                    network, data = step.action.network, step.action.data
            state = self.cycle.state
            self.playgrounds[self.index] = PlaygroundSession(setup_of(network, data, lr=state.lr, l2=state.l2))
        return self.playgrounds[self.index]

    def playground_returned(self) -> GoalCheck:
        """The learner is back from the playground: its network becomes this lesson's run, checked against the goal."""
        self.brought_back.add(self.index)
        check = self._take_back(self.index)
        assert check is not None, "the playground of this step was opened"
        if self.store is not None:
            self.store.record_quiz(self.lesson.id, goal_quiz_id(self.index), check.met)
        if check.met:
            self.action_done = True
            self._check_finished()
        return check

    def _take_back(self, index: int) -> GoalCheck | None:
        """Step `index`'s playground network, if the learner brought one back, as the run (None if not)."""
        if index not in self.brought_back:
            return None
        playground = self.playgrounds[index]
        if self.cycle is not playground.cycle:
            if self.run_label != YOUR_NETWORK:  # an earlier network brought back is in the playground's runs
                self._keep_run(self.cycle)
            self.cycle, self.run_label = playground.cycle, YOUR_NETWORK
        goal = self.lesson.steps[index].action.goal
        return goal.check(self.cycle.state.network, self.cycle.data, self.cycle.loss_fn)

    def _perform(self, step: Any) -> None:
        """Do what `step` says to the cycle; a new run keeps the one it ends."""
        old = self.cycle
        self.cycle = perform(step, old)
        if self.cycle is not old:
            self._keep_run(old)
            self.run_label = step.action.label or f"run {len(self.runs) + 2}"

    def _keep_run(self, cycle: Any) -> None:
        label = run_name(self.run_label, cycle.state)
        self.runs = keep_run(self.runs, label, cycle, run_path_points_for(self.lesson))

    def restart_run(self) -> None:
        """The learner's reset (r): the network back at the lesson's start, as a new run beside the one
        it ends (when that one took a step), so the runs can be compared."""
        if self.cycle.state.step_losses:
            self._keep_run(self.cycle)
            if not RATES.search(self.run_label):  # runs told apart by their rates
                self.run_label = f"{self.run_label}, lr {self.cycle.state.lr:g}"
        self.cycle.reset()
        self.history_moved()

    def runs_beside(self, state: Any) -> tuple[Run, ...]:
        """The earlier runs to draw beside `state`: a run kept by a reset the learner has undone (its
        last state is shown again) is the current run once more, and is no longer kept."""
        if any(run.ended_with(state) for run in self.runs):
            self.runs = tuple(run for run in self.runs if not run.ended_with(state))
        return self.runs

    def run_name(self, state: Any) -> str:
        """The current run's name for the charts, with the rates `state` (shown now) actually used."""
        return run_name(self.run_label, state)

    def finish_step(self) -> list[str]:
        """Do what the step still asks for; the phases it ran, for the screen to say.

        Its quizzes are not asked here: the screen first does work with quizzes on
        its way through its keys (quizzes_on_the_way), which asks them."""
        if self.action_done or self.cycle.diverged:
            return []
        action = self.step.action
        ran: list[str] = []
        if action.do == "cycle":
            ran = [str(r.phase) for r in self.cycle.run_until(action.until or "update")]
        elif action.do == "train":
            self.cycle.train(action.epochs or 1)
            ran = [f"{epochs(action.epochs or 1)} of training"]
        else:
            self.apply_entry_action()
        if action.do in ("cycle", "train"):
            self._work_done()
        self.action_done = True
        return ran

    def next_step(self) -> bool:
        """Go to the next step; False (and the lesson marked complete) at the last one."""
        self.finish_step()
        if self.is_last:
            if not self.completed:
                self.completed = True
                if self.store is not None:
                    self.store.complete(self.lesson.id)
            return False
        self._arrive(self.index + 1)
        return True

    def previous_step(self) -> bool:
        if self.index == 0:
            return False
        self.open_at(self.index - 1)
        return True

    def restart(self) -> None:
        self.open_at(0)

    def _arrive(self, index: int) -> None:
        self.index = index
        self.asked = set()
        self.action_done = self.step.action.do == "read"
        self._done_at = None
        back = self._take_back(index)  # arriving again at a playground step: the network brought back
        if back is not None:
            self.action_done = back.met
        if self.store is not None:
            self.store.visit(self.lesson.id, index)


def _without_quizzes(step: Any) -> Any:
    from dataclasses import replace

    return replace(step, quizzes=())


def _progress_mark(state: Any) -> tuple[int, int]:
    """How far a run has gone: updates applied, then the phase within the pass (grows with every phase)."""
    return (state.steps_done, state.position)
