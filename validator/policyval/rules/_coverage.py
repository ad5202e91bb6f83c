"""How much of a policy's source text its evidence quotes cover, sentence by sentence.

The source text (``policy.source_text``) is cut into sentences: a line break ends one (the
texts keep a paragraph or a heading per line) unless the next line goes on in lower case,
and within a line a full stop, question or exclamation mark followed by a capital does
(abbreviations such as "e.g." or "Inc." aside). A sentence is

* **covered** when an evidence quote, wherever in the document, includes part of it (every
  occurrence of the quote counts, whitespace normalised as ``evidence/quote-not-in-source``
  compares it);
* **ignored** when an entry of ``policy.ignored_text`` (``{text, reason}``: a heading or
  boilerplate that carries no information) includes all of it, and no quote covers it;
* **uncovered** otherwise: a statement the encoding may have left out.

The share covered is the covered sentences' part of the length of the sentences that count
(all but the ignored ones). Offsets are characters of the raw text, so a reporter or an
editor can place each sentence exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policyval.findings import JsonPath
from policyval.rules._evidence import locate, normalise, quotes
from policyval.rules.base import Context, SourceError

IGNORED: JsonPath = ("policy", "ignored_text")

_BREAK = re.compile(r"\r\n|\r|\n")
# A sentence end inside a line: terminal punctuation, closing quotes, space, then a capital,
# a digit, an opening quote or a bullet.
_END = re.compile(r"[.!?…][\"”’»)\]]*\s+(?=[\"“‘«(\[•]?[A-Z0-9À-ÖØ-Þ•])")  # noqa: RUF001 - typographic quotes
_ABBREVIATIONS = frozenset(
    "e.g i.e inc ltd co corp mr mrs ms dr st no nos art arts etc vs cf p pp s ss sec approx m mm mme".split()  # noqa: SIM905 - a word list reads best as words
)
_WORD = re.compile(r"\w")
_NUMBERING = re.compile(r"\d+|[A-Za-z]|[ivxlcIVXLC]+")


@dataclass(frozen=True)
class Sentence:
    """One sentence: [start, end) character offsets in the raw text, and its words."""

    start: int
    end: int
    text: str  # whitespace normalised

    @property
    def weight(self) -> int:
        return len(self.text)


@dataclass(frozen=True)
class Coverage:
    """The sentences of one source text and which of them are covered or ignored."""

    cited: str  # policy.source_text as written
    text: str  # the raw source text the offsets refer to
    sentences: tuple[Sentence, ...]
    covered: frozenset[int]  # indexes into sentences
    ignored: Mapping[int, str]  # index -> the reason given in policy.ignored_text
    unmatched: tuple[tuple[JsonPath, str], ...] = ()  # ignored texts that do not occur in the source
    path: Path | None = None  # where the source text was found

    @property
    def uncovered(self) -> tuple[Sentence, ...]:
        return tuple(s for n, s in enumerate(self.sentences) if n not in self.covered and n not in self.ignored)

    @property
    def counted(self) -> int:
        return len(self.sentences) - sum(1 for n in self.ignored if n not in self.covered)

    @property
    def share(self) -> float:
        """Covered length over counted length, 0 to 1 (1 when nothing counts)."""
        total = sum(s.weight for n, s in enumerate(self.sentences) if n in self.covered or n not in self.ignored)
        done = sum(self.sentences[n].weight for n in self.covered)
        return done / total if total else 1.0

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in the source text."""
        return _position(self.text, index)


@dataclass(frozen=True)
class Unreadable:
    """The cited source text cannot be found or read: nothing to measure. ``reason`` is the
    message ``evidence/source-not-found`` gives."""

    cited: str
    reason: str


def _position(text: str, index: int) -> tuple[int, int]:
    starts = [0, *(m.end() for m in _BREAK.finditer(text, 0, index))]
    return len(starts), index - starts[-1] + 1


# --- sentences --------------------------------------------------------------------------------


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each line, without its break."""
    start = 0
    for match in _BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines, a line that goes on in lower case after no terminal mark joined to the last."""
    current: tuple[int, int] | None = None
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            if current:
                yield current
            current = None
            continue
        start += len(line) - len(line.lstrip())
        end -= len(line) - len(line.rstrip())
        if current and text[start].islower() and text[current[1] - 1] not in ".!?:…":
            current = (current[0], end)
        else:
            if current:
                yield current
            current = (start, end)
    if current:
        yield current


def _no_end(text: str, begin: int, at: int) -> bool:
    """Whether the full stop at ``at`` ends a numbering ("1.", "b.", "iv.") or an abbreviation
    ("e.g.", "Inc.") rather than the sentence begun at ``begin``."""
    if _NUMBERING.fullmatch(text, begin, at):
        return True
    word = re.search(r"[\w.]+$", text[max(begin, at - 12) : at])
    return word is not None and word.group(0).lower().rstrip(".") in _ABBREVIATIONS


def sentences(text: str) -> tuple[Sentence, ...]:
    """Every sentence of ``text`` that holds a word, in order."""
    found = []
    for start, end in _paragraphs(text):
        begin = start
        for match in _END.finditer(text, start, end):
            if text[match.start()] == "." and _no_end(text, begin, match.start()):
                continue
            found.append((begin, match.start() + len(match.group(0).rstrip())))
            begin = match.end()
        found.append((begin, end))
    return tuple(Sentence(a, b, normalise(text[a:b])) for a, b in found if _WORD.search(text, a, b))


# --- matching ---------------------------------------------------------------------------------


class _Normalised:
    """The text with whitespace normalised, and where each of its characters is in the raw text."""

    def __init__(self, raw: str) -> None:
        chars: list[str] = []
        self.origin: list[int] = []
        for match in re.finditer(r"\s+|\S+", raw):
            if match.group(0)[0].isspace():
                if chars:
                    chars.append(" ")
                    self.origin.append(match.start())
            else:
                chars.extend(match.group(0))
                self.origin.extend(range(match.start(), match.end()))
        self.text = "".join(chars)

    def spans(self, quote: str) -> Iterator[tuple[int, int]]:
        """[start, end) in the raw text of every occurrence of ``quote`` (normalised)."""
        wanted = normalise(quote)
        if not wanted:
            return
        at = self.text.find(wanted)
        while at != -1:
            yield self.origin[at], self.origin[at + len(wanted) - 1] + 1
            at = self.text.find(wanted, at + 1)


def _touched(sentences_: tuple[Sentence, ...], starts: list[int], span: tuple[int, int], raw: str) -> Iterator[int]:
    """Indexes of the sentences that share a word character with ``span``."""
    first = max(0, bisect.bisect_right(starts, span[0]) - 1)
    for n in range(first, len(sentences_)):
        s = sentences_[n]
        if s.start >= span[1]:
            break
        low, high = max(s.start, span[0]), min(s.end, span[1])
        if low < high and _WORD.search(raw, low, high):
            yield n


def _within(sentences_: tuple[Sentence, ...], starts: list[int], span: tuple[int, int]) -> Iterator[int]:
    """Indexes of the sentences that ``span`` includes whole."""
    for n in range(bisect.bisect_left(starts, span[0]), len(sentences_)):
        if sentences_[n].start >= span[1]:
            break
        if sentences_[n].end <= span[1]:
            yield n


def cover(cited: str, raw: str, quoted: Iterable[str], ignored: Iterable[tuple[JsonPath, str, str]] = ()) -> Coverage:
    """The coverage of ``raw`` by the quotes, with the (path, text, reason) ignored texts."""
    found = sentences(raw)
    starts = [s.start for s in found]
    index = _Normalised(raw)
    covered = {n for quote in quoted for span in index.spans(quote) for n in _touched(found, starts, span, raw)}
    reasons: dict[int, str] = {}
    unmatched = []
    for path, text, reason in ignored:
        spans = list(index.spans(text))
        if not spans:
            unmatched.append((path, text))
        for span in spans:
            for n in _within(found, starts, span):
                reasons.setdefault(n, reason)
    return Coverage(cited, raw, found, frozenset(covered), reasons, tuple(unmatched))


def ignored_texts(data: Mapping[str, Any]) -> list[tuple[JsonPath, str, str]]:
    """``policy.ignored_text`` entries as (path, text, reason); anything malformed is passed over."""
    policy = data.get("policy")
    entries = policy.get("ignored_text") if isinstance(policy, dict) else None
    out = []
    for n, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict) and isinstance(entry.get("text"), str):
            reason = entry.get("reason")
            out.append(((*IGNORED, n), entry["text"], reason if isinstance(reason, str) else ""))
    return out


def measure(ctx: Context) -> Coverage | Unreadable | None:
    """The coverage of the source text the policy cites; None when it cites none. The text is
    found and read as the evidence rules find and read it (confined to the repository, bounded)."""
    found = locate(ctx)
    if found is None:
        return None
    if found.path is None:
        return Unreadable(found.cited, found.problem)
    try:
        raw = ctx.sources.read(found.path)
    except SourceError as exc:
        return Unreadable(found.cited, f"source text '{found.cited}' cannot be used: {exc}")
    measured = cover(found.cited, raw, (q for _, q in quotes(ctx.data)), ignored_texts(ctx.data))
    return replace(measured, path=found.path)
