from nntutor.ui.selection import clamp, column_items, move

SIZES = [2, 2, 2]


def test_arrows_follow_the_connections():
    sel = ("n", 1, 1)
    assert move(sel, "left", SIZES) == ("w", 1, 0, 1)
    assert move(("w", 1, 0, 1), "left", SIZES) == ("x", 0, 0)
    assert move(("x", 0, 1), "right", SIZES) == ("w", 1, 1, 0)
    assert move(("w", 2, 1, 0), "right", SIZES) == ("n", 2, 0)
    assert move(("n", 2, 1), "right", SIZES) == ("loss",)
    assert move(("loss",), "left", SIZES) == ("n", 2, 0)


def test_up_and_down_stay_in_the_column():
    assert move(("n", 1, 0), "up", SIZES) == ("n", 1, 0)
    assert move(("n", 1, 0), "down", SIZES) == ("n", 1, 1)
    assert move(("w", 1, 1, 0), "down", SIZES) == ("w", 1, 0, 1)  # weights grouped by the neuron they feed
    assert column_items(5, SIZES) == [("loss",)]


def test_a_selection_that_no_longer_exists_falls_back():
    assert clamp(("n", 3, 0), SIZES) == ("n", 1, 0)
    assert clamp(("w", 2, 1, 1), SIZES) == ("w", 2, 1, 1)
