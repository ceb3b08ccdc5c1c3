"""Split article text into sentence passages and pick those worth parsing.

Most sentences in news carry no deal: only a passage with a money expression and a deal
word (plus the article's lead, which names the parties) goes through the parser, the
cheap cue filter that makes extraction fast. Pure: no spaCy here, so it runs on every
sentence of a corpus at regex speed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from .amounts import find_amounts
from .cues import AGREEING_VERBS, PICKING_UP, cue_forms, frames_v1, inflections
from .lexicon import DATELINE_COUNTRIES
from .pairs import has_pair_items
from .recase import in_capitals, recase
from .wordtrie import alternation

# The Doc extension holding the article's facts, and where each passage of a Doc of
# selected passages sits in the article ("passages": (doc start, article start, length)).
ARTICLE_ATTR = "article"

# "the deal", "the agreement": a sentence that opens by pointing back at a deal.
DEAL_ANAPHORA = re.compile(
    r"^\s*(?:The|This|That|Under the|Its|Their)\s+(?:[\w-]+\s+){0,2}?(?:deal|agreement|contract|"
    r"transaction|pact|accord|arrangement|loan|facility|lease|offer|acquisition|purchase)\b")


_OPENS_WITH_IT = re.compile(r"^\s*It\s")


class Passage(NamedTuple):
    """A sentence of an article: ``text[start:end]`` of the article text."""

    start: int
    end: int


# Reuters datelines ("KANSAS CITY, MO., March 19 - ") and modern ones
# ("NEW YORK, May 14 (Reuters) - ") precede the lead sentence; they are no part of it.
_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Za-z.'&-]*(?:[ /][A-Za-z.'&-]+){0,4}(?:,[ ]?[A-Za-z.]+(?:[ ][A-Za-z.]+)?){0,2}"
    r"(?:,?[ ][A-Za-z]{3,9}\.?[ ]\d{1,2})?(?:[ ]\([A-Za-z .]+\))?[ ]+[-–—]{1,2}[ ]+"
)
# A dateline opening a later paragraph of a digest ("NEW YORK - A firm ...", "Manila - The
# Asian Development Bank ..."): a city in capitals or one or two capitalised words, a dash.
_PARAGRAPH_DATELINE = re.compile(
    r"[ \t]*(?:[A-Z][A-Z.'&-]+(?:[ /][A-Z.'&-]+){0,3}|[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
    r"(?:,[ ]?[A-Z][A-Za-z.]+(?:[ ]\d{1,2})?)?[ ]+[-–—]{1,2}[ ]+(?=[A-Z\"'‘“])"
)
# Paragraph breaks: a blank line, or a new line indented (the Reuters wire's paragraphs).
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)")
# A sentence ends at . ! or ? (maybe closed by a quote or bracket) before a blank and a
# capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"""[.!?]+['"’”)\]]*(?=\s+['"‘“(\[]?[A-Z0-9])""")
# The word before a period; "$640m." ends a sentence, its "m" is no initial.
_WORD_BEFORE = re.compile(r"(?<![\w$])([A-Za-z][A-Za-z.&]*)\.?['\"’”)\]]*\Z")
_WORD_AFTER = re.compile(r"\s+['\"‘“(\[]?([A-Za-z]+)")
# How far back from a period the word before it is looked for. Searching from the
# sentence's start made "J. " x 20,000 (60 KB, one sentence of initials) take 54 s.
_WORD_REACH = 100
# The longest passage handed to the parser: a run-on sentence (a 100 KB list of deals
# joined by "and", a table without a period) is cut at a blank before this length,
# since spaCy's work on a sentence grows with its length for every word it reads.
MAX_PASSAGE = 2000
# Abbreviations after which a period does not end a sentence, unless a word that starts
# sentences follows ("... bought Foo Inc. The company said").
ABBREVIATIONS = frozenset(
    """inc corp co ltd plc cos bros mr mrs ms dr st jr sr messrs prof gen gov sen rep lt col
    capt sgt no nos vs v etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k
    u.n e.g i.e a.m p.m approx dept est fig mass calif conn del fla ill ind kan ky md mich
    minn mo mont neb nev okla ore pa tenn tex va vt wash wis wyo ariz ark colo ga la miss
    n.j n.y n.c n.d s.c s.d n.h n.m n.z h.k d.c int'l intl""".split()
)
SENTENCE_STARTERS = frozenset(
    """the it its this that these those he she they we in on at for but and a an under as
    shares analysts earlier last separately meanwhile however also terms there""".split()
)
# Reuters marks company names and tickers with angle brackets: "<Hearst Corp>", "<CYL>".
_TICKER = re.compile(r"<[A-Z0-9.]{1,8}>")
_ANGLE = re.compile(r"[<>]")
_BLANKS = re.compile(r"[\n\r\t\f\v]")


def dateline_country(text: str) -> str | None:
    """The country of an article's dateline city, which says whose "crowns" it means.

    >>> dateline_country("STOCKHOLM, April 1 - Boliden AB said ..."), dateline_country(
    ...     "LONDON (Reuters) - Harwell Foods agreed ...")
    ('SE', 'GB')
    """
    dateline = _DATELINE.match(text)
    if not dateline:
        return None
    # "LONDON (Reuters) - ", "LONDON - ": the city ends at a comma, a credit or a dash
    city = re.split(r"[,(]|\s[-–—]", dateline.group(0))[0].strip().upper()
    return DATELINE_COUNTRIES.get(city)


_STERLING = re.compile(r"£|\b(?:stg|sterling|pence)\b")
# What _STERLING can match contains one of these: tested first, by substring, since most
# articles name no sterling and the regex ran over the whole text of every one (issue 15).
_STERLING_PARTS = ("£", "stg", "sterling", "pence")


def article_country(text: str) -> str | None:
    """The country whose currency an article's bare currency names mean: its dateline's;
    else Britain's where the article prices in sterling elsewhere ("£", "pence", "stg"),
    so that "3.7 billion pounds" is money there and not weight.

    >>> article_country("Aviva will pay 3.7 billion pounds, or 275 pence a share.")
    'GB'
    """
    return dateline_country(text) or ("GB" if _in_sterling(text) else None)


def _in_sterling(text: str) -> bool:
    return any(part in text for part in _STERLING_PARTS) and bool(_STERLING.search(text))


def split_passages(text: str) -> list[Passage]:
    """Split article text into sentences, as character offsets.

    >>> text = "NEW YORK, March 3 - Foo Inc said it sold Bar Corp. The price was 5 mln dlrs."
    >>> [text[p.start:p.end] for p in split_passages(text)]
    ['Foo Inc said it sold Bar Corp.', 'The price was 5 mln dlrs.']
    """
    dateline = _DATELINE.match(text)
    offset = dateline.end() if dateline else 0
    passages: list[Passage] = []
    for start, end in _paragraphs(text, offset):
        passages.extend(_sentences(text, start, end))
    return passages


def without_datelines(text: str) -> str:
    """The text with its datelines blanked, offsets kept: "NEW YORK" is no company the
    article names, however often a digest repeats it."""
    spans = [m.span() for m in (_DATELINE.match(text),) if m]
    for brk in _PARAGRAPH.finditer(text):
        dateline = _PARAGRAPH_DATELINE.match(text, brk.end())
        if dateline:
            spans.append(dateline.span())
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _paragraphs(text: str, offset: int) -> Iterator[tuple[int, int]]:
    start = offset
    for brk in _PARAGRAPH.finditer(text, offset):
        yield start, brk.start()
        start = _after_dateline(text, brk.end())
    yield start, len(text)


def _after_dateline(text: str, start: int) -> int:
    """Where a paragraph's own text begins, after any dateline of a digest's item."""
    dateline = _PARAGRAPH_DATELINE.match(text, start)
    return dateline.end() if dateline else start


def _sentences(text: str, start: int, end: int) -> Iterator[Passage]:
    begin = start
    for stop in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, begin, stop):
            continue
        yield from _trimmed(text, begin, stop.end())
        begin = stop.end()
    yield from _trimmed(text, begin, end)


def _is_abbreviation(text: str, begin: int, stop: re.Match) -> bool:
    if stop.group(0)[0] != ".":
        return False
    before = _WORD_BEFORE.search(text, max(begin, stop.start() - _WORD_REACH), stop.start() + 1)
    if not before:
        return False
    word = before.group(1).lower().rstrip(".")
    # "A. Smith", "J.P. Morgan", "E.F. Hutton": lone capitals are initials.
    if word not in ABBREVIATIONS and not re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
        return False
    after = _WORD_AFTER.match(text, stop.end())
    return not (after and after.group(1).lower() in SENTENCE_STARTERS)


def _trimmed(text: str, start: int, end: int) -> Iterator[Passage]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_PASSAGE:
        cut = _cut(text, start, start + MAX_PASSAGE)
        yield Passage(start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield Passage(start, end)


class CueFilter:
    """The deal words of a rule set, as the fast path reads them before any parse: a
    sentence without one cannot be a claim, an article without a strong one ("acquire",
    and "agreed to pay", which says a deal as surely) speaks of no deal.

    :param rules: a rule set, as the registered ``newsfacts.frames.v1`` gives it.
    """

    def __init__(self, rules: dict):
        strong = frozenset(rules["strong"])
        # "agreed to take over VCA", "take full control of Delray": phrasal deal verbs the
        # claims read (roles.cue_kind)
        taking_over = {f"{form} over" for form in inflections("take")} | {"control of"} | {
            f"{form} up" for form in PICKING_UP}
        self.cue = _words(set(cue_forms(cues=rules["cues"])) | taking_over)
        agreeing = {form for verb in AGREEING_VERBS for form in inflections(verb)}
        self.strong = _words(set(cue_forms(strong, rules["cues"])) | agreeing)

    def mentions_deal(self, text: str) -> bool:
        return bool(self.strong.search(text))

    def is_candidate(self, sentence: str, country: str | None = None) -> bool:
        return bool(self.cue.search(sentence) or has_pair_items(sentence)) and bool(
            find_amounts(sentence, country=country))


def _words(forms) -> re.Pattern:
    """One regex finding any of ``forms`` as a whole word, its alternatives merged into a
    trie (wordtrie.py): the flat alternation of 400 forms was tried form by form at every
    character, and took a fifth of the CPU time of an ingest (issue 15); the trie matches
    the same words 15 times faster."""
    return re.compile(r"\b" + alternation(forms) + r"\b", re.I)


SHIPPED_CUES = CueFilter(frames_v1())


def _cut(text: str, start: int, limit: int) -> int:
    """Where to cut an overlong passage: after the last ", " or "; " in its second half,
    else at its last blank, else at ``limit`` (a 2,000-character word)."""
    half = start + (limit - start) // 2
    for mark in ("; ", ", "):
        at = text.rfind(mark, half, limit)
        if at >= 0:
            return at + 1
    at = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
    return at if at > start else limit


def mentions_deal(text: str, cues: CueFilter = SHIPPED_CUES) -> bool:
    """Whether an article speaks of a deal at all (a strong deal word anywhere in it).

    Weak deal words ("pay", "worth") count only in such articles: "the group paid 31
    cents a share" in an earnings report is a dividend.

    >>> mentions_deal("Net profit rose; the board will pay a dividend."), mentions_deal(
    ...     "Foo agreed to buy Bar.")
    (False, True)
    """
    return cues.mentions_deal(text)


def is_candidate(sentence: str, country: str | None = None,
                 cues: CueFilter = SHIPPED_CUES) -> bool:
    """Whether a sentence could state a deal: it has a money expression and a deal word.

    >>> is_candidate("Dixons agreed to buy Cyclops for 384 mln dlrs.")
    True
    >>> is_candidate("Net profit rose to 384 mln dlrs.")
    False
    """
    return cues.is_candidate(sentence, country)


def select_passages(text: str, cue_filter: bool = True,
                    cues: CueFilter = SHIPPED_CUES) -> list[Passage]:
    """Return the passages of ``text`` to parse: the candidates and the article's lead.

    The lead (first sentence) comes along when any candidate does: it names the parties
    that later sentences call "the company" or leave out ("The transaction is valued at
    16.2 mln dlrs"). With ``cue_filter`` off, every passage is returned (the full path).

    :param text: the article text.
    :param cue_filter: pick candidates only; False returns every passage.
    :param cues: the deal words of the rule set in use.
    """
    if cue_filter and "(" not in text and not cues.cue.search(text):
        return []  # no deal word, no bracket of a pair list: no sentence is a candidate
    passages = split_passages(text)
    if not cue_filter:
        return passages
    country = article_country(text)
    picked = [i for i, p in enumerate(passages)
              if cues.is_candidate(text[p.start:p.end], country)]
    picked = sorted(set(picked) | _named_before(text, passages, picked, cues))
    if picked and picked[0] != 0:
        picked.insert(0, 0)
    return [passages[i] for i in picked]


def _named_before(text: str, passages: list[Passage], picked: list[int],
                  cues: CueFilter) -> set[int]:
    """The sentences before candidates that point back at their deal or its company:
    "Chevron has closed its acquisition of Hess. The all-stock deal was valued at $53bn"
    (the sentence before has a deal word but no money); "The buyer is Pennant Bidco. It
    will pay 410 pence a share" (in the same paragraph)."""
    found = set()
    for i in picked:
        if i == 0:
            continue
        before, passage = passages[i - 1], passages[i]
        sentence = text[passage.start:passage.end]
        deal_before = DEAL_ANAPHORA.match(sentence) and cues.cue.search(
            text[before.start:before.end])
        same_paragraph = "\n\n" not in text[before.end:passage.start]
        if deal_before or (_OPENS_WITH_IT.match(sentence) and same_paragraph):
            found.add(i - 1)
    return found


def clean_for_model(text: str) -> str:
    """Return ``text`` with wire markup blanked out, keeping its length and offsets.

    Line breaks become spaces (the wire is hard-wrapped), Reuters tickers ("<CYL>")
    become blanks and the brackets around names ("<Hearst Corp>") are dropped; a
    passage in capitals (a headline-only item) is put in the case of running text.

    >>> clean_for_model("<Hearst Corp> <HRST> is\\nbuying")
    ' Hearst Corp         is buying'
    """
    text = _TICKER.sub(lambda m: " " * len(m.group(0)), text)
    text = _ANGLE.sub(" ", text)
    text = _BLANKS.sub(" ", text)
    return recase(text) if in_capitals(text) else text  # a headline in capitals


def article_offsets(start: int, end: int, passages: list) -> tuple[int, int]:
    """Map offsets in a Doc of selected passages back to the article text."""
    # the passage an offset is in, by bisection: a long article has thousands
    at = bisect_right(passages, start, key=lambda p: p[0]) - 1
    if at >= 0:
        doc_start, art_start, length = passages[at]
        if doc_start <= start <= doc_start + length:
            shift = art_start - doc_start
            return start + shift, min(end, doc_start + length) + shift
    return start, end


def follows_in_article(context: dict | None, end: int, start: int) -> bool:
    """Whether Doc offset ``start`` comes right after ``end`` in the article, with only
    white space between: a Doc of selected passages skips the sentences between them."""
    passages = (context or {}).get("passages")
    if not passages:
        return True  # the Doc is the whole text
    text = context["text"]
    before, after = article_offsets(end, end, passages)[0], article_offsets(
        start, start, passages)[0]
    return before <= after and not text[before:after].strip()
