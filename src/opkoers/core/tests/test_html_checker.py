"""The Nu HTML Checker that every browser test runs over the pages it visited."""

from __future__ import annotations

from pathlib import Path

import pytest

from opkoers.conftest import assert_valid_html

PAGE = (
    '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Test</title></head>'
    "<body><main>{}</main></body></html>"
)


def test_a_valid_page_passes(tmp_path: Path) -> None:
    assert_valid_html({PAGE.format('<p id="a">Een</p><p id="b">Twee</p>'): "/goed/"}, tmp_path)


def test_an_error_fails_and_names_the_page(tmp_path: Path) -> None:
    invalid = PAGE.format('<input type="hidden" id="x" name="a"><input type="hidden" id="x">')
    with pytest.raises(AssertionError, match=r"/fout/ .*Duplicate ID"):
        assert_valid_html({invalid: "/fout/"}, tmp_path)
