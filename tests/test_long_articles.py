"""Long and hostile articles: extraction work grows with an article's length, not its
square, and spaCy's length limit never surfaces (issue 11, finding 6).

No timings: the work is counted (lines of our extraction code run, characters our
sentence regexes scan) for an article and for one four times as long.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsfacts.extract import passages
from newsfacts.extract.passages import MAX_PASSAGE, split_passages

EXTRACT_DIR = str(Path(passages.__file__).parent)
BUYERS = ["Acme Holdings Inc", "Borealis Capital Corp", "Cedar Partners LLC"]
SELLERS = ["Ibex Software", "Juniper Foods", "Kestrel Mining", "Lumen Optics"]


def deals(count: int, joiner: str = ".\n") -> str:
    """``count`` deals, one a line (or joined into one run-on sentence by ", and ")."""
    return joiner.join(f"{BUYERS[i % 3]} agreed to buy {SELLERS[i % 4]} for "
                       f"{100 + 10 * i} mln dlrs" for i in range(count)) + "."


def article(text: str) -> SimpleNamespace:
    return SimpleNamespace(text=text, title=None, published="1987-03-01")


class _CountingPattern:
    """A compiled pattern that adds up the characters each search may scan."""

    def __init__(self, pattern: re.Pattern, scanned: list[int]):
        self.pattern, self.scanned = pattern, scanned

    def search(self, text, pos=0, endpos=sys.maxsize):
        self.scanned[0] += min(endpos, len(text)) - pos
        return self.pattern.search(text, pos, endpos)

    def finditer(self, text, pos=0, endpos=sys.maxsize):
        self.scanned[0] += min(endpos, len(text)) - pos
        return self.pattern.finditer(text, pos, endpos)

    def match(self, text, pos=0, endpos=sys.maxsize):
        found = self.pattern.match(text, pos, endpos)
        self.scanned[0] += len(found.group(0)) + 1 if found else 1
        return found


def scanned_by_split(text: str, monkeypatch) -> int:
    scanned = [0]
    for name in ("_DATELINE", "_PARAGRAPH", "_SENTENCE_END", "_WORD_BEFORE", "_WORD_AFTER"):
        monkeypatch.setattr(passages, name, _CountingPattern(getattr(passages, name), scanned))
    split_passages(text)
    return scanned[0]


@pytest.mark.parametrize("unit", ["J. ", "A. B. Smith said. ", "Foo Inc. bought Bar Corp. "],
                         ids=["initials", "initials in sentences", "abbreviations"])
def test_the_sentence_splitter_scans_text_in_proportion_to_its_length(unit, monkeypatch):
    # "J. " x 20,000 (60 KB) took 54 s: each period searched back to the sentence's start
    small = scanned_by_split(unit * 500, monkeypatch)
    large = scanned_by_split(unit * 2000, monkeypatch)
    assert large / small < 4.5  # quadratic would be 16x


def test_a_run_on_sentence_is_cut_into_bounded_passages():
    # a 100 KB run-on sentence of deals did not finish in 150 s
    text = deals(400, joiner=", and ")
    found = split_passages(text)
    assert len(found) > 1
    assert all(p.end - p.start <= MAX_PASSAGE for p in found)
    # cut after a comma, and nothing lost between the pieces
    assert all(text[p.end - 1] == "," for p in found[:-1])
    assert " ".join(text[p.start:p.end] for p in found).split() == text.split()


def test_an_unbroken_word_longer_than_a_passage_is_cut_too():
    text = "x" * (3 * MAX_PASSAGE)
    assert [(p.start, p.end) for p in split_passages(text)] == [
        (0, MAX_PASSAGE), (MAX_PASSAGE, 2 * MAX_PASSAGE), (2 * MAX_PASSAGE, 3 * MAX_PASSAGE)]


def lines_run(extractor, text: str) -> tuple[int, int]:
    """Extract ``text``; return the lines of newsfacts.extract code run, and the claims."""
    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def trace(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(EXTRACT_DIR) else None

    sys.settrace(trace)
    try:
        claims = extractor.extract(article(text))
    finally:
        sys.settrace(None)
    return count[0], len(claims)


@pytest.mark.parametrize("joiner", [".\n", ". ", ", and "],
                         ids=["one deal a line", "one paragraph", "one run-on sentence"])
def test_extraction_work_grows_linearly_with_the_deals_in_an_article(extractor, joiner):
    # 500 one-line deals took 19 s and 1,000 took 70 s: doc.ents read per candidate
    lines_run(extractor, deals(5, joiner))  # first calls fill caches
    small, small_claims = lines_run(extractor, deals(30, joiner))
    large, large_claims = lines_run(extractor, deals(120, joiner))
    assert small_claims >= 25 and large_claims >= 4 * small_claims - 10
    # linear work is 4x; quadratic would be 16x
    assert large / small < 5.5


def test_an_article_longer_than_the_models_limit_is_extracted_in_parts(extractor,
                                                                        monkeypatch):
    # a 5 MB single line and a 20 MB file ended in spaCy's E088 (text over max_length)
    text = deals(60)
    whole = extractor.extract(article(text))
    monkeypatch.setattr(extractor.nlp, "max_length", len(text) // 5)
    parts = extractor.extract(article(text))
    assert len(whole) == 60
    assert [(c.start, c.amount.value, c.names("buyer"), c.names("seller")) for c in parts] == [
        (c.start, c.amount.value, c.names("buyer"), c.names("seller")) for c in whole]


def test_extraction_work_grows_linearly_with_the_docs_of_a_long_article(extractor,
                                                                         monkeypatch):
    # each Doc of a long article (one per 50,000 characters) read the whole article's
    # names and split its whole text again: 1 MB of deals cost 2.2x per KB what 10 KB did
    monkeypatch.setattr(extractor.nlp, "max_length", len(deals(4)))
    lines_run(extractor, deals(5))
    small, small_claims = lines_run(extractor, deals(30))
    large, large_claims = lines_run(extractor, deals(120))
    assert small_claims >= 25 and large_claims >= 4 * small_claims - 10
    assert large / small < 5.5  # each of 4x the Docs reading 4x the text would be 16x


def named_deals(count: int) -> str:
    """``count`` one-line deals, each between two companies no other line names."""
    return ".\n".join(f"Vantor{i} Holdings Inc agreed to buy Kestrel{i} Mining Corp for "
                      f"{100 + 10 * i} mln dlrs" for i in range(count)) + "."


def test_extraction_work_grows_linearly_with_the_names_in_an_article(extractor):
    # each name a claim resolves was compared with every name of the article: a digest
    # of 400 KB names over a thousand companies
    lines_run(extractor, named_deals(5))
    small, small_claims = lines_run(extractor, named_deals(30))
    large, large_claims = lines_run(extractor, named_deals(120))
    assert small_claims >= 25 and large_claims >= 4 * small_claims - 10
    assert large / small < 5.5


def test_span_ents_reads_what_span_ents_gives(nlp):
    # claims read the lead's entities off its tokens (Span.ents builds the Doc's first)
    from newsfacts.extract.roles import span_ents

    doc = nlp("Dixons Group PLC said it agreed to buy Cyclops Corp of Pittsburgh for 384 "
              "mln dlrs. Bank of New York Co and Irving Bank Corp talked on Monday in New "
              "York.")
    assert len(doc.ents) > 4
    spans = [doc[a:b] for a in range(len(doc)) for b in range(a, len(doc) + 1)]
    assert all(span_ents(span) == list(span.ents) for span in spans)
