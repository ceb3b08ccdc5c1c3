"""Deal-claim extraction: a spaCy pipeline that turns news text into Claims.

>>> from newsfacts.extract import extract_claims
>>> [claim] = extract_claims("Dixons Group PLC said it agreed to buy Cyclops Corp for "
...                          "90.25 dlrs a share.")
>>> claim.amount.value, claim.amount.per, claim.names("buyer"), claim.names("seller")
(90.25, 'share', ['Dixons Group PLC'], ['Cyclops Corp'])
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

from .amounts import find_amounts, parse_amount
from .records import Amount, Claim, Party, Term
from .terms import find_terms, parse_term

if TYPE_CHECKING:
    from .pipeline import Extractor, load_pipeline, resolve_model

# The pipeline (and spaCy) load on first use: the store, the site and the scorer read
# records and name keys from this package without paying for spaCy's import.
_LAZY = {"Extractor", "load_pipeline", "resolve_model"}


def __getattr__(name: str):
    if name in _LAZY:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Amount",
    "Claim",
    "Extractor",
    "Party",
    "Term",
    "extract_claims",
    "find_amounts",
    "find_terms",
    "load_pipeline",
    "parse_amount",
    "parse_term",
    "resolve_model",
]

_DEFAULT: Extractor | None = None


def extract_claims(text: str, title: str | None = None, published: str | None = None,
                   extractor: Extractor | None = None) -> list[Claim]:
    """Return the deal claims one article text states.

    :param text: the article text.
    :param title: its headline, if known (helps name the parties).
    :param published: its ISO publication date, if known ("through 2031" counts from it).
    :param extractor: the Extractor to use; None loads the default model once.
    """
    global _DEFAULT
    if extractor is None:
        from .pipeline import Extractor

        _DEFAULT = _DEFAULT or Extractor()
        extractor = _DEFAULT
    article = SimpleNamespace(text=text, title=title, published=published)
    return extractor.extract(article)
