"""Checks of a step's quizzes: each kind's fields, its answer or the value it
checks (a path into the live network), and its reveal against the step's action.
"""

from __future__ import annotations

from typing import Any

from . import limits
from .fields import Invalid, describe, number, one_of
from .model import Action, NetworkSpec
from .paths import parse_path
from .problems import Problem
from .quiz import DIRECTIONS, Quiz
from .quiz_words import rough_words_warning
from .schema import QUIZ_FIELDS
from .schema_parts import PartChecks


class QuizChecks(PartChecks):
    def quizzes(
        self, raw: Any, where: str, index: int, action: Action, net: NetworkSpec | None, batch: int | None
    ) -> tuple[Quiz, ...] | None:
        if not isinstance(raw, list) or not all(isinstance(q, dict) for q in raw):
            self.error(f"{where}.quizzes", f"expected [[steps.quizzes]] tables, got {describe(raw)}")
            return None
        if len(raw) > limits.MAX_QUIZZES_PER_STEP:
            self.error(f"{where}.quizzes", f"expected at most {limits.MAX_QUIZZES_PER_STEP} quizzes, got {len(raw)}")
            return None
        out = [
            self.quiz(q, f"{where}.quizzes[{j}]", f"{index + 1}.{j + 1}", action, net, batch) for j, q in enumerate(raw)
        ]
        built = [quiz for quiz in out if quiz is not None]
        return tuple(built) if len(built) == len(out) else None

    def quiz(
        self, raw: dict, where: str, default_id: str, action: Action, net: NetworkSpec | None, batch: int | None
    ) -> Quiz | None:
        before = len(self.problems)
        f = self.table(raw, QUIZ_FIELDS, where)
        kind = f.get("kind")
        path = None
        if "check" in f:
            try:
                path = parse_path(f["check"])
            except ValueError as exc:
                self.error(f"{where}.check", str(exc))
            if path is not None and net is not None:
                wrong = path.check_shape(net.layers, batch)
                if wrong:
                    self.error(f"{where}.check", wrong)
        answer = self._answer(f, where, kind, path)
        if "reveal" in f:
            self._check_reveal(f"{where}.reveal", f["reveal"], action, net)
        if kind == "direction" and path is not None and "reveal" not in f:
            self.error(
                f"{where}.reveal", "missing (a direction quiz with check compares before and after its reveal phase)"
            )
        if len(self.problems) > before or kind is None:
            return None
        if kind == "number":
            assert not isinstance(answer, str), "a number quiz's answer passed number() (or it has none)"
            rough = rough_words_warning(f["question"], f.get("tolerance"), f.get("relative_tolerance"), answer)
            if rough:
                key = next((k for k in ("tolerance", "relative_tolerance") if k in f), "question")
                self.warnings.append(Problem(self.file, f"{where}.{key}", rough, warning=True))
        return Quiz(
            f.get("id", default_id),
            kind,
            f["question"],
            answer,
            path,
            f.get("tolerance"),
            f.get("relative_tolerance"),
            f.get("reveal"),
            (action.epochs or 0) if f.get("reveal") == "train" else 0,
            f.get("hint", ""),
            f.get("explanation", ""),
            f.get("choices", ()),
        )

    def _answer(self, f: dict, where: str, kind: str | None, path: Any) -> float | str | None:
        answer = f.get("answer")
        if "answer" not in f and "check" not in f and kind != "choice":
            self.error(f"{where}.answer", "missing (give answer, check, or both)")
        # kind None: a bad kind, reported already; which fields apply to it cannot be said
        if kind not in (None, "choice") and "choices" in f:
            self.error(f"{where}.choices", f'only applies to kind = "choice" (this quiz is "{kind}")')
        if kind not in (None, "number"):
            for key in ("tolerance", "relative_tolerance"):
                if key in f:
                    self.error(f"{where}.{key}", f'only applies to kind = "number" (this quiz is "{kind}")')
        if kind == "number":
            if "tolerance" in f and "relative_tolerance" in f:
                self.error(f"{where}.relative_tolerance", "give tolerance or relative_tolerance, not both")
            if "answer" in f:
                try:
                    answer = number()(answer)
                except Invalid as exc:
                    self.error(f"{where}.answer", exc.message)
        elif kind == "direction" and "answer" in f:
            try:
                answer = one_of(*DIRECTIONS)(answer)
            except Invalid as exc:
                self.error(f"{where}.answer", exc.message)
        elif kind == "choice":
            answer = self._choice_answer(f, where)
            if "check" in f:
                self.error(
                    f"{where}.check", "a choice quiz has a fixed answer; check applies to number and direction quizzes"
                )
        return answer

    def _choice_answer(self, f: dict, where: str) -> str | None:
        choices, answer = f.get("choices"), f.get("answer")
        if choices is None:
            if "choices" not in f:
                self.error(f"{where}.choices", 'missing (a choice quiz needs choices = ["...", "..."])')
            return None
        if "answer" not in f:
            self.error(f"{where}.answer", "missing (the correct choice's text, or its number counting from 1)")
        elif isinstance(answer, int) and not isinstance(answer, bool) and 1 <= answer <= len(choices):
            return choices[answer - 1]
        elif isinstance(answer, str) and answer in choices:
            return answer
        else:
            self.error(
                f"{where}.answer",
                f"expected one of the choices' text, or a number from 1 to {len(choices)}, got {describe(answer)}",
            )
        return None

    def _check_reveal(self, where: str, reveal: str, action: Action, net: NetworkSpec | None) -> None:
        if reveal == "train":
            if action.do != "train":
                self.error(where, f'reveal = "train" needs a step with do = "train" (this one is "{action.do}")')
            return
        if net is not None and self._check_phase(where, reveal, net.depth) and action.do != "cycle":
            self.error(where, f'a phase reveal needs a step with do = "cycle" that runs it (this one is "{action.do}")')
