"""The DOM walk: blocks in document order, with the context the labeller reads."""

from thresher.html.dom import Dom, nesting_depth, parse_html, walk_blocks, walk_blocks_python
from thresher.html.signals import ANCESTOR_TAG_BITS, CLASS_SIGNALS
from thresher.page import PageBlock


def iter_raw_blocks(dom: Dom, max_nodes: int) -> list[PageBlock]:
    return walk_blocks(dom, max_nodes).blocks

PAGE = """<html><head><title>T</title><script>var x = "no";</script></head><body>
<nav class="main-menu"><ul><li><a href="/a">Home</a></li><li><a href="/b">World</a></li></ul></nav>
<div class="article-body">
  <p>First <b>bold</b> words and <a href="/x">a link</a>.<br>Second line.</p>
  Loose text before
  <div>nested block</div>
  loose text after
  <pre>  keep
    spacing</pre>
  <div hidden>streamed later</div>
  <table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>
</div>
<style>.x{}</style>
</body></html>"""


def _bit(name: str) -> int:
    return 1 << [n for n, _ in CLASS_SIGNALS].index(name)


def test_blocks_in_document_order() -> None:
    blocks = iter_raw_blocks(parse_html(PAGE), 100_000)
    texts = [b.text for b in blocks]
    assert texts == [
        "Home",
        "World",
        "First bold words and a link.\nSecond line.",
        "Loose text before",
        "nested block",
        "loose text after",
        "  keep\n    spacing",
        "streamed later",
        "a",
        "b",
        "c",
        "d",
    ]


def test_an_empty_block_element_separates_the_text_around_it() -> None:
    # "river<p></p>river" renders on two lines; inline elements glue text together
    page = "<body><div>river<p></p>bank<span></span>side<hr>walk</div></body>"
    texts = [b.text for b in iter_raw_blocks(parse_html(page), 1000)]
    assert texts == ["river", "bankside", "walk"]


def test_whitespace_between_inline_elements_parts_their_words() -> None:
    # "of</em> <a>a post</a> <em>that": the spaces are text nodes of their own
    page = ("<body><p><em>version of</em> <span><a href='/p'>a post</a></span>\n<em>that</em>"
            "&nbsp;<b>ran</b></p><pre><span>line one</span>\n<span>  line two</span></pre>"
            "<div> <span>alone</span> </div></body>")
    blocks = iter_raw_blocks(parse_html(page), 1000)
    assert [b.text for b in blocks] == ["version of a post that ran", "line one\n  line two",
                                        "alone"]
    # the spaces are counted in no total: the block's characters are its words' own
    assert blocks[0].chars == len("version of") + len("a post") + len("that") + len("ran")
    assert blocks[0].link_chars == len("a post")


def test_an_inline_element_followed_by_another_is_set_apart() -> None:
    # item metadata styled apart on the page; a letter set off from its word stays in it
    page = ("<body><div><span>2026</span><span>1h 54m</span><a href='/r'>R</a></div>"
            "<p><b>T</b>he <i>end</i>.</p><pre><b>x</b><i>y</i></pre></body>")
    texts = [b.text for b in iter_raw_blocks(parse_html(page), 1000)]
    assert texts == ["2026 1h 54m R", "The end.", "xy"]


def test_punctuation_after_an_inline_element_stays_on_its_word() -> None:
    # "<a>guide</a><em>, </em>": set apart, the comma would stand alone; a space the page
    # writes before it stays, as does the gap before a word
    page = ("<body><p><em>Read our </em><a href='/g'>guide</a><em>, </em><a href='/q'>"
            "<em>quiz</em></a><em>.</em> <a href='/a'>Apple</a><span>’s</span> <b>one</b>"
            "<i> , two</i><b>three</b><i>(four)</i></p></body>")
    texts = [b.text for b in iter_raw_blocks(parse_html(page), 1000)]
    assert texts == ["Read our guide, quiz. Apple’s one , two three (four)"]


def test_mathml_is_text_and_its_tex_annotation_is_not() -> None:
    page = ("<body><p>The area is <math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn>"
            "</msup></mrow><annotation encoding='application/x-tex'>\\pi r^2</annotation>"
            "</semantics></math> for a circle.</p></body>")
    texts = [b.text for b in iter_raw_blocks(parse_html(page), 1000)]
    assert texts == ["The area is π r 2 for a circle."]
    # a hidden MathML copy beside the formula's image (as Wikipedia serves it) is no text
    hidden = page.replace("<math>", "<span style='display: none'><math>").replace(
        "</math>", "</math></span><img alt='\\pi r^2'>")
    texts = [b.text for b in iter_raw_blocks(parse_html(hidden), 1000)]
    assert texts == ["The area is for a circle."]


def test_block_context() -> None:
    blocks = {b.text: b for b in iter_raw_blocks(parse_html(PAGE), 100_000)}
    home = blocks["Home"]
    assert home.link_chars == home.chars == 4
    assert home.n_links == 1 and home.href == "/a"
    assert home.anc_tags & ANCESTOR_TAG_BITS["nav"]
    assert home.anc_bits & _bit("nav")
    para = blocks["First bold words and a link.\nSecond line."]
    assert para.n_links == 1 and para.href == "/x"
    assert para.link_chars == len("a link")
    assert para.anc_bits & _bit("content") and not para.anc_bits & _bit("nav")
    assert blocks["streamed later"].anc_tags & ANCESTOR_TAG_BITS["hidden"]
    assert blocks["  keep\n    spacing"].pre
    cells = [blocks[c] for c in "abcd"]
    assert len({c.group for c in cells}) == 1 and cells[0].group != 0
    assert cells[0].row == cells[1].row != cells[2].row == cells[3].row
    # the container's totals cover the whole article body
    assert para.parent[0] >= sum(len(t) for t in ("Loose text before", "nested block"))


def test_deep_nesting_does_not_recurse() -> None:
    html = "<div>" * 4_000 + "deep text" + "</div>" * 4_000
    blocks = iter_raw_blocks(parse_html(html), 1_000_000)
    assert [b.text for b in blocks] == ["deep text"]


def test_nesting_depth_estimate() -> None:
    deep = "<div><span>" * 6_000 + "x" + "</span></div>" * 6_000
    assert nesting_depth(deep, 5_000) > 5_000
    # implicitly closed and void elements do not nest
    flat = "<ul>" + "<li><p>item<br><img src=x>" * 20_000 + "</ul>"
    assert nesting_depth(flat, 5_000) <= 2
    assert nesting_depth("<div>" * 100, 5) == 0  # too few tags to be worth a scan


def test_node_limit_truncates() -> None:
    html = "".join(f"<p>para {i}</p>" for i in range(1000))
    dom = parse_html(html)
    blocks = iter_raw_blocks(dom, 100)
    assert dom.truncated
    assert 0 < len(blocks) < 100


def test_containers_span_their_blocks() -> None:
    walk = walk_blocks(parse_html(PAGE), 100_000)
    texts = [b.text for b in walk.blocks]
    spans = {tuple(texts[s:e]): level for s, e, level in walk.containers.tolist()}
    # the article body holds everything from its first paragraph to its table
    body = tuple(texts[2:])
    assert body in spans
    assert spans[("nested block",)] == spans[body] + 1


def test_escaped_markup_in_noscript_reads_as_its_text() -> None:
    # a page saved from a browser that runs scripts keeps <noscript>'s content as escaped
    # text: its tags are not words of the page, whichever walk reads it
    page = ("<body><noscript>\n&lt;div class=\"alertBox\"&gt;&lt;p&gt;JavaScript is &lt;em&gt;"
            "off&lt;/em&gt;.&lt;/p&gt;&lt;/div&gt;\n</noscript><noscript>&lt;img src=\"t.gif\" "
            "style=\"display:none\"&gt;</noscript><noscript>if a &lt; b</noscript>"
            "<p>Outside, &lt;b&gt; stays text.</p></body>")
    for walk in (walk_blocks, walk_blocks_python):
        texts = [b.text for b in walk(parse_html(page), 1000).blocks]
        assert texts == ["JavaScript is off .\nif a < b", "Outside, <b> stays text."]


def test_only_styles_that_hide_mark_an_element_hidden() -> None:
    hidden = ANCESTOR_TAG_BITS["hidden"]
    styles = {
        "display: none": True, "DISPLAY:NONE !important": True, "visibility:hidden": True,
        "color: red; visibility: hidden;": True, "width:0; display:none": True,
        "display: block; border: 0px none": False, "text-decoration:none": False,
        "visibility: visible; display: block": False, "overflow: hidden": False,
        "display: inline-block; overflow:hidden": False, "": False,
    }
    page = "<body>" + "".join(f"<div style='{s}'>{i}</div>" for i, s in enumerate(styles))
    for walk in (walk_blocks, walk_blocks_python):
        blocks = walk(parse_html(page + "</body>"), 1000).blocks
        assert [bool(b.anc_tags & hidden) for b in blocks] == list(styles.values())
