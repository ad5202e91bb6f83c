"""reporters.escape: one function per kind of output, each leaving no way out of it."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from policyval.findings import Finding, Severity
from policyval.reporters import escape, github, text

HOSTILE = "a\x1b]0;title\x07b\x1b[2J\r\n::error file=x::forged\u202e\x85\x9b%,:<script>x</script>`*_[l](u)&#60;"


def test_terminal_shows_every_control_character_as_an_escape() -> None:
    shown = escape.terminal(HOSTILE)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u202e]", shown)
    assert "\\x1b]0;title\\x07" in shown and "\\r\\n" in shown and "\\u202e" in shown


def test_a_text_report_line_is_one_line_without_controls() -> None:
    finding = Finding("f\x1b.yaml", 1, 1, "contact/malformed-address", Severity.ERROR, HOSTILE, "/a")
    for color in (False, True):
        line = text.line(finding, color=color)
        assert "\n" not in line and "\r" not in line and "\x07" not in line
        assert line.count("\x1b") == (line.count("\x1b[") if color else 0)  # only click's own styles


def test_github_annotation_cannot_end_early_or_drive_the_log() -> None:
    finding = Finding("a,b:c.yaml", 2, 3, "contact/malformed-address", Severity.ERROR, HOSTILE)
    line = github.annotation(finding)
    assert line.startswith("::error file=a%2Cb%3Ac.yaml,line=2,col=3,title=")
    # One line: the "::error" inside the message is data, after the command has ended.
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\x07" not in line


def test_markdown_renders_no_html_and_no_markup_from_a_value() -> None:
    html = MarkdownIt("commonmark", {"html": True}).render(escape.markdown(HOSTILE))
    assert "<script" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html


def test_markdown_url_links_only_http_and_cannot_end_the_autolink() -> None:
    assert escape.markdown_url("javascript:alert(1)") is None
    url = escape.markdown_url("https://a/><script>")
    assert url is not None and "<" not in url and ">" not in url
    html = MarkdownIt("commonmark", {"html": True}).render(f"<{url}>")
    assert "<script" not in html and 'href="https://a/%3E%3Cscript%3E"' in html


def test_html_text_replaces_what_html_forbids() -> None:
    assert escape.html_text("a\x07b\x00c\ufffe\ud800\n\t") == "a\ufffdb\ufffdc\ufffd\ufffd\n\t"
    assert escape.html_text(3) == 3
