"""What a lesson author sees when a file is wrong: one precise line each, exit 1, no traceback."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nntutor.curriculum import LessonError, find_lesson, load_lesson, load_lessons, run_validate, validate_file
from nntutor.curriculum.limits import MAX_FILE_BYTES

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "lessons"
SHIPPED = REPO / "lessons"

# fixture -> the exact lines `nntutor validate` prints for it (after the file name)
EXPECTED = {
    "syntax-error.toml": [":9:9: TOML syntax error: Expected newline or end of document after a statement"],
    "wrong-type.toml": [':9:1: network.lr: expected a number, got text "fast"'],
    "unknown-key.toml": [
        ':3:1: titel: unknown key (did you mean "title"?); known keys here: '
        "format_version, id, title, summary, network, data, steps, surface",
        ": title: missing (this field is required)",
    ],
    "missing-field.toml": [":5:1: network.loss: missing (this field is required)"],
    "bad-quiz-path.toml": [":27:1: steps[0].quizzes[0].check: layer 2 does not exist; this network has only layer 1"],
    "oversized-network.toml": [":6:1: network.layers[1]: expected a whole number from 1 to 100, got 100000"],
    "huge-text.toml": [":21:1: steps[0].text: is 18000 characters long; at most 2000 allowed"],
    "wrong-format-version.toml": [
        ":1:1: format_version: this file is written in format_version 2; this nntutor reads format_version 1"
    ],
    "wrong-answer.toml": [
        ':26:1: steps[0].quizzes[0].answer: the file says 22000 but the network gives 22500 for loss after "loss"'
    ],
    "never-asked.toml": [
        ':29:1: steps[0].quizzes[0].reveal: phase "update" does not run during this step, so the quiz is never asked'
    ],
    "bad-activation.toml": [
        ':7:1: network.activations[0]: expected one of "linear", "sigmoid", "tanh", "relu", "softmax", '
        'got text "sigmod" (did you mean "sigmoid"?)'
    ],
    "shape-mismatch.toml": [":10:1: network.weights[0]: layer 1 needs shape 1 x 1 (as network.layers says), got 1 x 2"],
    "too-much-training.toml": [
        ":17:1: steps[0].epochs: the lesson's training reaches 100000000 updates x (layers + 1) and 3.0e+10 samples x "
        "weights here; a lesson may train at most 150000 and 1.0e+09 (use fewer epochs, larger batches or less data)"
    ],
}


def validate(*paths) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_validate([str(p) for p in paths], out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in FIXTURES.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_file_gets_its_own_precise_message(name):
    path = FIXTURES / name
    code, lines, summary = validate(path)
    assert code == 1
    assert lines == [f"{path}{line}" for line in EXPECTED[name]]
    assert "1 lesson file checked, 1 with problems" in summary


def test_valid_files_exit_0_with_no_problem_lines():
    code, lines, summary = validate(SHIPPED)
    assert (code, lines) == (0, [])
    assert "all valid" in summary


def test_no_paths_means_the_shipped_lessons():
    code, lines, summary = validate()
    assert (code, lines) == (0, [])
    assert f"{len(list(SHIPPED.glob('*.toml')))} lesson files checked" in summary


def test_a_folder_reports_every_broken_file_and_exit_1():
    code, lines, summary = validate(FIXTURES)
    assert code == 1
    assert len(lines) == sum(len(v) for v in EXPECTED.values())
    assert f"{len(EXPECTED)} lesson files checked, {len(EXPECTED)} with problems" in summary


def test_missing_file_folder_and_empty_folder(tmp_path):
    code, lines, _ = validate(tmp_path / "nope.toml", tmp_path)
    assert code == 1
    assert lines == [f"{tmp_path}: no lesson files (*.toml) in this folder", f"{tmp_path / 'nope.toml'}: no such file"]


def test_file_size_is_checked_before_parsing(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"x = [" + b"1," * MAX_FILE_BYTES + b"]")
    assert [str(p) for p in validate_file(path)] == [f"{path}: is 512 KiB; a lesson file may be at most 256 KiB"]


def test_endless_device_is_not_read_forever():
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    assert [str(p) for p in validate_file("/dev/zero")] == ["/dev/zero: is a device, not a regular file"]


def test_deeply_nested_brackets_and_binary_garbage(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b'title = "a"\n\xff\xfe\x00')
    assert [str(p) for p in validate_file(deep)] == [f"{deep}: brackets are nested too deeply to be a lesson"]
    assert [str(p) for p in validate_file(binary)] == [
        f"{binary}:2:1: is not UTF-8 text (byte 0xff cannot start or continue a character here); save it as UTF-8"
    ]


def _lesson_text(**changes: str) -> str:
    text = (FIXTURES / "wrong-answer.toml").read_text().replace("answer = 22000", "answer = 22500")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize(
    "old, new, where, message",
    [
        (
            'check = "loss"',
            'check = "W[1][2,0]"',
            "steps[0].quizzes[0].check",
            "neuron index 2 is out of range; W[1][2,0] allows 0 to 0 there",
        ),
        (
            'check = "loss"',
            'check = "z[1][1,0]"',
            "steps[0].quizzes[0].check",
            "sample index 1 is out of range; z[1][1,0] allows 0 to 0 there",
        ),
        (
            'check = "loss"',
            "check = \"__import__('os')\"",
            "steps[0].quizzes[0].check",
            "cannot read \"__import__('os')\"; expected one of loss, train_loss, test_loss, lr, epoch, "
            "W[layer][i,j], dW[layer][i,j], b[layer][j], db[layer][j], z[layer][s,j], a[layer][s,j], "
            "delta[layer][s,j], dL_da[s,j], output[s,j], "
            "x[s,i], t[s,j]",
        ),
        (
            'reveal = "loss"',
            'reveal = "forward 2"',
            "steps[0].quizzes[0].reveal",
            "phase 'forward 2': the network has layers 1 to 1",
        ),
        (
            'kind = "number"',
            'kind = "numbr"',
            "steps[0].quizzes[0].kind",
            'expected one of "number", "choice", "direction", got text "numbr" (did you mean "number"?)',
        ),
        (
            "tolerance = 0.5",
            "tolerance = 0.5\nrelative_tolerance = 0.1",
            "steps[0].quizzes[0].relative_tolerance",
            "give tolerance or relative_tolerance, not both",
        ),
        ('do = "cycle"', 'do = "train"', "steps[0].until", 'only applies to do = "cycle" (this step has do = "train")'),
        ("lr = 0.5", "lr = nan", "network.lr", "expected a finite number no larger than 1e12, got nan"),
        ("lr = 0.5", "lr = true", "network.lr", "expected a number, got true"),
        (
            "inputs = [[0.0]]",
            "inputs = [[0.0, 1.0]]",
            "data.inputs[0]",
            "expected 1 number per row (network.layers starts with 1), got 2",
        ),
        (
            'id = "fixture"',
            'id = "Bad Id"',
            "id",
            'expected lower-case letters, digits and dashes (like "neuron-basics"), got text "Bad Id"',
        ),
        (
            "[data]\n",
            '[data]\ndataset = "xor"\n',
            "data",
            "give either dataset (a named dataset) or inputs and targets, not both",
        ),
    ],
)
def test_field_problems_name_the_field_and_what_was_expected(tmp_path, old, new, where, message):
    path = tmp_path / "lesson.toml"
    path.write_text(_lesson_text(**{old: new}))
    problems = validate_file(path)
    assert [(p.where, p.message) for p in problems][:1] == [(where, message)]


def test_a_choice_quiz_answer_must_be_one_of_its_choices(tmp_path):
    path = tmp_path / "lesson.toml"
    path.write_text(
        _lesson_text() + '\n[[steps.quizzes]]\nkind = "choice"\nquestion = "?"\n'
        'choices = ["up", "down"]\nanswer = "sideways"\n'
    )
    assert [str(p) for p in validate_file(path)] == [
        f"{path}:35:1: steps[0].quizzes[1].answer: expected one of the choices' text, or a number from 1 to 2, "
        f'got text "sideways"'
    ]


def test_a_named_dataset_must_match_the_network(tmp_path):
    text = _lesson_text(**{"inputs = [[0.0]]\ntargets = [[500.0]]": 'dataset = "xor"\nsamples = 20'})
    path = tmp_path / "lesson.toml"
    path.write_text(text)
    assert [p.message for p in validate_file(path)] == [
        "the xor dataset has 2 input(s) and 1 output(s), but network.layers starts with 1 and ends with 1"
    ]


def test_load_lesson_raises_with_every_problem():
    with pytest.raises(LessonError) as caught:
        load_lesson(FIXTURES / "unknown-key.toml")
    assert [p.where for p in caught.value.problems] == ["titel", "title"]


def test_a_broken_lesson_is_reported_and_the_others_still_load(tmp_path):
    for name in ("01-neuron.toml", "03-loss.toml"):
        shutil.copy(SHIPPED / name, tmp_path / name)
    shutil.copy(FIXTURES / "syntax-error.toml", tmp_path / "02-broken.toml")
    (tmp_path / "04-same-id.toml").write_text((SHIPPED / "01-neuron.toml").read_text())
    lessons, problems = load_lessons(tmp_path)
    assert [lesson.id for lesson in lessons] == ["neuron", "loss"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / '02-broken.toml'}:9:9: TOML syntax error: Expected newline or end of document after a statement",
        f'{tmp_path / "04-same-id.toml"}: id: "neuron" is already used by 01-neuron.toml; each lesson needs its own id',
    ]


def test_find_lesson_by_id_or_path():
    assert find_lesson("backprop").title == "Backpropagation"
    assert find_lesson(str(SHIPPED / "03-loss.toml")).id == "loss"
    with pytest.raises(LessonError, match="no lesson with this id; known ids: neuron, "):
        find_lesson("nope")


def _cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "nntutor.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def test_the_validate_command_in_a_real_process():
    bad = _cli("validate", str(FIXTURES))
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert f'{FIXTURES / "wrong-type.toml"}:9:1: network.lr: expected a number, got text "fast"' in bad.stdout
    good = _cli("validate")
    assert (good.returncode, good.stdout) == (0, "")


def test_the_new_lesson_command_writes_a_file_that_validates(tmp_path):
    made = _cli("new-lesson", "05-my-idea", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert _cli("validate", str(tmp_path / "05-my-idea.toml")).returncode == 0
    again = _cli("new-lesson", "05-my-idea", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_a_quiz_reading_a_value_that_does_not_exist_yet_is_reported(tmp_path):
    text = _lesson_text(**{'until = "loss"': 'until = "backward 1"'}) + (
        '\n[[steps.quizzes]]\nkind = "direction"\nquestion = "?"\ncheck = "dW[1][0,0]"\nreveal = "backward 1"\n'
        '\n[[steps.quizzes]]\nkind = "number"\nquestion = "?"\ncheck = "db[1][0]"\n'
    )
    path = tmp_path / "lesson.toml"
    path.write_text(text)
    assert [(p.where, p.message) for p in validate_file(path)] == [
        ("steps[0].quizzes[2].check", "db[1][0] has no value when the step begins"),
        ("steps[0].quizzes[1].check", 'dW[1][0,0] has no value before "backward 1" runs'),
    ]
