"""Values from a policy, made safe for each kind of text output policyval writes.

A finding's message quotes the policy (an address, a label, a file name), and a policy can hold
any character: YAML's double-quoted ``"\\e]0;...\\a"`` is an escape sequence, ``"\\n::error::"`` a
forged CI command, ``<script>`` a live tag in Markdown. Every value written to a text-like
output goes through one function here, chosen for that output:

* :func:`terminal`: the text report, ``diff``'s text. No control character reaches the
  terminal raw (ESC, OSC, CR, LF, C1 controls, bidirectional overrides): each is shown as a
  visible escape such as ``\\x1b``, so one finding is always one line.
* :func:`github_data` and :func:`github_property`: GitHub workflow commands. The runner's
  own ``%``-encoding of ``%``, CR, LF (and ``:`` ``,`` in properties), and the terminal's escaping
  of every other control character, so a value can neither end the command nor drive the log.
* :func:`markdown`: Markdown text and table cells. Markup characters are backslash-escaped
  (``<`` ``>`` ``&`` too, so no HTML tag is ever produced), controls are shown as escapes, and
  runs of white space (line breaks included) become one space.
* :func:`markdown_url`: a URL in an autolink ``<...>``; characters an autolink cannot hold
  are percent-encoded, and a URL that is not http(s) is not linked.
* :func:`html_text`: text for an HTML page before Jinja2 autoescapes it: characters HTML
  forbids (controls, noncharacters, lone surrogates) become U+FFFD.
* :func:`spreadsheet`: a CSV or XLSX cell. Characters XML forbids become U+FFFD (as for HTML),
  and a value a spreadsheet would run as a formula (it starts with ``=`` ``+`` ``-`` ``@``, a
  tab or a carriage return: OWASP's "CSV injection") starts with an apostrophe instead.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# C0 and C1 controls and DEL; the bidirectional embeddings, overrides and isolates that can
# make a line read differently from what it holds ("Trojan Source"); lone surrogates (bytes
# of a file name that are not UTF-8).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

_MARKUP = re.compile(r"([\\`*_{}\[\]<>#!|~&])")
_LEADING = re.compile(r"^([-+=])")  # a list item, a setext underline
_SPACE = re.compile(r"\s+")

# HTML: controls other than tab, LF, FF and CR, noncharacters, lone surrogates.
_NOT_HTML = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0010fffe\U0010ffff]"
)


def _shown(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal(value: str) -> str:
    """``value`` with every control character shown as a visible escape (``\\x1b``, ``\\n``)."""
    return _UNSAFE.sub(_shown, value)


def github_data(value: str) -> str:
    """The message of a workflow command (after ``::``)."""
    encoded = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(encoded)


def github_property(value: str) -> str:
    """A property value of a workflow command (``file=``, ``title=``)."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


def markdown(value: object) -> str:
    """Text for a Markdown paragraph or table cell: markup characters shown, not applied."""
    text = _SPACE.sub(" ", str(value)).strip()
    return _LEADING.sub(r"\\\1", _MARKUP.sub(r"\\\1", terminal(text)))


_URL = re.compile(r"https?://", re.IGNORECASE)


def markdown_url(value: object) -> str | None:
    """The URL for a Markdown autolink ``<...>``, or None when it must not be linked."""
    url = str(value)
    if not _URL.match(url):
        return None
    # An autolink ends at '>' and cannot hold '<', spaces or controls: encode those (and the
    # characters some renderers treat specially), keep every other character as written.
    return quote(url, safe="".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in "<>\"'`\\"))


def html_text(value: object) -> object:
    """Jinja2's ``finalize`` for the HTML templates: forbidden characters become U+FFFD.
    Non-strings (numbers, None tests) pass unchanged, and autoescaping follows."""
    if not isinstance(value, str):
        return value
    return type(value)(_NOT_HTML.sub("\ufffd", value))  # Markup stays Markup


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet(value: object) -> str:
    """Text for a spreadsheet cell: never a formula, never a character XML forbids."""
    text = _NOT_HTML.sub("\ufffd", str(value))
    return "'" + text if text.startswith(_FORMULA) else text
