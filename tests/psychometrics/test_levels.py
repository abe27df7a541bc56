import numpy as np
import pytest

from acculture.psychometrics.levels import LevelScale, authored_difficulty, band


def test_level_three_and_a_half_is_the_middle_of_the_theta_scale():
    scale = LevelScale.default()
    assert scale.level(0.0) == 3.5
    assert authored_difficulty(3.5) == 0.0
    assert scale.level(authored_difficulty(5)) == 5.0


def test_levels_are_floored_to_one_decimal_and_stay_between_zero_and_eight():
    scale = LevelScale.default()
    just_below_three = authored_difficulty(3) - 1e-6
    assert scale.level(just_below_three) == 2.9
    assert scale.level(-10.0) == 0.0
    assert scale.level(10.0) == 8.0
    thetas = np.linspace(-5, 5, 101)
    assert np.all(np.diff(scale.levels(thetas)) >= 0)


def test_theta_and_level_are_inverse_on_the_scale():
    scale = LevelScale.default()
    for level in (0.0, 1.0, 2.4, 3.5, 6.7, 8.0):
        assert scale.level(scale.theta(level) + 1e-9) == pytest.approx(level)


def test_bands_group_levels_in_pairs():
    assert [band(x) for x in (0.5, 1.0, 2.9, 3.0, 4.9, 5.5, 6.0, 7.2, 8.0)] == [
        None,
        "novice",
        "novice",
        "independent",
        "independent",
        "advanced",
        "advanced",
        "expert",
        "expert",
    ]


def test_cut_points_must_increase():
    with pytest.raises(ValueError, match="strictly increasing"):
        LevelScale.from_list([0, 1, 2, 3, 3, 5, 6, 7])
    with pytest.raises(ValueError, match="between 1 and 8"):
        authored_difficulty(9)
