"""Money that is no deal, set aside by a rule the trace can name: each row is a sentence
in our own words, the amount, and the drop rule that must set it aside (GUIDELINES.md:
commodity prices, public offerings, securities and currency traded in markets, lawsuits
and company figures are no deal claims). The last rows must stay claims."""

from __future__ import annotations

import pytest

DROPPED = [  # text, amount, rule
    ("Brightfield Solar agreed to buy panels from Tidewell Grid for $400 million. "
     "Brightfield has said it plans to spend $1.2 billion by 2027 on a second factory.",
     "$1.2 billion", "drop.spending"),
    ("Nordby Shipping sold six bulk carriers to Halvard Lines for $480 million. It will use "
     "the proceeds to repay bonds maturing in 2027 and a $150 million bank loan secured on "
     "the ships.", "$150 million", "drop.repaid-loan"),
    ("Pennbrook Oil agreed to buy Halvard Chemicals. Tarrant Industries announced a 900 mln "
     "dlr, or 60 dlr a share, buyback of 30 pct of its stock and the sale of its glass unit.",
     "60 dlr a share", "drop.buyback"),
    ("Pennbrook Oil agreed to buy Halvard Chemicals. Tarrant said it had bought back $500 "
     "million of its own stock in the first half.", "$500 million", "drop.buyback"),
    ("Corvane Labs has agreed to pay Halden Data about $30m a month under a ten-year "
     "lease. Banks and private credit funds provided about $45bn of financing for European "
     "data centre projects in the first half, according to research firm Orbis Analytics.",
     "about $45bn", "drop.aggregate"),
    ("Brandt Semiconductor agreed to buy Ostrow Optics. Brandt had already received $1.9 "
     "billion of federal grant money before the deal.", "$1.9 billion", "drop.grant"),
    ("Norland said it will offer a 900 mln dlr, three-part bond issue next week.",
     "900 mln dlr", "drop.securities"),
    ("Norland Dairy agreed to buy Fenwick Farms. The central bank will buy 150 mln dlrs of "
     "the new issue.", "150 mln dlrs", "drop.securities"),
    ("Kestrel Tools said it offered two mln shares of common stock at 41.50 dlrs a share.",
     "41.50 dlrs a share", "drop.securities"),
    ("Ardent Grain Co agreed to buy the Halsey mill. The board sold 40,000 tonnes of maize "
     "at 92 dlrs per tonne.", "92 dlrs per tonne", "drop.commodity-price"),
    ("Halvorsen Oil agreed to buy Brent Field Ltd. It sold crude at 18.20 dlrs a barrel.",
     "18.20 dlrs a barrel", "drop.commodity-price"),
    ("Kenya has signed two yen-denominated loans from the Japan International Cooperation "
     "Agency worth nearly $400 million combined.", "two yen", "drop.denomination"),
    ("Ostra Smelting agreed to buy power from Kvarn Wind. Wholesale power in the SE3 "
     "bidding area averaged around €42 per megawatt-hour last year.", "around €42",
     "drop.commodity-price"),
    ("Halvorsen Oil agreed to buy Brent Field Ltd. The monetary authority's purchases of "
     "about two billion dlrs in the week lifted its reserves.", "about two billion dlrs",
     "drop.money-bought"),
    ("Marlow Group agreed to buy Tennant. Marlow received 180 mln dlrs from an offering "
     "made through Pell Securities.", "180 mln dlrs", "drop.public-issue"),
    ("Tennant said it would drop the 500 mln dlr lawsuit it filed to force Marlow to complete "
     "the merger.", "500 mln dlr", "drop.figure"),
    ("Marlow agreed to buy Tennant. A rating agency may downgrade 3 billion dlrs of Marlow "
     "debt because of the deal.", "3 billion dlrs", "drop.figure"),
    ("Harbour Savings agreed to buy Quay Bancorp, which writes about 80 mln dlrs in "
     "residential mortgage loans a year.", "about 80 mln dlrs", "drop.figure-after"),
    # issue 13's third pass: the wire's money that is no deal
    ("The Reserve Bank made outright purchases of treasury bills comprising 210 mln dlrs in "
     "band one.", "210 mln dlrs", "drop.securities"),
    ("The exchange offer covers Halvard's 40 mln dlr principal amount of 12 pct senior "
     "notes due 1998.", "40 mln dlr", "drop.securities"),
    ("Corvex Systems said it won 12.4 mln dlrs worth of Army contracts.", "12.4 mln dlrs",
     "drop.aggregate"),
    ("Marlow agreed to buy Tennant. If the merger agreement were terminated, Marlow would be "
     "entitled to a 22 mln dlr cash payment.", "22 mln dlr", "drop.termination-fee"),
    ("Tallis Mining granted Corbin Partners an option to buy 400,000 shares at 2.10 dlrs a "
     "share.", "2.10 dlrs a share", "drop.figure"),
    ("A unit of Kessling Bank is raising 40 mln Australian dlrs through a five-year bullet "
     "eurobond.", "40 mln Australian dlrs", "drop.public-issue"),
    # issue 13's fourth pass: stocks of credit, taxes raised, markets, discounts,
    # settlements
    ("Norland Dairy agreed to buy Fenwick Farms. Consumer credit outstanding\ntotaled 412 "
     "billion dlrs at the end of March.", "412 billion dlrs", "drop.figure"),
    ("Norland Dairy agreed to buy Fenwick Farms. The government said it would raise tariffs "
     "of as much as 200 mln dlrs on imported cheese.", "as much as 200 mln dlrs",
     "drop.no-deal-word"),
    ("Norland Dairy agreed to buy Fenwick Farms. Kessling Power plans to raise 1.4 billion "
     "rand in the South African financial markets this year.", "1.4 billion rand",
     "drop.public-issue"),
    ("Norland Dairy agreed to buy Fenwick Farms. The loan lets Norland take an early payment "
     "discount of about 9 mln dlrs.", "about 9 mln dlrs", "drop.figure"),
    ("Cif Contract Jun/Jul 164.50 dlrs NO.6 Caribbean/U.K. Freight element 22.00 dlrs NO.6",
     "164.50 dlrs", "drop.no-party"),  # a trade term names no party
    ("Norland Dairy agreed to buy Fenwick Farms. Drivers agreed to a settlement that "
     "provided for payments of 2.1 mln dlrs by the dairy.", "2.1 mln dlrs", "drop.figure"),
    # a place we know raising money is a total; a company the model tags as a place is not
    ("Norland Dairy agreed to buy Fenwick Farms. London raised $2 billion in fintech "
     "funding in the first half.", "$2 billion", "drop.place-total"),
    # an option's or a warrant's exercise price is no price paid
    ("Norland Dairy agreed to buy Fenwick Farms. Norland said it will also receive "
     "warrants to purchase 500,000 Fenwick shares at 4.50 dlrs each.", "4.50 dlrs each",
     "drop.option-price"),
    # a deal that might have been
    ("Analysts said Norland could have bought the rest of Fenwick Farms for about 14 dlrs "
     "a share last spring.", "about 14 dlrs a share", "drop.hypothetical"),
    # a judgment is damages, whatever verb wins it
    ("Norland Dairy agreed to buy Fenwick Farms. Ashby Mills asked a court to stay a 90 mln "
     "dlr judgment bond won by Norland.", "90 mln dlr", "drop.settlement"),
    # trade totalled over years is no one deal
    ("Norland Dairy agreed to buy Fenwick Farms. The ministry said it had licensed sales of "
     "dairy equipment to Chile, amounting to about 30 mln dlrs over the past five years.",
     "about 30 mln dlrs", "drop.aggregate"),
]

CLAIMED = [  # text, amount: money that is a deal's and must stay a claim
    "Harlow Systems invested $40 million in Lyndale, the companies said.",
    "Harlow Foods bought 10 mln dlrs of Brandt Dairies shares.",
    "Harlow Foods agreed to buy Brandt Dairies for 52 mln dlrs and assume 20 mln dlrs of "
    "its debt.",
    # "would have bought" tells the terms of an ended deal, which GUIDELINES.md records
    "Harlow Foods ended the agreement under which Ostrava Mills would have bought 60 pct "
    "of Pell Corp for about 90 mln dlrs.",
]


@pytest.mark.parametrize("text,amount,rule", DROPPED, ids=[r[1] for r in DROPPED])
def test_money_that_is_no_deal_is_set_aside_by_its_rule(extractor, text, amount, rule):
    doc = extractor.nlp(text)
    assert amount not in [c.amount.text for c in doc._.claims]
    assert {"amount": amount, "rule": rule} in [
        {"amount": d["amount"], "rule": d["rule"]} for d in doc._.dropped]


@pytest.mark.parametrize("text", CLAIMED, ids=[t[:40] for t in CLAIMED])
def test_a_deal_s_money_stays_a_claim(extractor, text):
    assert extractor.nlp(text)._.claims
