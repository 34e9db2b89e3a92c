"""The playground's loss chart answers the lesson's chart keys: e per epoch, g log scale; one train loss shown."""

from playground_helpers import playground_app, screen_text

from nntutor.ui.loss_chart import LossChart
from nntutor.ui.screens.playground import PlaygroundScreen


async def test_e_and_g_draw_the_epoch_means_on_a_log_scale(tmp_path):
    app = playground_app(tmp_path)  # circle data with a test set: the chart starts per epoch ("auto")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlaygroundScreen)
        screen.session.cycle.train(60)
        await pilot.press("e")  # auto -> per step; the charts come forward
        await pilot.pause()
        assert "loss chart: the loss of every step" in screen_text(app)
        await pilot.press("e")  # -> each epoch's mean
        await pilot.pause()
        chart = app.screen.query_one(LossChart)
        assert chart.mode == "epoch" and not chart.shown_log
        assert "train" in chart.shown and "test" in chart.shown and len(chart.shown["train"][0]) == 60
        await pilot.press("g")
        await pilot.pause()
        assert chart.shown_log
        assert "loss chart: log scale" in screen_text(app)
        assert "epoch mean (log)" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert not chart.shown_log and "(log)" not in screen_text(app)
        # the edit keys that used to sit on e and g: the loss function and the batch size
        assert screen.session.cycle.loss_fn.name == "binary_cross_entropy"
        await pilot.press("L")
        await pilot.pause()
        assert screen.session.cycle.loss_fn.name == "squared_error"


async def test_one_train_loss_on_screen_the_network_as_it_is_now(tmp_path):
    app = playground_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.session.cycle.train(30)  # the last epoch's mean and the network now differ
        await pilot.press("space")
        await pilot.pause()
        text = screen_text(app)
        assert text.count("train loss") == 1, text
        assert "now: train loss" in text
        assert "(epoch mean)" not in text
        # the status line still shows where the cycle stands
        assert "next: forward 1" in text
