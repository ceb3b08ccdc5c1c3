"""Deal terms read into months, one table row per surface form.

Rows are grouped by form: durations, adjectives, end dates (which count from the
article's date), and words that look like a term but state a reporting period, a past
span, an age or a record. Known failures are strict xfails.
"""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from newsfacts.extract import terms
from newsfacts.extract.records import Term
from newsfacts.extract.terms import TermMatch, find_terms, parse_term

PUBLISHED = date(2026, 5, 14)  # the date the end-date rows count from


def _xfail(*row, reason: str):
    return pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason=reason))


def _ids(rows) -> list[str]:
    return [getattr(row, "values", row)[0] for row in rows]


# --- text, months ----------------------------------------------------------------------

DURATIONS = [  # how long, with or without the words that make it a deal's length
    ("over three years", 36),
    ("Over Three Years", 36),
    ("for 18 months", 18),
    ("for two years", 24),
    ("for a year", 12),
    ("for one\nyear", 12),  # hard-wrapped wire copy
    ("over 10 years", 120),
    ("over a period of five years", 60),
    ("over the next decade", 120),
    ("over the next three years", 36),
    ("over the\nnext 12 months", 12),
    ("during the next 10 years", 120),
    ("over the coming year", 12),
    ("for another two years", 24),
    ("for a further five years", 60),
    ("with a term of seven years", 84),
    ("lasting 30 months", 30),
    ("spanning four years", 48),
    ("three-and-a-half years", 42),
    ("three and a half years", 42),
    ("3.5 years", 42),
    ("3-1/2 years", 42),  # the wire's fractions
    ("a year and a half", 18),
    ("two years and a half", 30),
    ("eighteen months", 18),
    ("twenty-four months", 24),
    ("two decades", 240),
    ("for a decade", 120),
    ("paying $45 billion for compute over three years", 36),
]

ADJECTIVES = [  # "a 10-year contract": the adjective alone is the term
    ("three-year", 36),
    ("three year", 36),
    ("3-year", 36),
    ("five-year agreement", 60),
    ("a 10-year contract", 120),
    ("a six-month contract", 6),
    ("an 18-month deal", 18),
    ("a one-year contract", 12),
    ("a 99-year lease", 1188),
    ("a 10 year lease", 120),
    ("a two-and-a-half year bull run", 30),
    ("a decade-long partnership", 120),
    ("a year-long pilot", 12),
    ("under the five-year agreement", 60),  # "the" blocks "the six months", not this
    ("THREE-YEAR AGREEMENT", 36),
    ("a five-year 54 mln dlr contract", 60),
]

END_DATES = [  # months from PUBLISHED (2026-05-14) to the end of the year or month named
    ("through 2031", 68),
    ("until 2031", 68),
    ("to 2031", 68),
    ("till 2031", 68),
    ("into 2031", 68),
    ("by the end of 2031", 68),
    ("through the end of 2031", 68),
    ("until the end of 2031", 68),
    ("through fiscal 2031", 68),
    ("until 2026", 8),  # the rest of May, then June to December
    ("until June 2027", 14),
    ("through June 30, 2027", 14),
    ("run through 2028, the companies said", 32),
    _xfail("over the 2026-2031 period", 68,
           reason="a span of years written as a range is not read"),
]

EDGE_CASES = [  # found in the wire while building the parser
    ("expects to renew its offer once its one\nyear bid limit ends", 12),
    ("non-callable for five years", 60),
    ("a 20 year pay-out", 240),
    _xfail("half a year", 6, reason="'half a year' is not read; 'a year and a half' is"),
    ("for three to five years", 60),  # a range of terms reads as its longest
]

TERMS = DURATIONS + ADJECTIVES + EDGE_CASES


@pytest.mark.parametrize("text,months", TERMS, ids=_ids(TERMS))
def test_parse_term(text, months):
    assert parse_term(text) == months


@pytest.mark.parametrize("text,months", END_DATES, ids=_ids(END_DATES))
def test_parse_end_date(text, months):
    assert parse_term(text, published=PUBLISHED) == months


def test_end_date_counts_part_months_by_days():
    # 1987-03-15 to the end of January 1989: 22 whole months and 17 of March's 31 days
    assert parse_term("through January 15, 1989", published=date(1987, 3, 15)) == 23
    assert parse_term("until 1987", published=date(1987, 12, 30)) is None  # under a month


@pytest.mark.parametrize("text", ["through 2031", "until 2031", "by the end of 2031"])
def test_end_date_needs_the_published_date(text):
    assert parse_term(text) is None
    assert find_terms(text) == []


# --- not terms ---------------------------------------------------------------------------

NOT_TERMS = [
    "a five-year high",  # records
    "the largest order in its 56-year history",  # a company's age, no term
    "a 52-week high",
    "five-year-old",  # ages
    "a three-year-old unit",
    "three years ago",  # past times
    "five years earlier",
    "two years later",
    "over the past three years",  # past spans
    "over the last two years",
    "in the previous 12 months",
    "the first six months",  # reporting periods
    "for the six months ended June 30",
    "nine months ended March 31",
    "six months to June 30",
    "in the 12 months through March",
    "1987 nine months earnings of 195.8 mln dlrs",
    "Nine months\n    Shr 1.20 dlrs vs 1.10 dlrs",  # a wire table heading
    "last year",  # no number
    "year-earlier",
    "in the year ended",
    "fiscal 1987",
    "multi-year",
    "years",
    "within two years",  # deadlines and points in time
    "every five years",
    "in three months",
    "callable after four years",
    "two years in a row",
    "three years running",
    "repayable with a 10-year grace",
    "sentenced to 10 years in prison",
    "5 mln dlrs a year",  # a rate, not a term
    "a year",
    "NOTE: 1985 year net includes a gain",  # a year, not a count
    "a 30-day standstill",  # days are not terms
    "cut output to 1985 levels",
    "from 1987 to 1990-91",
]


@pytest.mark.parametrize("text", NOT_TERMS)
def test_not_a_term(text):
    assert parse_term(text, published=PUBLISHED) is None
    assert find_terms(text, published=PUBLISHED) == []


def test_end_date_in_the_past_is_not_a_term():
    assert parse_term("until 1985", published=PUBLISHED) is None


def test_parse_term_wants_one_term():
    assert parse_term("a 10-year deal that runs through 2031", published=PUBLISHED) is None


# --- find_terms on whole sentences --------------------------------------------------------

# sentence, [(span, months), ...]
SENTENCES = [
    (
        "Anthropic will pay SpaceX $45 billion over three years under a five-year deal.",
        [("over three years", 36), ("five-year", 60)],
    ),
    (
        "SpaceX offered guaranteed computing capacity for three years at a fixed price.",
        [("for three years", 36)],
    ),
    (
        "The utility will cut rates by about 500 mln dlrs\nper year over the next three "
        "years and freeze them through 2031.",
        [("over the next three years", 36), ("through 2031", 68)],
    ),
    (
        "Net income for the first six months rose to a five-year high, the company said, "
        "after losses over the past three years.",
        [],
    ),
    (
        "Infortext said it finalized a two-year agreement under which GTE will market its "
        "systems for 18 months.",
        [("two-year", 24), ("for 18 months", 18)],
    ),
    (
        "Both loans are repayable over 40 years, including a 10-year\ngrace period.",
        [("over 40 years", 480)],
    ),
]


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[s[0][:40] for s in SENTENCES])
def test_find_terms(text, expected):
    found = find_terms(text, published=PUBLISHED)
    assert [text[m.start:m.end] for m in found] == [span for span, _ in expected]
    assert [m.term.months for m in found] == [months for _, months in expected]
    for match in found:
        assert isinstance(match, TermMatch)
        assert match.term == Term(text[match.start:match.end], match.term.months)


def test_find_terms_offsets_index_the_original_text():
    text = "It signed a\nthree-year contract, worth 5 mln dlrs a year for\nfive years."
    found = find_terms(text)
    assert [(m.start, m.end, m.term.text) for m in found] == [
        (12, 22, "three-year"),
        (57, 71, "for\nfive years"),
    ]


def test_docstring_examples():
    # the examples in terms.py's docstrings, also when pytest runs without
    # --doctest-modules
    results = doctest.testmod(terms)
    assert (results.failed, results.attempted > 0) == (0, True)
