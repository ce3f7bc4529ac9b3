"""The charts are inline SVG in pages whose Content-Security-Policy allows no inline style: every
chart carries its look in presentation attributes (fill="…"), never in a style attribute or a
<style> element, and stays well-formed SVG."""
import datetime
import xml.dom.minidom
from decimal import Decimal
from types import SimpleNamespace

import pytest

from reports import charts

QUARTERS = [SimpleNamespace(label="’24 1분기", authorised=45, current=40),
            SimpleNamespace(label="’24 2분기", authorised=None, current=44)]
MONTHS = [SimpleNamespace(month_end=datetime.date(2024, month, 28), budget=10_000, committed=1_000 * month,
                          spent=500 * month if month < 3 else None) for month in (1, 2, 3)]
CHARTS = {
    "headcount": lambda: charts.draw_headcount_chart(("1급", "2급"), (3, 4), (2, 0)),
    "unit budget": lambda: charts.draw_unit_budget_chart(("1-1 AI 행정서비스", "1-2 공공데이터"), (636_010, 275_350)),
    "execution rate": lambda: charts.draw_execution_rate_chart(("AI 모델", "예비"), (Decimal("80.3"), None),
                                                               (Decimal("41.7"), None)),
    "headcount history": lambda: charts.headcount_history_chart(QUARTERS),
    "execution progress": lambda: charts.execution_progress_chart(MONTHS),
}


@pytest.mark.parametrize("name", CHARTS)
def test_a_chart_has_no_inline_style_and_keeps_its_look(name):
    svg = CHARTS[name]()
    assert " style=" not in svg and "<style" not in svg
    root = xml.dom.minidom.parseString(svg).documentElement
    assert root.getAttribute("stroke-linejoin") == "round"  # matplotlib's one rule, on the root
    texts = root.getElementsByTagName("text")
    assert texts and all("NanumGothic" in text.getAttribute("font-family") for text in texts)
    assert any(element.getAttribute("fill") == charts.CURRENT_COLOUR or element.getAttribute("stroke") == charts.CURRENT_COLOUR
               for element in root.getElementsByTagName("*"))
