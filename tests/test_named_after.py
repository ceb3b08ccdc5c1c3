"""Web copy often states a deal with one side and names the other in the next sentence
("The buyer is ...", "Thrive Capital led the round"); and a sentence can name a deal's
other side by what it pays with ("will receive Corvel stock"). Articles written by the
team."""

from __future__ import annotations

from conftest import claims_by_amount as _claims


def test_the_buyer_named_in_the_sentence_after_a_sale(extractor):
    text = ("Harwell Industries has agreed to sell Calloway Drives, its maker of industrial "
            "motors, for 2.1 billion euros, the company said on Monday.\n\n"
            "The buyer is Brightwater Partners. The private equity firm will take over all "
            "of Calloway's plants.")
    sale = _claims(extractor, text)["2.1 billion euros"]
    assert sale.names("buyer") == ["Brightwater Partners"]
    assert "role.buyer-named-after" in sale.rules()


def test_the_buyer_named_in_an_apposition_after_the_sale(extractor):
    text = ("Norlake Software has agreed to be bought for about $3.2 billion, the company "
            "said on Friday.\n\n"
            "The buyer, American private equity firm Corbel Capital, will pay $9.10 a share "
            "in cash.")
    claims = _claims(extractor, text)
    assert claims["about $3.2 billion"].names("buyer") == ["Corbel Capital"]


def test_a_unit_said_to_be_bought_by_a_company_in_the_next_sentence(extractor):
    text = ("Tamsin Group has agreed to sell its safety-equipment business for $900 million, "
            "it said on Tuesday.\n\n"
            "The business, which makes gloves and helmets, is being bought by Ardent "
            "Workwear.")
    sale = _claims(extractor, text)["$900 million"]
    assert sale.names("buyer") == ["Ardent Workwear"]


def test_a_sentence_after_that_names_no_buyer_adds_none(extractor):
    text = ("Tamsin Group has agreed to sell its safety-equipment business for $900 million, "
            "it said on Tuesday.\n\n"
            "The business, which makes gloves and helmets, employs 4,000 people.")
    assert _claims(extractor, text)["$900 million"].names("buyer") == []


def test_investors_who_led_and_joined_a_round_in_the_sentences_after(extractor):
    text = ("Quillon, the maker of an AI code-review tool, has raised $600 million, the "
            "company said on Thursday.\n\n"
            "Arbor Capital led the round. Pellgate Ventures, Marlow Fund and Osprey Growth "
            "also took part.\n\n"
            "The company will use the money to hire engineers.")
    round_ = _claims(extractor, text)["$600 million"]
    assert round_.names("buyer") == ["Arbor Capital", "Pellgate Ventures", "Marlow Fund",
                                     "Osprey Growth"]
    assert round_.names("seller")[0].startswith("Quillon")


def test_shareholders_paid_in_a_companys_stock_are_bought_by_it(extractor):
    text = ("Vestry Bancorp agreed to buy Ardmore Savings in an all-stock deal, the banks "
            "said.\n\n"
            "Ardmore holders will get Vestry Bancorp shares worth about $31.40 each. That "
            "gives the deal a value of about $1.2 billion.")
    claims = _claims(extractor, text)
    per_share = claims["about $31.40 each"]
    assert per_share.names("buyer") == ["Vestry Bancorp"]
    assert "role.paid-in-stock" in per_share.rules()


def test_the_fast_path_parses_the_sentence_a_deal_figure_points_back_to():
    """"The all-stock deal was valued at $53bn" has money; the deal's parties are in the
    sentence before, which has a deal word but no money."""
    from newsfacts.extract.passages import select_passages
    text = ("A long fight over the oil producer is over. Hallam Energy said on Friday that "
            "it had closed its acquisition of Corvane Oil. The all-stock deal was valued at "
            "$12bn when it was announced. Hallam shares rose 1%.")
    picked = [text[p.start:p.end] for p in select_passages(text)]
    assert any(s.startswith("Hallam Energy said") for s in picked)
    assert not any(s.startswith("Hallam shares") for s in picked)


def test_a_figure_of_the_deal_closed_the_sentence_before_takes_its_parties(extractor):
    text = ("A long fight over the oil producer is over, after an arbitration panel sided "
            "with the buyer.\n\n"
            "Hallam Energy said on Friday that it had closed its acquisition of Corvane "
            "Oil, gaining a stake in an offshore field.\n\n"
            "The all-stock deal was valued at $12bn when it was announced.")
    deal = _claims(extractor, text)["$12bn"]
    assert deal.names("buyer") == ["Hallam Energy"]
    assert deal.names("seller") == ["Corvane Oil"]
