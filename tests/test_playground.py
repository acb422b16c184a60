"""The playground of notebook 08: training, drawing, and the sliders' callback.

As ipywidgets' own tests do, the panel is made without a kernel, a slider's
value is set in Python, and what the callback changed is checked.
"""

import math

import matplotlib
import pytest
import torch

import playground

matplotlib.use("Agg")


def test_run_records_the_loss_and_the_weights_after_every_step():
    result = playground.run(batch_size=10, num_epochs=2)
    steps = 2 * playground.NUM_EXAMPLES // 10
    assert len(result.losses) == steps + 1
    assert result.path.shape == (steps + 1, 2)
    assert not result.diverged


def test_run_with_the_defaults_reaches_the_noise_floor_near_least_squares():
    result = playground.run()
    assert result.losses[-1] < 2 * 0.01**2
    assert torch.linalg.norm(result.path[-1] - result.w_ls) < 0.01


def test_run_is_the_same_every_time():
    first, second = playground.run(), playground.run()
    assert first.losses == second.losses
    assert torch.equal(first.path, second.path)


def test_run_stops_a_diverging_learning_rate():
    result = playground.run(lr=1.0, batch_size=1)
    assert result.diverged
    assert len(result.path) < playground.NUM_EXAMPLES


def test_the_start_follows_the_initial_scale():
    small = playground.run(init_scale=0.01, num_epochs=1).path[0]
    large = playground.run(init_scale=10, num_epochs=1).path[0]
    assert small.abs().max() < 0.05
    assert large.abs().max() > 1


def test_noise_sets_the_floor_of_the_loss():
    result = playground.run(noise=0.3, num_epochs=10)
    assert 0.5 * 0.3**2 < result.losses[-1] < 2 * 0.3**2


def test_draw_makes_two_panels_also_for_a_diverged_run():
    for result in [playground.run(), playground.run(lr=1.0, batch_size=1)]:
        fig = playground.draw(result)
        assert len(fig.axes) == 2
        assert playground.png_bytes(fig).startswith(b"\x89PNG")


def test_draw_shows_the_path_with_the_same_scale_on_both_axes():
    for result in [playground.run(), playground.run(init_scale=10), playground.run(noise=0.3)]:
        ax_path = playground.draw(result).axes[1]
        assert ax_path.get_aspect() == 1.0
        (x_low, x_high), (y_low, y_high) = ax_path.get_xlim(), ax_path.get_ylim()
        assert math.isclose(x_high - x_low, y_high - y_low, rel_tol=1e-6)  # a square view
        for w_1, w_2 in [result.path[0].tolist(), result.w_ls.tolist()]:
            assert x_low < w_1 < x_high and y_low < w_2 < y_high


def test_png_bytes_are_the_same_every_time():
    assert playground.png_bytes(playground.draw(playground.run())) == playground.png_bytes(
        playground.draw(playground.run())
    )


@pytest.fixture
def panel():
    pytest.importorskip("ipywidgets")
    return playground.Playground()


def test_the_panel_starts_from_the_defaults(panel):
    assert panel.settings() == playground.DEFAULTS
    assert panel.result.settings == playground.DEFAULTS
    assert panel.image.value == playground.png_bytes(playground.draw(playground.run()))


@pytest.mark.parametrize(
    "name, value",
    [("lr", 0.1), ("batch_size", 1), ("num_epochs", 2), ("init_scale", 1.0), ("noise", 0.1)],
)
def test_moving_a_slider_retrains_and_redraws(panel, name, value):
    before_image, before_result = panel.image.value, panel.result
    panel.controls[name].value = value
    assert panel.result is not before_result
    assert math.isclose(panel.result.settings[name], value)
    assert panel.image.value != before_image
    assert panel.result.losses != before_result.losses


def test_a_diverging_setting_says_so_in_the_panel(panel):
    panel.controls["batch_size"].value = 1
    panel.controls["lr"].value = 1.0
    assert panel.result.diverged
    assert "diverged" in panel.summary.value


def test_the_panel_shows_a_text_that_names_its_settings(panel):
    bundle = panel._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Playground: lr=0.03, batch_size=10")
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == panel.widget.model_id
