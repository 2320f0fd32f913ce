"""The chart module: text stays out of SVG (WeasyPrint cannot shape Arabic there), RTL mirroring, digits."""

import re

from django.utils.html import format_html

from marsad import charts

SVG = re.compile(r"<svg.*?</svg>", re.S)


def svgs(html: str) -> list[str]:
    return SVG.findall(str(html))


def rect_x(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<rect fill="[^"]+" x="([\d.]+)"', svg)]


def test_numbers_use_eastern_arabic_digits_and_separators_on_arabic_pages():
    assert charts.number(1234.56, 1, "ar") == "١٬٢٣٤٫٦"
    assert charts.number(1234.56, 1, "en") == "1,234.6"
    assert charts.number(None, 1, "ar") == "–"
    assert charts.number(float("nan")) == "–"
    assert charts.number(-0.04, 1, "en") == "0.0"  # no "-0.0"
    assert charts.rank_interval(11.6, 19.2, "ar") == "١٢–١٩"
    assert charts.rank_interval(3, 3, "en") == "3"


def test_no_chart_puts_text_inside_svg():
    html = "".join(
        str(x)
        for x in (
            charts.bars(
                [charts.Bar("الاتصال", 56.0, reference=41.0, highlight=True)], language="ar", rtl=True
            ),
            charts.intervals([charts.Interval("تونس", 121, 105, 131)], worst=184, language="ar", rtl=True),
            charts.line([charts.Series("المؤشر", [41.5, None, 46.8])], [2021, 2022, 2023], language="ar"),
            charts.sparkline([1, 2, 3]),
        )
    )
    found = svgs(html)
    assert len(found) == 4
    for svg in found:  # an aria-label attribute is fine: it is never drawn
        assert "<text" not in svg and re.findall(r">([^<]+)<", svg) == []
    assert "الاتصال" in html and "٥٦٫٠" in html and "٢٠٢٣" in html  # the words and numbers are HTML


def test_bars_grow_from_the_start_side_in_both_directions():
    ltr = svgs(charts.bars([charts.Bar("a", 25.0)], rtl=False))[0]
    rtl = svgs(charts.bars([charts.Bar("a", 25.0)], rtl=True))[0]
    assert rect_x(ltr) == [0.0] and 'width="25.0"' in ltr
    assert rect_x(rtl) == [75.0] and 'width="25.0"' in rtl  # ends at the right edge (100)


def test_a_reference_mark_and_values_beyond_the_scale_are_clipped():
    svg = svgs(charts.bars([charts.Bar("a", 140.0, reference=50.0)], scale=(0, 100)))[0]
    assert 'width="100.0"' in svg
    assert 49.6 in rect_x(svg)  # the 0.8-wide mark centred on 50


def test_intervals_put_rank_one_on_the_start_side():
    ltr = svgs(charts.intervals([charts.Interval("a", 1, 1, 1)], worst=101))[0]
    rtl = svgs(charts.intervals([charts.Interval("a", 1, 1, 1)], worst=101, rtl=True))[0]
    assert min(rect_x(ltr)) == 0.0
    assert max(rect_x(rtl)) >= 99.0


def test_labels_are_escaped_unless_marked_safe():
    html = str(charts.bars([charts.Bar("<script>x</script>", 1.0)]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    link = format_html('<a href="{}">{}</a>', "/ar/index/countries/SAU/", "السعودية")
    assert '<a href="/ar/index/countries/SAU/">' in str(charts.bars([charts.Bar(link, 1.0)]))


def test_line_chart_ticks_are_round_and_a_gap_breaks_the_line():
    html = str(charts.line([charts.Series("s", [12.0, 18.0, None, 33.0, 36.0])], [1, 2, 3, 4, 5]))
    ticks = re.findall(r'class="mc-ytick"[^>]*>([^<]+)<', html)
    assert ticks == ["10", "20", "30", "40"]  # steps of 1, 2 or 5 times a power of ten, about 5 ticks
    assert html.count("<polyline") == 2  # 12-18 and 33-36; no line across the missing year
    assert html.count("<circle") == 4


def test_inverted_line_draws_rank_one_on_top():
    html = str(charts.line([charts.Series("rank", [1.0, 10.0])], [2022, 2023], invert=True))
    ys = [float(y) for y in re.findall(r'cy="([\d.]+)"', html)]
    assert ys[0] < ys[1]  # SVG y grows downwards: rank 1 is higher on the page


def test_heatmap_colours_follow_the_sign_and_missing_cells_are_grey():
    assert charts.colour(1.0) == "#0b6e4f" and charts.colour(-1.0) == "#a4262c"
    assert charts.colour(0.0) == "#ffffff" and charts.colour(None) == "#eceff1"
    html = str(charts.heatmap(["r1"], ["c1", "c2"], [[0.5, None]], language="ar"))
    assert "٠٫٥٠" in html and "–" in html and "<svg" not in html


def test_stylesheet_is_shipped():
    css = charts.stylesheet()
    assert (
        ".mc-track" in css and "fill:" not in css
    )  # colours are SVG attributes: WeasyPrint ignores CSS fill
