from acculture.content.rendering import render_inline, render_markdown


def test_bold_words_in_a_stem_become_strong():
    assert render_inline("How many have **not** agreed?") == "How many have <strong>not</strong> agreed?"


def test_tutorial_text_keeps_paragraphs_and_lists():
    assert (
        render_markdown("Two steps:\n\n- one\n- two")
        == "<p>Two steps:</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    )


def test_html_and_scripts_in_content_are_shown_as_text_never_run():
    for render in (render_markdown, render_inline):
        html = render("<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))")
        assert "<script" not in html and "<img" not in html and "href" not in html
        assert "&lt;script&gt;" in html
