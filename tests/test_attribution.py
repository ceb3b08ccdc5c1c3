"""Who a claim cites: its own sentence, the sentence after, else the article's source
named in its opening (wire copy names it once, in the lead: "Harlow Foods said it agreed
..."; web copy a sentence or two later), else the source of the claim before it. Articles
written by the team."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

ARTICLES = [
    # the lead's source carries to a later sentence that cites no one
    ("LONDON, June 3 - Harlow Foods Plc <HARL.L> said it agreed to buy Brandt Dairies for "
     "52 mln stg in cash.\n\nUnder the agreement Harlow will pay 310p for each Brandt share.",
     {"52 mln stg": ("Harlow Foods Plc said", "attribution.sentence"),
      "310p for each": ("Harlow Foods Plc said", "attribution.lead")}),
    # "Orland Paper" is a company, not commercial paper traded in a market
    ("The company said it agreed to acquire Orland Paper for 18 mln dlrs in cash.\n\n"
     "The transaction is valued at 21 mln dlrs including debt.",
     {"18 mln dlrs": ("The company said", "attribution.sentence"),
      "21 mln dlrs": ("The company said", "attribution.lead")}),
    # a source cited at the end of the lead
    ("Quillon Capital will buy Arvela Software for $2 billion, according to a filing.\n\n"
     "Quillon will pay $41 for each Arvela share.",
     {"$41 for each": ("according to a filing", "attribution.lead")}),
    # web copy names its source after the lead: the first source the opening cites
    ("Brenmoor Foods has agreed to buy the snack maker Calloway Crisps for $1.4 billion "
     "in cash.\n\nThe purchase gives Brenmoor a second factory in Ohio. Brenmoor will pay "
     "$36 for each Calloway share, the companies said in a joint statement on Monday.",
     {"$1.4 billion": ("the companies said", "attribution.opening"),
      "$36 for each": ("the companies said", "attribution.sentence")}),
    ("Vantor Group agreed to sell its Dutch ferry unit to Seabright Partners for "
     "€600 million.\n\nThe unit runs nine ships between Rotterdam and Hull. The sale will "
     "close in June, Vantor said.",
     {"€600 million": ("Vantor said", "attribution.opening")}),
    # an article that cites no one gives its claims no source
    ("Kestrel Homes bought the builder Ambry Estates for 90 mln dlrs last year.\n\n"
     "Ambry builds about 400 houses a year in the Midlands.",
     {"90 mln dlrs": (None, None)}),
    # a deal a news outlet reports is a claim, citing the outlet (not a figure "reported")
    ("Halvard Analytics will buy Corvane Data for $2 billion, Bloomberg News reported on "
     "Tuesday.", {"$2 billion": ("Bloomberg News reported", "attribution.sentence")}),
    ("Tessaly Power is buying the grid operator Ormer for $650 million, the Wall Street "
     "Journal reported, citing people familiar with the matter.",
     {"$650 million": ("people familiar with the matter", "attribution.sentence")}),
    # "per a filing", "as first reported by", "wrote in a blog post"
    ("Quillon Capital agreed to buy Arvela Software for $2 billion, per a regulatory filing.",
     {"$2 billion": ("per a regulatory filing", "attribution.sentence")}),
    ("Quillon Capital is set to acquire Arvela Software for $2 billion, as first reported "
     "by The Information.",
     {"$2 billion": ("as first reported by The Information", "attribution.sentence")}),
    ("Quillon Capital will pay $2 billion for Arvela Software, Olsen wrote in a blog post.",
     {"$2 billion": ("Olsen wrote in a blog post", "attribution.sentence")}),
    # a round-up's bulleted items are separate stories: none takes another's source
    ("Deals of the day\n\n"
     "* Saltire Partners has made a 2.1 billion pound offer for Orland Retail, the target "
     "said.\n\n"
     "* Kirawa Holdings will acquire a 35% stake in Tembaga Jaya for $700 million.",
     {"2.1 billion pound": ("the target said", "attribution.sentence"),
      "$700 million": (None, None)}),
]


@pytest.mark.parametrize("text, wanted", ARTICLES)
def test_a_claim_cites_its_sentence_else_the_articles_source(extractor, text, wanted):
    claims = {c.amount.text: c for c in extractor.extract(
        SimpleNamespace(text=text, title=None, published=None))}
    for amount, (source, rule) in wanted.items():
        assert claims[amount].attribution == source
        if rule:
            assert rule in claims[amount].rules()
