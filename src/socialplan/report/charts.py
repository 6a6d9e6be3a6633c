"""Charts for the report, rendered offline to SVG by Vega-Lite (vl-convert); no script, no CDN.

The same Vega-Lite specifications can be embedded by the web app, so both faces draw with one
library.
"""

from __future__ import annotations

from typing import Any

import vl_convert as vlc

from socialplan.i18n import N_, Catalogue, direction

HOURS = N_("hours")
NETWORK = N_("network")
MEDIAN = N_("median")
P90 = N_("90% within")
WEEK = N_("week")
POSTS = N_("posts")

FONT = "Vazirmatn, Noto Sans, Noto Sans Thai, Noto Sans CJK SC, DejaVu Sans, sans-serif"


def _svg(spec: dict[str, Any]) -> str:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11}},
        **spec,
    }
    svg: str = vlc.vegalite_to_svg(spec)
    return svg


def response_chart(rows: list[dict[str, Any]], cat: Catalogue) -> str:
    """Median and 90th-percentile first-response hours per network, as grouped bars."""
    rtl = direction(cat.language) == "rtl"
    values = []
    for row in rows:
        values.append(
            {"network": row["network"], "measure": cat.gettext(MEDIAN), "hours": row["median"]}
        )
        values.append({"network": row["network"], "measure": cat.gettext(P90), "hours": row["p90"]})
    return _svg(
        {
            "data": {"values": values},
            "mark": {"type": "bar"},
            "width": 480,
            "encoding": {
                "y": {
                    "field": "network",
                    "type": "nominal",
                    "title": cat.gettext(NETWORK),
                    "axis": {"orient": "right" if rtl else "left"},
                },
                "yOffset": {"field": "measure"},
                "x": {
                    "field": "hours",
                    "type": "quantitative",
                    "title": cat.gettext(HOURS),
                    "scale": {"reverse": rtl},
                },
                "color": {
                    "field": "measure",
                    "type": "nominal",
                    "title": None,
                    "scale": {"range": ["#2f6f9f", "#9cc3e0"]},
                    "legend": {"orient": "left" if rtl else "right"},
                },
            },
        }
    )


def cadence_chart(rows: list[dict[str, Any]], cat: Catalogue) -> str:
    """Brand posts per week and network, as lines."""
    rtl = direction(cat.language) == "rtl"
    return _svg(
        {
            "data": {"values": rows},
            "mark": {"type": "line", "point": True},
            "width": 480,
            "height": 200,
            "encoding": {
                "x": {
                    "field": "week",
                    "type": "temporal",
                    "title": cat.gettext(WEEK),
                    "scale": {"reverse": rtl},
                },
                "y": {
                    "field": "posts",
                    "type": "quantitative",
                    "title": cat.gettext(POSTS),
                    "axis": {"orient": "right" if rtl else "left"},
                },
                "color": {
                    "field": "network",
                    "type": "nominal",
                    "title": cat.gettext(NETWORK),
                    "legend": {"orient": "left" if rtl else "right"},
                },
            },
        }
    )
