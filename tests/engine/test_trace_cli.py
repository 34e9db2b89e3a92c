"""`nntutor trace` as a user runs it: a real process, its stdout, stderr and exit status."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest


def trace(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "nntutor.cli", "trace", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_json_trace_of_the_worked_example(tmp_path):
    weights = tmp_path / "w.json"
    weights.write_text(
        json.dumps(
            {"W": [[[0.15, 0.25], [0.20, 0.30]], [[0.40, 0.50], [0.45, 0.55]]], "b": [[0.35, 0.35], [0.60, 0.60]]}
        )
    )
    data = tmp_path / "d.json"
    data.write_text(json.dumps({"x": [[0.05, 0.10]], "y": [[0.01, 0.99]]}))
    result = trace(
        "--weights",
        str(weights),
        "--data",
        str(data),
        "--activations",
        "sigmoid,sigmoid",
        "--loss",
        "half_squared_error",
        "--lr",
        "0.5",
        "--phases",
        "7",
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event"] for r in records] == [
        "start",
        "sample",
        "forward",
        "forward",
        "loss",
        "backward",
        "backward",
        "update",
    ]
    assert records[0]["layers"] == [2, 2, 2] and records[0]["W"][1][0] == [0.40, 0.50]
    assert [r.get("layer") for r in records[2:4]] == [1, 2]
    assert records[4]["loss"] == pytest.approx(0.298371109)
    assert records[5]["layer"] == 2 and records[5]["dW"][0][0] == pytest.approx(0.082167041)
    assert records[7]["W"][1][0][0] == pytest.approx(0.35891648)
    assert all(r["epoch"] == 1 for r in records[1:])


def test_same_seed_gives_identical_traces():
    args = (
        "--layers",
        "2,3,1",
        "--activations",
        "tanh,sigmoid",
        "--dataset",
        "xor",
        "--batch",
        "4",
        "--seed",
        "5",
        "--epochs",
        "2",
        "--format",
        "json",
    )
    first, second = trace(*args), trace(*args)
    assert first.returncode == 0 and first.stdout == second.stdout
    assert first.stdout.count('"event": "update"') == 2 * 25  # 100 samples, 4 per step, 2 epochs


def test_text_trace_is_readable():
    result = trace("--samples", "2", "--phases", "4")
    assert result.returncode == 0
    assert "forward 1" in result.stdout and "loss =" in result.stdout


def test_diverging_trace_says_so():
    result = trace(
        "--layers",
        "1,1",
        "--activations",
        "linear",
        "--dataset",
        "crowd",
        "--loss",
        "squared_error",
        "--lr",
        "100000",
        "--epochs",
        "300",
        "--format",
        "json",
    )
    assert result.returncode == 0
    last = json.loads(result.stdout.splitlines()[-1])
    assert last["event"] == "diverged" and "learning rate" in last["message"]


@pytest.mark.parametrize(
    "args, words",
    [
        (("--batch", "0"), "--batch"),
        (("--layers", "2,x,1"), "--layers"),
        (("--activations", "sigmod,sigmoid"), "unknown activation 'sigmod'"),
        (("--dataset", "moons"), "unknown dataset"),
        (("--phases", "2", "--epochs", "1"), "not allowed with"),
    ],
)
def test_bad_options_get_one_line_and_status_2(args, words):
    result = trace(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in result.stderr


def test_broken_weights_file_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"W": [[[1, 2]]],\n "b": [oops]}')
    result = trace("--weights", str(bad))
    assert result.returncode == 1
    assert f"{bad}:2:" in result.stderr


def test_trace_accepts_a_lesson_id_and_its_options_override():
    result = trace("backprop", "--phases", "4", "--format", "json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["layers"] == [2, 2, 2] and records[-1]["loss"] == pytest.approx(0.298371109)
    faster = [
        json.loads(line)
        for line in trace("backprop", "--lr", "2", "--phases", "0", "--format", "json").stdout.splitlines()
    ]
    assert faster[0]["lr"] == 2.0


def test_trace_names_an_unknown_lesson():
    result = trace("no-such-lesson")
    assert result.returncode == 1 and "no lesson with this id" in result.stderr and "backprop" in result.stderr


def _one_clean_line(result, status: int) -> str:
    assert result.returncode == status, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].isprintable(), result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "args, words",
    [
        (("--seed", "-1"), "--seed: expected a seed, a whole number from 0 to 4294967295; got '-1'"),
        (("--seed", "1e9"), "--seed"),
        (("--lr", "nan"), "--lr: expected a finite number; got 'nan'"),
        (("--noise", "inf"), "--noise"),
        (("--phases", "100001"), "--phases: expected a number of phases, a whole number from 0 to 100000"),
        (("--epochs", "10001"), "--epochs: expected a number of epochs, a whole number from 0 to 10000"),
        (("--samples", "-5"), "--samples"),
    ],
)
def test_bad_numbers_and_counts_are_options_problems(args, words):
    assert words in _one_clean_line(trace(*args), 2)


def test_input_files_must_be_regular_files(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    long_name = str(tmp_path / ("x" * 300 + ".json"))
    cases = [
        (("--weights", "/dev/zero"), "/dev/zero: is a device, not a regular file"),
        (("--data", "/dev/urandom"), "/dev/urandom: is a device, not a regular file"),
        (("--data", str(fifo)), f"{fifo}: is a pipe (FIFO), not a regular file"),
        (("--weights", str(fifo)), f"{fifo}: is a pipe (FIFO), not a regular file"),
        ((str(tmp_path / "lesson.toml"),), "no such file"),
        (("--data", long_name), "the file name is too long for this system"),
        (("--weights", str(tmp_path / "no-such-file.json")), "no-such-file.json: no such file"),
    ]
    for args, words in cases:
        assert words in _one_clean_line(trace(*args), 1), args
    fifo_lesson = tmp_path / "fifo-lesson.toml"
    os.mkfifo(fifo_lesson)
    assert "is a pipe (FIFO)" in _one_clean_line(trace(str(fifo_lesson)), 1)


def test_binary_huge_and_deep_input_files(tmp_path):
    binary = tmp_path / "binary.json"
    binary.write_bytes(bytes(range(256)) * 4)
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (16 * 1024 * 1024 + 1))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    overflow = tmp_path / "overflow.json"
    overflow.write_text('{"x": [[1e999]], "y": [[1]]}')
    assert "not UTF-8 text" in _one_clean_line(trace("--data", str(binary)), 1)
    assert "a data file may be at most 16.0 MiB" in _one_clean_line(trace("--data", str(huge)), 1)
    assert "nested too deeply" in _one_clean_line(trace("--data", str(deep)), 1)
    assert str(overflow) in _one_clean_line(trace("--data", str(overflow)), 1)


def test_a_file_name_with_escape_sequences_is_shown_escaped(tmp_path):
    name = tmp_path / "evil\x1b]0;PWN\x07.json"
    line = _one_clean_line(trace("--data", str(name)), 1)
    assert "evil\\x1b]0;PWN\\x07.json: no such file" in line


def test_the_output_is_capped(monkeypatch):
    import io

    from nntutor import trace as trace_module
    from nntutor.trace import TraceError, TraceSettings, build_cycle, run_trace

    monkeypatch.setattr(trace_module, "MAX_OUTPUT_BYTES", 10_000)
    cycle = build_cycle(
        TraceSettings([2, 8, 1], ["tanh", "sigmoid"], "half_squared_error", 0.5, "full", 0), "xor", 100, 0.0, None, None
    )
    out = io.StringIO()
    with pytest.raises(TraceError, match="passed 0 MiB of output and was stopped"):
        run_trace(cycle, out, "text", 100_000, None)
    assert 0 < len(out.getvalue()) <= 10_000


def test_a_trace_keeps_no_undo_history_and_prints_what_stepping_with_undo_computes():
    import io

    from nntutor.trace import TraceSettings, build_cycle, run_trace

    settings = TraceSettings([2, 4, 1], ["tanh", "sigmoid"], "squared_error", 0.5, 8, 0)
    traced = build_cycle(settings, "circle", 40, 0.1, None, None)
    out = io.StringIO()
    run_trace(traced, out, "json", None, 3)
    assert not traced.can_undo  # a long trace no longer holds up to the whole undo budget in memory
    stepped = build_cycle(settings, "circle", 40, 0.1, None, None)
    while stepped.state.epoch <= 3:
        stepped.step()
    assert stepped.can_undo
    np.testing.assert_array_equal(traced.network.W[0], stepped.network.W[0])
    assert traced.state.step_losses == stepped.state.step_losses
