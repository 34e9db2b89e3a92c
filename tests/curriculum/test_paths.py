"""Quantity paths: parsed, never evaluated; checked against the declared network."""

import re

import pytest

from nntutor.curriculum import QuantityPath, parse_path


@pytest.mark.parametrize(
    "text, parsed",
    [
        ("loss", QuantityPath("loss", None, ())),
        ("W[2][0,1]", QuantityPath("W", 2, (0, 1))),
        ("dW[2][0, 1]", QuantityPath("dW", 2, (0, 1))),
        ("b[1][0]", QuantityPath("b", 1, (0,))),
        ("z[1][0,1]", QuantityPath("z", 1, (0, 1))),
        ("dL_da[0,1]", QuantityPath("dL_da", None, (0, 1))),
        ("output[0,0]", QuantityPath("output", None, (0, 0))),
    ],
)
def test_paths_parse(text, parsed):
    assert parse_path(text) == parsed
    assert parse_path(str(parsed)) == parsed


@pytest.mark.parametrize(
    "text, message",
    [
        ("b[1]", '"b[1]" does not fit the form b[layer][j]'),
        ("W[2]", '"W[2]" does not fit the form W[layer][i,j]'),
        ("loss[0]", '"loss[0]" does not fit the form loss'),
        ("z[1][0]", '"z[1][0]" does not fit the form z[layer][s,j]'),
        ("weights[1][0,0]", 'unknown quantity "weights"'),
        ("x.__class__", 'cannot read "x.__class__"'),
        ("W[1][0,0]" * 10, "expected a quantity path"),
    ],
)
def test_bad_paths_say_the_expected_form(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_path(text)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("W[2][1,1]", None),
        ("W[3][0,0]", "layer 3 does not exist; this network has layers 1 to 2"),
        ("W[1][2,0]", "neuron index 2 is out of range; W[1][2,0] allows 0 to 1 there"),
        ("b[2][1]", None),
        ("x[0,1]", None),
        ("t[0,2]", "neuron index 2 is out of range; t[0,2] allows 0 to 1 there"),
        ("a[1][3,0]", "sample index 3 is out of range; a[1][3,0] allows 0 to 2 there"),
    ],
)
def test_ranges_follow_the_declared_layers_and_batch(text, problem):
    assert parse_path(text).check_shape((2, 2, 2), batch=3) == problem


def test_sample_index_is_unchecked_when_the_batch_is_not_known_yet():
    assert parse_path("z[1][99,0]").check_shape((2, 2, 2), batch=None) is None
