"""Krippendorff's alpha checked against published worked examples and a hand computation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview.domain.agreement import alpha, alpha_from_units, coincidences

_ = None
# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# four observers, twelve units, missing values. Published: nominal 0.743,
# ordinal 0.815, interval 0.849, ratio 0.797.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]

# The three-coder example on Wikipedia's "Krippendorff's alpha" page, also used by
# the reference implementation's tests: nominal 0.691358, interval 0.810845.
WIKIPEDIA = [
    [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
    [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
    [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_reliability_data(level: str, expected: float) -> None:
    value = alpha(KRIPPENDORFF_2011, level)
    assert value is not None
    assert round(value, 3) == expected


def test_wikipedia_example() -> None:
    nominal = alpha(WIKIPEDIA, "nominal")
    interval = alpha(WIKIPEDIA, "interval")
    assert nominal is not None and interval is not None
    assert round(nominal, 6) == 0.691358
    assert round(interval, 6) == 0.810845


def test_hand_computed_ordinal_example() -> None:
    # Two raters, three candidates: (1,1), (2,3), (3,3).
    # Coincidences: o11=2, o22=0, o23=o32=1, o33=2; n1=2, n2=1, n3=3, n=6.
    # Ordinal d^2: d12=(2+1-1.5)^2=2.25, d13=(2+1+3-2.5)^2=12.25, d23=(1+3-2)^2=4.
    # Observed: 2*o23*d23 = 8. Expected: 2*(n1 n2 d12 + n1 n3 d13 + n2 n3 d23)
    # = 2*(4.5 + 73.5 + 12) = 180. alpha = 1 - 5*8/180 = 7/9.
    value = alpha_from_units([[1, 1], [2, 3], [3, 3]], "ordinal")
    assert value == pytest.approx(7 / 9)
    assert coincidences([[1, 1], [2, 3], [3, 3]]) == {
        (1, 1): 2.0,
        (2, 3): 1.0,
        (3, 2): 1.0,
        (3, 3): 2.0,
    }


def test_undefined_cases_return_none() -> None:
    assert alpha_from_units([]) is None
    assert alpha_from_units([[3], [4]]) is None  # nobody rated the same candidate twice
    assert alpha_from_units([[3, 3], [3, 3]]) is None  # no variation at all
    assert alpha([]) is None


def test_perfect_agreement_is_one_and_systematic_disagreement_negative() -> None:
    assert alpha_from_units([[1, 1], [2, 2], [4, 4]]) == pytest.approx(1.0)
    value = alpha_from_units([[1, 4], [4, 1], [1, 4]])
    assert value is not None and value < 0


@given(
    st.lists(
        st.lists(st.integers(min_value=1, max_value=4), min_size=0, max_size=5),
        min_size=1,
        max_size=12,
    )
)
def test_alpha_never_exceeds_one_and_ignores_unit_order(units: list[list[int]]) -> None:
    value = alpha_from_units(units)
    if value is None:
        return
    assert value <= 1 + 1e-9
    assert alpha_from_units(list(reversed(units))) == pytest.approx(value)
