"""c steps through the charts in the order help names, and from the surface to the loss chart, as the
texts say (issue 11, charts: learning-rate step 11's "press c for the loss chart" showed the curve)."""

from test_run_labels import lesson_at

from nntutor.curriculum.loader import find_lesson
from nntutor.ui.app import NNTutorApp
from nntutor.ui.screens.help import help_rows


async def test_c_goes_from_the_surface_to_the_loss_chart_and_help_names_every_chart(tmp_path, monkeypatch):
    monkeypatch.setenv("NNTUTOR_HOME", str(tmp_path))
    app = NNTutorApp(find_lesson("learning-rate"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await lesson_at(app, pilot, 11)
        panel = screen.chart_panel()
        assert panel.kind == "surface"
        await pilot.press("c")
        await pilot.pause()
        assert panel.kind == "loss" and screen.message == "chart: loss"
        seen = [panel.kind]
        for _ in panel.kinds[1:]:
            await pilot.press("c")
            await pilot.pause()
            seen.append(panel.kind)
        assert seen == ["loss", "function", "curve", "surface"]
        (chart_help,) = [text for keys, text in help_rows(screen) if keys == "c"]
        order = [chart_help.index(kind) for kind in ("loss", "function", "curve", "surface")]
        assert order == sorted(order)  # help names every chart, in the order c shows them
