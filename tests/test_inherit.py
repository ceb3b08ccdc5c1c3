"""A sentence that names one side of a deal takes the other, and the type, from the deal
named before it, even when that deal was named by a weak verb ("agreed to pay"). Articles
written by the team."""

from __future__ import annotations

from conftest import claims_by_amount as _claims


def test_a_later_figure_of_a_paid_deal_takes_its_seller_and_type(extractor):
    text = ("Halcyon AI has agreed to pay Stratus Compute $24 billion over four years for "
            "computing capacity, according to a filing.\n\n"
            "Spread evenly, Halcyon's commitment comes to about $6 billion a year.")
    claims = _claims(extractor, text)
    later = claims["about $6 billion a year"]
    assert later.names("buyer")[0].startswith("Halcyon")
    assert later.names("seller") == ["Stratus Compute"]
    assert later.deal_type == "contract"
    assert {"inherit.seller-of-deal-before", "type.of-deal-before"} <= set(later.rules())


def test_a_loan_that_pays_for_a_purchase_is_borrowed_by_the_buyer(extractor):
    """The seller of the deal before sells the company, not the loan: the buyer borrows."""
    text = ("Corvane Telecom has agreed to buy Ostreal Networks from Pallant Capital for "
            "$2.1 billion, the companies said on Monday.\n\n"
            "Corvane will fund the deal from cash and a $900 million bridge loan from "
            "Harbury Bank.")
    claims = _claims(extractor, text)
    loan = claims["$900 million"]
    assert loan.deal_type == "loan"
    assert loan.names("buyer") == ["Harbury Bank"]
    assert loan.names("seller")[0].startswith("Corvane")


def test_bank_funding_after_money_raised_is_a_loan_to_who_raised_it(extractor):
    """A bank's funding is debt, and after a financing the one who raised it borrows, not
    the financier."""
    text = ("Tarrow Geothermal Inc said Pellgate Securities Inc can provide the company "
            "with 90 mln dlrs of private financing.\n\n"
            "Tarrow said it also holds a commitment for 60 mln dlrs of project funding from "
            "Ostrava Bank.")
    loan = _claims(extractor, text)["60 mln dlrs"]
    assert loan.deal_type == "loan"
    assert loan.names("buyer") == ["Ostrava Bank"]
    assert loan.names("seller")[0].startswith("Tarrow")
    assert {"type.bank-financing", "inherit.borrower-raised-before"} <= set(loan.rules())


def test_debt_the_buyer_assumes_is_part_of_the_price_not_a_loan(extractor):
    """GUIDELINES.md: assumed debt is one of the deal's amounts; pension liabilities are
    no part of a price."""
    text = ("Calder Homes agreed to buy Westmoor Builders for 48 mln dlrs in cash and the "
            "assumption of 20 mln dlrs in debt.\n\n"
            "Calder also assumed the builder's liabilities, including a 7.5 mln dlrs "
            "mortgage, and 3 mln dlrs in unfunded pension liabilities.")
    claims = _claims(extractor, text)
    for amount in ("20 mln dlrs", "7.5 mln dlrs"):
        assert claims[amount].deal_type == "acquisition"
        assert claims[amount].names("buyer")[0].startswith("Calder")
        assert claims[amount].names("seller")[0].startswith("Westmoor")
    assert "3 mln dlrs" not in claims


def test_money_received_from_a_party_of_the_contract_before_says_who_pays(extractor):
    text = ("Orlen Diagnostics signed a marketing agreement with Pasco Biologics in May.\n\n"
            "Orlen will get no further payments under the agreement beyond the 250,000 dlrs "
            "received from Pasco in June.")
    claim = _claims(extractor, text)["250,000 dlrs"]
    assert claim.names("buyer")[0].startswith("Pasco")
    assert claim.names("seller")[0].startswith("Orlen")
    assert {"role.paid-from", "inherit.other-side-of-contract-before"} <= set(claim.rules())


def test_its_in_a_deal_of_another_company_is_that_company_s(extractor):
    """"its offshore wind portfolio" is the seller's, not the story's main company's."""
    text = ("Halvard Analytics agreed to buy Corvane Data for $2.1 billion on Monday.\n\n"
            "Separately, Brightwater Energy is selling a 49% stake in its offshore wind "
            "portfolio to Nordvik Pension for 3.2 billion euros.")
    stake = _claims(extractor, text)["3.2 billion euros"]
    assert stake.names("seller") == ["Brightwater Energy"]
    assert stake.names("buyer") == ["Nordvik Pension"]
    assert "Halvard Analytics" not in stake.names("target")


def test_holders_named_by_a_word_the_model_reads_as_common_are_paid_by_the_buyer(extractor):
    text = ("Halvard Analytics agreed to buy Corvane Data for $2.1 billion.\n\n"
            "Corvane shareholders will receive $48.50 per share, a 32% premium to Friday's "
            "close.")
    claim = _claims(extractor, text)["$48.50 per share"]
    assert claim.names("buyer") == ["Halvard Analytics"]
    assert claim.names("seller")[0].startswith("Corvane")


def test_taking_a_company_private_buys_it(extractor):
    text = ("Halvard Analytics agreed to buy Corvane Data for $2.1 billion.\n\n"
            "Separately, private equity firm Saltire Partners agreed to take Dunlow Media "
            "private in a deal worth $3.4 billion.")
    claim = _claims(extractor, text)["$3.4 billion"]
    assert claim.names("buyer") == ["Saltire Partners"]
    assert claim.names("seller") == ["Dunlow Media"]


def test_its_is_the_subject_s_even_where_the_model_tags_the_subject_a_person(extractor):
    text = ("Deals of the day\n\n"
            "* Saltire Partners has made a 2.1 billion pound offer for Orland Retail.\n\n"
            "* Swiss insurer Alpenrück will sell its Italian life business to Generali Vita "
            "for 900 million euros.")
    sale = _claims(extractor, text)["900 million euros"]
    assert sale.names("seller") == ["Alpenrück"]
    assert sale.names("buyer") == ["Generali Vita"]


def test_the_deal_of_a_later_sentence_is_the_deal_before_and_has_its_type(extractor):
    """"The deal comprises ..." after a sale is that sale, not a contract of its own."""
    text = ("Marwick Tools Plc has agreed to sell Marwick Nordic, its Swedish hand-tool "
            "subsidiary, to Ostlund Industri for £180 million, the company said.\n\n"
            "The deal comprises £150 million in cash and a further £30 million payable "
            "in 2027.")
    claims = _claims(extractor, text)
    for amount in ("£150 million", "£30 million"):
        assert claims[amount].deal_type == "acquisition"
        assert claims[amount].names("buyer") == ["Ostlund Industri"]
        assert "type.of-deal-before" in claims[amount].rules()


def test_an_agreement_that_names_its_own_party_is_a_deal_of_its_own(extractor):
    """"Its agreement with Pym Logistics is worth ..." is no part of the sale before."""
    text = ("Marwick Tools Plc has agreed to sell Marwick Nordic to Ostlund Industri for "
            "£180 million, the company said.\n\n"
            "Separately, Marwick said its new freight agreement with Pym Logistics is worth "
            "£12 million a year.")
    claims = _claims(extractor, text)
    freight = claims["£12 million a year"]
    assert freight.deal_type == "contract"
    assert freight.names("seller") == ["Pym Logistics"]
    assert "Ostlund Industri" not in freight.names("buyer")


def test_holders_paid_under_the_deal_sell_their_company(extractor):
    """GUIDELINES.md: the seller is the company sold or its holders' company."""
    claims = _claims(extractor, (
        "Corvale Systems agreed to buy Tamsin Robotics for $2.5 billion in cash.\n\n"
        "Tamsin shareholders will receive $31.50 for each share they own."))
    paid = next(c for text, c in claims.items() if text.startswith("$31.50"))
    assert paid.names("seller")[0].startswith("Tamsin")
    assert paid.names("buyer")[0].startswith("Corvale")
    assert paid.deal_type == "acquisition"


def test_paid_under_the_terms_of_the_deal_is_the_deal_before(extractor):
    claims = _claims(extractor, (
        "Corvale Systems agreed to buy Tamsin Robotics for $2.5 billion in cash.\n\n"
        "Under the terms of the deal, shareholders will receive $31.50 for each share."))
    paid = next(c for text, c in claims.items() if text.startswith("$31.50"))
    assert paid.names("buyer")[0].startswith("Corvale")
    assert paid.names("seller")[0].startswith("Tamsin")


def test_a_deal_valuing_a_company_per_share_states_its_price(extractor):
    """"values Cobalt at $52 per share" is the offer's price, not a round's valuation."""
    claims = _claims(extractor, (
        "Meridian Health said on Monday it would buy Cobalt Labs in an all-cash deal valued "
        "at $4.6 billion.\n\nThe deal, which values Cobalt at $52 per share, represents a "
        "38% premium to its closing price on Friday."))
    price = claims["$52 per share"]
    assert price.deal_type == "acquisition"
    assert price.names("buyer") == ["Meridian Health"]


def test_a_price_per_named_share_names_what_is_bought(extractor):
    claims = _claims(extractor, (
        "The $7 billion takeover of Norland Mining by Casterly Resources has been approved "
        "by shareholders.\n\nCasterly is paying 410 pence per Norland share, according to "
        "the offer document."))
    price = claims["410 pence"]
    assert price.names("buyer")[0].startswith("Casterly")
    assert any(n.startswith("Norland") for n in price.names("seller") + price.names("target"))


def test_two_descriptions_of_one_deal_keep_a_company_on_one_side(extractor):
    """"The drugmaker will pay $3 billion for the Danish company": both descriptions read
    as the story's company would put it on both sides; the deal before says which."""
    claims = _claims(extractor, (
        "Harrow Pharma is buying Vesna Biotech of Denmark.\n\n"
        "The drugmaker will pay $3 billion in cash for the Danish company, Harrow said."))
    paid = claims["$3 billion"]
    assert paid.names("buyer")[0].startswith("Harrow")
    assert [n for n in paid.names("seller") + paid.names("target") if n.startswith("Vesna")]
    assert not [n for n in paid.names("seller") + paid.names("target")
                if n.startswith("Harrow")]


def test_a_payment_by_the_buyer_naming_no_payee_is_part_of_the_deal_before(extractor):
    """"Calloway will pay $1.9 billion in cash": a part of the price of the purchase
    named before; the same words from a company no deal names stay no claim."""
    claims = _claims(extractor, (
        "Calloway Foods agreed to buy snack maker Brisk Brands from Lanark Capital for "
        "$3.2 billion, the companies said.\n\n"
        "Calloway will pay $1.9 billion in cash and the rest in shares."))
    cash = claims["$1.9 billion"]
    assert cash.names("buyer")[0].startswith("Calloway")
    assert any(n.startswith("Brisk") for n in cash.names("seller") + cash.names("target"))
    assert cash.deal_type == "acquisition"
    other = _claims(extractor, (
        "Calloway Foods agreed to buy snack maker Brisk Brands from Lanark Capital for "
        "$3.2 billion, the companies said.\n\n"
        "Separately, Pellam Mills will pay $40 million in cash to its shareholders."))
    assert "$40 million" not in other


def test_cash_for_their_shares_is_a_price_per_share(extractor):
    claims = _claims(extractor, (
        "Ardent Tools agreed to be acquired by Pellow Industries for about 90 mln dlrs.\n\n"
        "Under the merger agreement, remaining holders of Ardent, a maker of drill bits, "
        "will receive 21 dlrs cash for their shares."))
    price = claims["21 dlrs"]
    assert (price.amount.value, price.amount.per) == (21.0, "share")
    assert price.names("seller")[0].startswith("Ardent")


def test_the_story_companys_bid_for_the_stock_is_for_the_other_company_of_the_lead(extractor):
    claims = _claims(extractor, (
        "Corlan Foods Inc said 1.2 mln Brisco Dairies Inc common shares, about 80 pct of "
        "those outstanding, have been tendered in response to its offer.\n\n"
        "The company said its offer of 9.25 dlrs a share for the stock has been extended "
        "to Friday."))
    price = claims["9.25 dlrs a share"]
    assert price.names("buyer") == ["Corlan Foods Inc"]
    assert price.names("seller") == ["Brisco Dairies Inc"]


def test_a_lead_with_two_other_companies_gives_the_bid_no_seller(extractor):
    claims = _claims(extractor, (
        "Corlan Foods Inc said shares of Brisco Dairies Inc and of Tamsin Mills Inc have "
        "been tendered in response to its offers.\n\n"
        "The company said its offer of 9.25 dlrs a share for the stock has been extended "
        "to Friday."))
    assert claims["9.25 dlrs a share"].names("seller") == []


def test_a_deal_named_without_its_buyer_takes_the_buyer_of_its_first_mention(extractor):
    claims = _claims(extractor, (
        "Halvard Foods Inc said it agreed to acquire Brisco Dairies Inc.\n\n"
        "Under the merger agreement, remaining holders of Brisco, a maker of cheese, will "
        "receive 31 dlrs in cash for each share.\n\n"
        "The transaction is valued at about 140 mln dlrs, the companies said."))
    value = claims["about 140 mln dlrs"]
    assert value.names("buyer") == ["Halvard Foods Inc"]
    assert value.names("seller") == ["Brisco Dairies Inc"]


def test_a_rival_bid_in_the_same_sentence_is_for_the_same_company(extractor):
    """"outbid by Ardent, which offered 50 dlrs": the rival's offer names no company; the
    deal before it in its own sentence does."""
    text = ("Last month, Corran Holt offered to acquire Pellham Books for 34 dlrs per share "
            "but was soon outbid by Ardent Media Inc, which offered 50 dlrs per share.")
    claims = _claims(extractor, text)
    rival = claims["50 dlrs per share"]
    assert rival.names("buyer") == ["Ardent Media Inc"]
    assert rival.names("seller") == ["Pellham Books"]
    assert "inherit.rival-bid-target" in rival.rules()
    assert claims["34 dlrs per share"].names("buyer") == ["Corran Holt"]


def test_a_bidder_raising_its_own_offer_is_no_rival(extractor):
    text = ("Ardent Media Inc offered to acquire Pellham Books for 34 dlrs a share in March "
            "and raised its offer to 40 dlrs a share in May.")
    raised = _claims(extractor, text)["40 dlrs a share"]
    assert raised.names("seller") == ["Pellham Books"]
    assert "inherit.rival-bid-target" not in raised.rules()


def test_raising_an_offer_stated_as_its_price_is_a_bid_not_money_raised(extractor):
    """"raising its 35 dlr per share offer": the parser makes the price the object; the
    bidder raises its bid and raises no money, so a rival's bid after it is no sale of the
    bidder's."""
    text = ("Calder Holdings Inc is still interested in buying Marwick Freight Corp, and may "
            "consider raising its 30 dlr per share offer, a Calder spokesman said. Calder's "
            "offer was topped by a 36 dlr per share offer from Ostrow Air Corp this week.")
    claims = _claims(extractor, text)
    assert claims["30 dlr per share"].names("buyer") == ["Calder Holdings Inc"]
    rival = claims["36 dlr per share"]
    assert rival.names("buyer") == ["Ostrow Air Corp"]
    assert not any("Calder" in n for n in rival.names("seller"))


def test_a_person_who_plans_an_offer_is_not_the_storys_company(extractor):
    """"he plans to find an offer that tops the buyout deal": "he" is the director, so the
    offer has no buyer; the buyout deal is a takeover, not a contract."""
    text = ("A Marwick Freight Corp director resigned from the company's board, saying he "
            "plans to find an offer that tops the 190 mln dlr buyout deal already accepted "
            "by Marwick's board, the company said.")
    claim = _claims(extractor, text)["190 mln dlr"]
    assert claim.names("buyer") == []
    assert claim.deal_type == "acquisition"
    assert "type.takeover-deal" in claim.rules()


def test_a_bid_that_topped_another_bidders_offer_is_for_what_that_bidder_bid_for(extractor):
    text = ("Calder Holdings Inc is still interested in buying Marwick Freight Corp, and may "
            "consider raising its 30 dlr per share offer, a Calder spokesman said.\n\n"
            "Calder's offer was topped by a 36 dlr per share offer from Ostrow Air Corp this "
            "week.")
    rival = _claims(extractor, text)["36 dlr per share"]
    assert rival.names("buyer") == ["Ostrow Air Corp"]
    assert rival.names("seller") == ["Marwick Freight Corp"]
    assert "inherit.topped-bid-target" in rival.rules()


def test_a_price_a_share_raised_from_is_the_bidders_earlier_offer_not_money_raised(extractor):
    text = ("Ardent Holdings made an offer for Tamsin Inc in August. The company had raised "
            "that figure in October from an initial $14.86 a share, or roughly $38.5 "
            "billion, after its first approach was dismissed.")
    first = _claims(extractor, text)["$14.86 a share"]
    assert first.deal_type == "acquisition"
    assert first.names("buyer") == ["Ardent Holdings"]
    assert first.names("seller") == ["Tamsin Inc"]


def test_it_opening_a_sentence_is_the_company_the_sentence_before_names(extractor):
    """"It" goes on from the sentence before it in its paragraph, not from the story's
    main company (here the target, named in the lead)."""
    text = ("Marlowe Analytics, the Leeds maker of retail forecasting software, has agreed to "
            "a takeover, the companies said on Friday.\n\n"
            "The buyer is Pennant Bidco Ltd, a vehicle set up by the private equity firm "
            "Ashgrove Partners. It will pay 410 pence in cash for each Marlowe share.")
    bid = _claims(extractor, text)["410 pence"]
    assert bid.names("buyer") == ["Pennant Bidco Ltd"]
    assert bid.names("seller")[0].startswith("Marlowe")
    assert "resolve.subject-before" in bid.rules()


def test_it_after_a_paragraph_break_is_still_the_main_company(extractor):
    """A new paragraph that opens with "It" goes back to the story's company."""
    text = ("Marlowe Analytics said on Friday it had agreed to buy Tessel Retail Data.\n\n"
            "Ashgrove Partners, a shareholder, backed the plan.\n\n"
            "It will pay 410 pence in cash for each Tessel share.")
    bid = _claims(extractor, text)["410 pence"]
    assert bid.names("buyer")[0].startswith("Marlowe")


def test_a_value_takes_the_deal_named_earlier_in_its_own_sentence(extractor):
    """In a round-up, "in a deal that values the producer at" is the deal its own sentence
    names, not the item before (nor whatever "the producer" might be elsewhere)."""
    text = ("* Harrow Foods said its largest holder, Pellam Capital, backed the offer from "
            "Lindqvist.\n\n"
            "* Oslo-based Skarne Energy agreed to be acquired by larger rival Tolvik Power for "
            "NOK 120 a share, in a deal that values the gas producer at about NOK 9 billion "
            "including debt.")
    value = _claims(extractor, text)["about NOK 9 billion"]
    assert value.names("buyer") == ["Tolvik Power"]
    assert value.names("seller") == ["Skarne Energy"]
    assert value.deal_type == "acquisition"


def test_a_bid_of_a_few_units_of_money_is_a_price_per_share(extractor):
    """No company is bought for CHF 94: a bid written without "million" prices a share,
    even where the sentence does not say "a share"; a sum in millions stays whole."""
    text = ("Tolvik Power offered 11.50 dlrs a share for Skarne Energy in May.\n\n"
            "Skarne's directors withdrew their support for Brevik's CHF 94 proposal on "
            "Tuesday, and rejected Osterlund's 640 mln Swiss franc bid.")
    claims = _claims(extractor, text)
    assert claims["CHF 94"].amount.per == "share"
    assert claims["640 mln Swiss franc"].amount.per is None


def test_a_person_signing_a_loan_signs_for_the_country_the_story_is_about(extractor):
    """A minister who signs is not the borrower (GUIDELINES.md: the borrower is)."""
    text = ("Kenya has turned to development lenders to refinance its debt this year.\n\n"
            "Former treasury secretary Amos Ruto signed a $750 million development policy "
            "loan from the World Bank in March.")
    loan = _claims(extractor, text)["$750 million"]
    assert loan.deal_type == "loan"
    assert loan.names("buyer") == ["World Bank"]
    assert loan.names("seller") == ["Kenya"]


def test_shares_bought_from_a_holder_in_a_filing_are_the_filers_stake(extractor):
    """"a block of shares bought from X", no buyer said: the filer the story is about
    bought them, and a counted block of shares is a stake."""
    text = ("Tarrow Capital has built a 5.2 pct stake in Lindqvist Tools, it said in a "
            "filing.\n\n"
            "The largest purchase was a block of 400,000 shares bought from Pellam Life at "
            "12.40 dlrs each.")
    block = _claims(extractor, text)["12.40 dlrs each"]
    assert block.names("buyer") == ["Tarrow Capital"]
    assert block.names("seller") == ["Pellam Life"]
    assert block.deal_type == "stake"


def test_shares_picked_up_on_the_exchange_are_the_filers(extractor):
    """A passive purchase of shares with no buyer said, in a filing story: the filer's."""
    text = ("Tarrow Capital has built a 5.2 pct stake in Lindqvist Tools, it said in a "
            "filing.\n\n"
            "The rest were picked up on the Stockholm exchange at prices ranging from $41 "
            "to $44, according to the filing.")
    bought = [c for c in _claims(extractor, text).values() if c.amount.value == 41]
    assert bought and bought[0].names("buyer") == ["Tarrow Capital"]
