"""Write the hostile lesson corpus: tests/hostile/files/*.toml and corpus.json.

Run it after changing the base lesson or a payload:

    python tests/hostile/make_corpus.py

Each file is a small valid lesson with one hostile change (an escape sequence
in a title, Rich markup in a choice, a huge number, a bad encoding...), or a
file that is not a lesson at all. corpus.json says for each file whether
``nntutor validate`` must refuse it and, when refused, the field its problem
must name ("" for a problem of the whole file). Files that only exist at test
time (FIFOs, symlinks, odd names) are made by ``tests/hostile/__init__.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"

# A lesson with every kind of text field: a set step that names a run, a
# cycle step with a number quiz and a choice quiz (hint, explanation).
BASE = '''format_version = 1
id = "hostile"
title = "TITLE"
summary = "SUMMARY"

[network]
layers = [1, 1]
activations = ["linear"]
loss = "squared_error"
lr = 0.001
weights = [[[0.5]]]
biases = [[0.0]]

[data]
inputs = [[1.0], [2.0]]
targets = [[1.0], [2.0]]

[[steps]]
title = "STEP_TITLE"
text = """
STEP_TEXT
"""

[[steps]]
title = "A second run"
text = "A fresh start."
do = "set"
reset = true
label = "LABEL"

[[steps]]
title = "One pass"
text = "Press space."
do = "cycle"
until = "loss"

[[steps.quizzes]]
kind = "number"
question = "QUESTION"
check = "loss"
reveal = "loss"
relative_tolerance = 0.5
hint = "HINT"
explanation = "EXPLANATION"

[[steps.quizzes]]
kind = "choice"
question = "Which way?"
choices = ["up", "CHOICE"]
answer = 1
'''

# placeholder -> the field path a problem with it must name
FIELDS = {
    "TITLE": "title",
    "SUMMARY": "summary",
    "STEP_TITLE": "steps[0].title",
    "STEP_TEXT": "steps[0].text",
    "LABEL": "steps[1].label",
    "QUESTION": "steps[2].quizzes[0].question",
    "HINT": "steps[2].quizzes[0].hint",
    "EXPLANATION": "steps[2].quizzes[0].explanation",
    "CHOICE": "steps[2].quizzes[1].choices[1]",
}
PLAIN = {
    "TITLE": "Hostile",
    "SUMMARY": "A lesson under attack.",
    "STEP_TITLE": "Start",
    "STEP_TEXT": "Read this.",
    "LABEL": "fresh",
    "QUESTION": "What is the loss?",
    "HINT": "Square the miss.",
    "EXPLANATION": "It is the squared miss.",
    "CHOICE": "down",
}

# Written as TOML escapes, so the file itself is plain ASCII: the validator
# must look at the decoded strings. All of these must be refused.
CONTROL_PAYLOADS = {
    "osc-title": r"x\u001b]0;PWN\u0007y",
    "osc52-clipboard": r"x\u001b]52;c;ZWNobyBwd25lZA==\u0007y",
    "clear-screen": r"x\u001b[2Jy",
    "c1-csi": r"x\u009b2Jy",
    "c1-osc": r"x\u009d0;PWN\u009cy",
    "bidi-override": r"x\u202eevil\u202cy",
    "bidi-isolate": r"x\u2066evil\u2069y",
    "nul": r"x\u0000y",
    "backspace": r"xx\by",
    "carriage-return": r"hidden\rshown",
    "delete": r"x\u007fy",
}
# Text that must be shown literally: accepted by validate, plain text in the UI.
MARKUP_PAYLOADS = {
    "markup-close": "[/] x",
    "markup-click": "[@click=app.quit]x[/]",
    "markup-style": "[bold red on white blink]loud[/]",
    "markup-link": "[link=https://example.invalid]click[/link]",
}


def fill(**values: str) -> str:
    text = BASE
    for key in sorted(FIELDS, key=len, reverse=True):  # STEP_TITLE before TITLE
        text = text.replace(key, values.get(key, PLAIN[key]))
    return text


def variants() -> dict[str, tuple[bytes, str, str]]:
    """name -> (file bytes, "refused" or "accepted", field a refusal names)."""
    out: dict[str, tuple[bytes, str, str]] = {}
    for key, field in FIELDS.items():
        slug = key.lower().replace("_", "-")
        for name, payload in CONTROL_PAYLOADS.items():
            out[f"{name}-in-{slug}"] = (fill(**{key: payload}).encode(), "refused", field)
        for name, payload in MARKUP_PAYLOADS.items():
            if key == "LABEL" and len(payload) > 40:  # a run label is at most 40 characters
                continue
            out[f"{name}-in-{slug}"] = (fill(**{key: payload.replace('"', '\\"')}).encode(), "accepted", "")
    base = fill()
    ok = base.encode()

    def edit(old: str, new: str, count: int = 1) -> bytes:
        assert old in base, old
        return base.replace(old, new, count).encode()

    out.update(
        {
            "plain-base": (ok, "accepted", ""),
            # terminal bytes written raw into the file: TOML forbids them, a syntax error
            "raw-esc-in-title": (edit('title = "Hostile"', 'title = "x\x1b]0;PWN\x07y"'), "refused", ""),
            "raw-c1-in-step-text": (edit("Read this.", "x\u009b2Jy"), "refused", "steps[0].text"),
            "raw-bidi-in-choice": (edit('"down"', '"d\u202eown"'), "refused", "steps[2].quizzes[1].choices[1]"),
            "escape-in-key": (
                edit("[network]", '"\\u001b]0;PWN\\u0007" = 1\n\n[network]'),
                "refused",
                "\\x1b]0;PWN\\x07",
            ),
            "escape-in-unknown-step-key": (
                edit('title = "Start"', 'title = "Start"\n"x\\u001b[2J" = "y"'),
                "refused",
                "steps[0].x\\x1b[2J",
            ),
            "escape-in-id": (edit('id = "hostile"', 'id = "ho\\u001bstile"'), "refused", "id"),
            "escape-in-phase": (edit('until = "loss"', 'until = "lo\\u001bss"'), "refused", "steps[2].until"),
            "escape-in-check-path": (
                edit('check = "loss"', 'check = "lo\\u001b[2Jss"'),
                "refused",
                "steps[2].quizzes[0].check",
            ),
            "escape-in-dataset-name": (
                edit("inputs = [[1.0], [2.0]]\ntargets = [[1.0], [2.0]]", 'dataset = "cr\\u001b]0;x\\u0007owd"'),
                "refused",
                "data.dataset",
            ),
            "newline-in-title": (edit('title = "Hostile"', 'title = "Hos\\ntile"'), "refused", "title"),
            "newline-in-choice": (edit('"down"', '"do\\nwn"'), "refused", "steps[2].quizzes[1].choices[1]"),
            "tab-in-step-text": (edit("Read this.", "Read\tthis."), "accepted", ""),
            "zero-width-and-rtl-letters": (
                edit("Read this.", "Read\u200bthis: \u05e9\u05dc\u05d5\u05dd, \u4e2d\u6587"),
                "accepted",
                "",
            ),
            "emoji-and-combining": (edit('"Hostile"', '"Hostile \U0001f9e0 e\u0301"'), "accepted", ""),
            # sizes
            "huge-file": (ok + b"\n# " + b"x" * (300 * 1024) + b"\n", "refused", ""),
            "huge-step-text": (edit("Read this.", "word " * 1000), "refused", "steps[0].text"),
            "huge-title": (edit('title = "Hostile"', f'title = "{"T" * 500}"'), "refused", "title"),
            "huge-label": (edit('label = "fresh"', f'label = "{"L" * 41}"'), "refused", "steps[1].label"),
            "too-many-steps": (ok + b'\n[[steps]]\ntitle = "More"\ntext = "More."\n' * 60, "refused", "steps"),
            "too-many-choices": (
                edit('choices = ["up", "down"]', f"choices = {json.dumps([f'c{i}' for i in range(20)])}"),
                "refused",
                "steps[2].quizzes[1].choices",
            ),
            "huge-layers": (edit("layers = [1, 1]", "layers = [1, 100000000, 1]"), "refused", "network.layers[1]"),
            "too-many-layers": (edit("layers = [1, 1]", f"layers = {[1] * 40}"), "refused", "network.layers"),
            "huge-samples": (
                edit("inputs = [[1.0], [2.0]]\ntargets = [[1.0], [2.0]]", 'dataset = "crowd"\nsamples = 1000000000'),
                "refused",
                "data.samples",
            ),
            "huge-epochs": (
                edit('do = "set"\nreset = true\nlabel = "fresh"', 'do = "train"\nepochs = 999999999'),
                "refused",
                "steps[1].epochs",
            ),
            # numbers
            "huge-lr": (edit("lr = 0.001", "lr = 1e308"), "refused", "network.lr"),
            "inf-lr": (edit("lr = 0.001", "lr = inf"), "refused", "network.lr"),
            "nan-lr": (edit("lr = 0.001", "lr = nan"), "refused", "network.lr"),
            "overflowing-float": (edit("lr = 0.001", "lr = 1e400"), "refused", "network.lr"),
            "huge-int-seed": (
                edit("biases = [[0.0]]", "biases = [[0.0]]\nseed = 99999999999999999999999"),
                "refused",
                "network.seed",
            ),
            "negative-tolerance": (
                edit("relative_tolerance = 0.5", "tolerance = -1"),
                "refused",
                "steps[2].quizzes[0].tolerance",
            ),
            "nan-string-answer": (edit('check = "loss"', 'answer = "nan"'), "refused", "steps[2].quizzes[0].answer"),
            "inf-string-answer": (edit('check = "loss"', 'answer = "inf"'), "refused", "steps[2].quizzes[0].answer"),
            "inf-weight": (edit("weights = [[[0.5]]]", "weights = [[[inf]]]"), "refused", "network.weights[0][0][0]"),
            "huge-input": (
                edit("inputs = [[1.0], [2.0]]", "inputs = [[1e300], [2.0]]"),
                "refused",
                "data.inputs[0][0]",
            ),
            "diverging-lr": (
                edit("lr = 0.001", "lr = 100.0")
                .replace(b'until = "loss"', b'until = "update"')
                .replace(b'reveal = "loss"', b'reveal = "update"'),
                "accepted",
                "",
            ),
            "diverging-training": (
                edit(
                    '[[steps]]\ntitle = "One pass"',
                    '[[steps]]\ntitle = "Blow up"\ntext = "t"\n'
                    'do = "train"\nepochs = 200\n\n[[steps]]\ntitle = "One pass"',
                ).replace(b"lr = 0.001", b"lr = 50.0"),
                "refused",
                "steps[2]",
            ),
            # what only the walk finds
            "check-with-no-reveal": (
                edit('reveal = "loss"\n', "").replace(b'check = "loss"', b'check = "dW[1][0,0]"'),
                "refused",
                "steps[2].quizzes[0].check",
            ),
            "reveal-never-runs": (
                edit('reveal = "loss"', 'reveal = "update"'),
                "refused",
                "steps[2].quizzes[0].reveal",
            ),
            # structure and types
            "deep-nesting": (edit("biases = [[0.0]]", "biases = " + "[" * 2000 + "]" * 2000), "refused", ""),
            "deep-tables": (ok + b"\n[" + b".".join(b"t%d" % i for i in range(200)) + b"]\nx = 1\n", "refused", ""),
            "steps-is-text": (
                base.split("[[steps]]")[0].replace("format_version = 1", 'format_version = 1\nsteps = "many"').encode(),
                "refused",
                "steps",
            ),
            "steps-are-empty": (
                base.split("[[steps]]")[0].replace("format_version = 1", "format_version = 1\nsteps = []").encode(),
                "refused",
                "steps",
            ),
            "network-is-number": (
                edit("[network]", "[netwrk]").replace(b"format_version = 1", b"format_version = 1\nnetwork = 3"),
                "refused",
                "",
            ),
            "title-is-number": (edit('title = "Hostile"', "title = 5"), "refused", "title"),
            "title-is-table": (edit('title = "Hostile"', "title = { a = 1 }"), "refused", "title"),
            "choices-are-numbers": (
                edit('choices = ["up", "down"]', "choices = [1, 2]"),
                "refused",
                "steps[2].quizzes[1].choices[0]",
            ),
            "answer-is-list": (edit("answer = 1", "answer = [1]"), "refused", "steps[2].quizzes[1].answer"),
            "layers-are-floats": (edit("layers = [1, 1]", "layers = [1.0, 1.5]"), "refused", "network.layers[0]"),
            "bool-as-number": (edit("lr = 0.001", "lr = true"), "refused", "network.lr"),
            "datetime-value": (
                edit('summary = "A lesson under attack."', "summary = 1979-05-27T07:32:00Z"),
                "refused",
                "summary",
            ),
            "duplicate-key": (edit('title = "Hostile"', 'title = "Hostile"\ntitle = "Again"'), "refused", ""),
            "duplicate-table": (ok + b"\n[network]\nlr = 1.0\n", "refused", ""),
            "unknown-top-key": (
                edit('summary = "A lesson under attack."', 'summary = "x"\nexec = "rm -rf /"'),
                "refused",
                "exec",
            ),
            "python-in-check": (
                edit('check = "loss"', "check = \"__import__('os').system('id')\""),
                "refused",
                "steps[2].quizzes[0].check",
            ),
            "path-traversal-dataset": (
                edit("inputs = [[1.0], [2.0]]\ntargets = [[1.0], [2.0]]", 'dataset = "../../etc/passwd"'),
                "refused",
                "data.dataset",
            ),
            "format-version-huge": (
                edit("format_version = 1", "format_version = 10000000000000000000"),
                "refused",
                "format_version",
            ),
            "no-format-version": (edit("format_version = 1\n", ""), "refused", "format_version"),
            # encodings and not-a-lesson files
            "empty": (b"", "refused", ""),
            "only-whitespace": (b"\n\n   \t\n", "refused", ""),
            "only-comment": (b"# nothing here\n", "refused", "format_version"),
            "binary-noise": (bytes(range(256)) * 8, "refused", ""),
            "elf-header": (b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "refused", ""),
            "latin-1": (edit("Read this.", "Caf\u00e9").decode().encode("latin-1"), "refused", ""),
            "utf-16-bom": (base.encode("utf-16"), "refused", ""),
            "utf-16-no-bom": (base.encode("utf-16-le"), "refused", ""),
            "utf-8-bom": (b"\xef\xbb\xbf" + ok, "accepted", ""),
            "invalid-utf-8-in-string": (edit("Read this.", "Read XX").replace(b"XX", b"\xc3\x28"), "refused", ""),
            "overlong-utf-8": (edit("Read this.", "Read XX").replace(b"XX", b"\xc0\xaf"), "refused", ""),
            "encoded-surrogate": (edit("Read this.", "Read XX").replace(b"XX", b"\xed\xa0\x80"), "refused", ""),
            "surrogate-escape": (edit("Read this.", "Read \\ud800"), "refused", ""),
            "crlf-line-ends": (ok.replace(b"\n", b"\r\n"), "accepted", ""),
            "lone-cr-line-ends": (ok.replace(b"\n", b"\r"), "refused", ""),
            "nul-bytes": (ok.replace(b"Read this.", b"Read\x00this."), "refused", ""),
        }
    )
    return out


# Lessons that validate field by field but cost too much to show (the cost
# model, nntutor/curriculum/cost.py, refuses them).
COST_HEAD = """format_version = 1
id = "hostile"
title = "Costly"
summary = "Fine field by field, too heavy to show."

[network]
layers = LAYERS
activations = ACTIVATIONS
loss = "squared_error"
lr = 0.01
batch = "full"

[data]
dataset = "xor"
samples = SAMPLES
"""

COST_STEP = """
[[steps]]
title = "Step TITLE"
text = "Press space."
SHOW
do = "cycle"
until = "loss"
"""


def cost_lesson(layers: list[int], samples: int, steps: str) -> bytes:
    activations = ["tanh"] * (len(layers) - 2) + ["sigmoid"]
    head = COST_HEAD.replace("LAYERS", str(layers)).replace("ACTIVATIONS", str(activations).replace("'", '"'))
    return (head.replace("SAMPLES", str(samples)) + steps).encode()


def cost_variants() -> dict[str, tuple[bytes, str, str]]:
    deep = [2] + [64] * 7 + [1]  # 8 weight layers, the most a network may have
    surface = COST_STEP.replace("TITLE", "1").replace("SHOW", 'show = "surface"')
    sixty = "".join(COST_STEP.replace("TITLE", str(n)).replace("SHOW", 'show = "network"') for n in range(60))
    small = COST_STEP.replace("TITLE", "1").replace("SHOW", "")
    new_run = (
        '\n[[steps]]\ntitle = "Bigger"\ntext = "A new run."\ndo = "set"\n'
        f"layers = {deep}\nactivations = {str(['tanh'] * 7 + ['sigmoid']).replace(chr(39), chr(34))}\n"
        "[steps.data]\nsamples = 5000\n"
    )
    train = '\n[[steps]]\ntitle = "Train long"\ntext = "Press t."\ndo = "train"\nepochs = 3000\n'
    return {
        "cost-surface-8x64x5000": (cost_lesson(deep, 5000, surface), "refused", "network.layers"),
        "cost-60-steps-8x64x5000": (cost_lesson(deep, 5000, sixty), "refused", "network.layers"),
        "cost-new-run-8x64x5000": (cost_lesson([2, 2, 1], 20, small + new_run), "refused", "steps[1].layers"),
        # 3000 epochs of 5000 samples pass the per-step and per-lesson training caps, but the
        # walk that checks the file before it first opens would train for about 15 s.
        "cost-3000-epochs-of-5000": (cost_lesson([2, 16, 1], 5000, small + train), "refused", "steps[1].epochs"),
    }


def main() -> None:
    FILES.mkdir(exist_ok=True)
    for old in FILES.glob("*.toml"):
        old.unlink()
    manifest = {}
    for name, (data, verdict, field) in sorted((variants() | cost_variants()).items()):
        # each file its own id, so that a folder of them holds no duplicate ids
        data = data.replace(b'id = "hostile"', b'id = "' + name[:40].strip("-").encode() + b'"')
        (FILES / f"{name}.toml").write_bytes(data)
        manifest[f"{name}.toml"] = {"verdict": verdict, "field": field}
    (HERE / "corpus.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    print(f"wrote {len(manifest)} files to {FILES.relative_to(HERE.parents[1])}")


if __name__ == "__main__":
    main()
