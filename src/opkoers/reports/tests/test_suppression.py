"""Suppression of small numbers for readers of aggregates only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from opkoers.reports.figures import Section, Table, count, days, share, suppress, text

pytestmark = pytest.mark.security


def _one(cell, threshold=5):
    [section] = suppress([Section("s", "S", figures=[("x", cell)])], threshold)
    return section.figures[0][1]


@pytest.mark.parametrize("value", [1, 2, 3, 4])
def test_counts_below_threshold_are_hidden_and_dropped(value):
    cell = _one(count(value))
    assert cell.suppressed and cell.value is None
    assert str(cell) == "< 5"


@pytest.mark.parametrize("value", [0, 5, 6, 1000])
def test_zero_and_counts_at_or_above_threshold_are_shown(value):
    assert not _one(count(value)).suppressed


def test_threshold_is_configurable():
    assert not _one(count(4), threshold=3).suppressed
    assert _one(count(9), threshold=10).suppressed
    assert str(_one(count(9), threshold=10)) == "< 10"


def test_share_of_or_over_a_small_number_is_hidden():
    assert _one(share(3, 100)).suppressed  # 3 of 100: the 3 are few
    assert _one(share(3, 4)).suppressed  # over 4 cases
    assert _one(share(0, 3)).suppressed  # 0% of 3 cases still says something about 3
    assert not _one(share(0, 10)).suppressed
    assert not _one(share(50, 100)).suppressed


def test_median_over_few_cases_is_hidden():
    assert _one(days(Decimal("12.5"), 4)).suppressed
    assert not _one(days(Decimal("12.5"), 5)).suppressed


def test_text_is_never_suppressed():
    assert not _one(text("Financiën")).suppressed


def test_a_single_hidden_cell_takes_the_next_smallest_with_it():
    """With the total known, one hidden cell would be the total minus the others."""
    table = Table(
        "t",
        "T",
        ["Kanaal", "Aantal"],
        [
            [text("a"), count(3)],
            [text("b"), count(7)],
            [text("c"), count(20)],
            [text("d"), count(0)],
        ],
    )
    [section] = suppress([Section("s", "S", tables=[table])], 5)
    shown = [row[1] for row in section.tables[0].rows]
    assert [c.suppressed for c in shown] == [True, True, False, False]


def test_no_secondary_suppression_without_a_total():
    table = Table(
        "t",
        "T",
        ["Organisatie", "Trajecten"],
        [[text("a"), count(3)], [text("b"), count(7)]],
        has_total=False,
    )
    [section] = suppress([Section("s", "S", tables=[table])], 5)
    assert [row[1].suppressed for row in section.tables[0].rows] == [True, False]


def _table(rows, **kwargs):
    columns = ["label", *[f"c{i}" for i in range(1, len(rows[0]))]]
    [section] = suppress([Section("s", "S", tables=[Table("t", "T", columns, rows, **kwargs)])], 5)
    return section.tables[0].rows


def test_the_share_of_a_secondarily_hidden_count_is_hidden_too():
    """Else 7 would follow from 7% of a known total of 100."""
    rows = _table(
        [
            [text("a"), count(3), share(3, 100)],
            [text("b"), count(7), share(7, 100)],
            [text("c"), count(90), share(90, 100)],
        ]
    )
    assert [[c.suppressed for c in row[1:]] for row in rows] == [
        [True, True],
        [True, True],
        [False, False],
    ]


def test_row_parts_of_a_shown_total_are_protected():
    """improved + same + worse = cases: one hidden part would be the rest's difference."""
    rows = _table(
        [[text("Financiën"), share(12, 20), count(20), count(12), count(3), count(5)]],
        has_total=False,
        row_parts=(2, (3, 4, 5)),
    )
    shown = [c.suppressed for c in rows[0][1:]]
    # same (3) hidden, worse (5, the smallest other) with it; improved stays.
    assert shown == [False, False, False, True, True]


def test_hidden_parts_that_add_up_to_a_small_number_take_another_part():
    rows = _table(
        [[text("x"), share(10, 13), count(13), count(10), count(2), count(1)]],
        has_total=False,
        row_parts=(2, (3, 4, 5)),
    )
    # 2 + 1 = 3 would follow from 13 - 10: hide the improved count and its share too.
    assert [c.suppressed for c in rows[0][1:]] == [True, False, True, True, True]


def test_no_part_left_hides_the_total():
    rows = _table(
        [[text("x"), share(0, 3), count(3), count(3), count(0), count(0)]],
        has_total=False,
        row_parts=(2, (3, 4, 5)),
    )
    assert rows[0][2].suppressed and rows[0][3].suppressed
