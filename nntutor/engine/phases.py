"""The phases of one training step, in the order the learner walks them.

sample -> forward 1 .. forward L -> loss -> backward L .. backward 1 -> update
"""

from typing import NamedTuple

from .errors import EngineError

PHASE_KINDS = ("sample", "forward", "loss", "backward", "update")
_LAYERED = ("forward", "backward")


class Phase(NamedTuple):
    kind: str
    layer: int | None = None  # 1-based, for forward and backward only

    def __str__(self) -> str:
        return f"{self.kind} {self.layer}" if self.layer is not None else self.kind

    @classmethod
    def parse(cls, text: str, depth: int) -> "Phase":
        """'loss', 'forward 2', 'backward 1' ... checked against a network of `depth` layers."""
        words = str(text).split()
        if not words or words[0] not in PHASE_KINDS:
            raise EngineError(f"unknown phase {text!r}; expected one of {', '.join(PHASE_KINDS)}")
        kind = words[0]
        if kind in _LAYERED:
            if len(words) != 2 or not words[1].isdigit():
                raise EngineError(f"phase {text!r} needs a layer number, like '{kind} 1'")
            layer = int(words[1])
            if not 1 <= layer <= depth:
                raise EngineError(f"phase {text!r}: the network has layers 1 to {depth}")
            return cls(kind, layer)
        if len(words) != 1:
            raise EngineError(f"phase {text!r}: {kind} takes no layer number")
        return cls(kind)


def phase_sequence(depth: int) -> tuple[Phase, ...]:
    return (
        (Phase("sample"),)
        + tuple(Phase("forward", k) for k in range(1, depth + 1))
        + (Phase("loss"),)
        + tuple(Phase("backward", k) for k in range(depth, 0, -1))
        + (Phase("update"),)
    )
