"""Issue 13's error kinds as a table: each sentence of fixtures/roles_cases.py (our own
words) must give a claim for its amount with the parties and type GUIDELINES.md gives, or
no claim where the money is no deal. Today's misses are strict xfails, so each fix turns
its row red until the row leaves KNOWN_MISSES."""

from __future__ import annotations

import sys
from types import SimpleNamespace

import pytest
from conftest import FIXTURES, model_is_shipped

from newsfacts.scoring import names_match

sys.path.insert(0, str(FIXTURES))
from roles_cases import CASES

KNOWN_MISSES = {  # case id -> what the extractor does today; fix it, then remove it
    "seller_missing: $2bn in Peltra will pay $2bn upfront for Brenmoor's coal unit, the c":
        'no claim for $2bn',
    'seller_missing: $310 million in Hexa Systems agreed a $310 million software '
    'licensing and su':
        "buyer ['Hexa Systems'] for ['Ohio Department of Health']; seller [] for ['Hexa "
        "Systems']",
    'seller_missing: 450 million dlrs in Marlow Group said the buyer of its packaging '
    'division, Crest':
        'no claim for 450 million dlrs',
    'no_party_names: $300 million in Mr Hale said Brightwave had agreed to pay $300 '
    'million for t':
        'type acquisition for asset_sale',
    'several_parties: 612 pence a share in A consortium of Harbourline Partners, Norrvik '
    'Pension Fund a':
        'no claim for 612 pence a share',
    'several_parties: $20 million in Brightline Ventures, Osprey Capital and Halcyon '
    'Growth Fund ':
        'no claim for $20 million',
    'several_parties: $18.50 a share in Lakeview Bidco, a vehicle of Corran Capital and '
    'the Alder fa':
        "buyer ['Lakeview Bidco', 'Corran Capital'] for ['Lakeview Bidco', 'Corran Capital', "
        "'Alder family office']",
    'lists: 1.9 billion ringgit in Nagase Medical / Klinik Permata: 40% stake from '
    'Lionbridge C':
        'no claim for 1.9 billion ringgit',
    'lists: 52 euros per share in Target: Dataform; bidder: Thornhill Partners; price: 52 '
    'euro':
        'no claim for 52 euros per share',
    'direction: 180 million euro in The maritime agency awarded Arctech Marine a 180 '
    'million eur':
        "buyer [] for ['maritime agency']",
    'deal_type: $400 million in Harlow Group sold its interests in Corvane Resources to '
    'Pell':
        'type acquisition for stake',
    'deal_type: 310 million crowns in Cevara Capital acquired 1.8 million shares of '
    'Lindqvist AB f':
        'no claim for 310 million crowns',
    'deal_type: $20 million in Orbis also agreed to buy $20 million of newly issued Ardent ':
        'type acquisition for investment',
    'deal_type: 48 mln dlrs in Pellham Leisure bought the Starling Bay water park in Oregon':
        "seller ['Oregon'] for ['Corbel Resorts', 'Starling Bay water park']; type "
        'acquisition for asset_sale',
    'loans: $200 million in The Treasury said the energy ministry had signed, for the st':
        "seller ['Treasury'] for ['Lusaka Grid Power']",
    "money_not_price: 960 million euro in Fennel's 960 million euro purchase values the "
    'whole of Larch':
        'no claim for 960 million euro',
    'money_not_price: $12 million per year in The licence costs Tarlow Health $12 million '
    'per year, payabl':
        'no claim for $12 million per year',
}


STRICT = model_is_shipped()


def case_id(case: dict) -> str:
    return f"{case['kind']}: {case['amount']} in {case['sentence'][:60]}"


def _param(case: dict):
    reason = KNOWN_MISSES.get(case_id(case))
    marks = [pytest.mark.xfail(strict=STRICT, reason=reason)] if reason else []
    return pytest.param(case, marks=marks, id=case_id(case))


def _problems(case: dict, claims) -> list[str]:
    # lower-cased: a headline in capitals is read in the case of running text
    not_price = [text.lower() for text in case.get("not_price", [])]
    priced = [c for c in claims if c.amount.text.lower() in not_price]
    if priced:
        return [f"claims money that is no price: {[c.amount.text for c in priced]}"]
    mine = [c for c in claims if case["amount"].lower() in c.amount.text.lower()]
    if case["deal_type"] is None:
        return [f"claims {mine[0].amount.text!r}"] if mine else []
    if not mine:
        return [f"no claim for {case['amount']}"]
    claim, problems = mine[0], []
    buyers = claim.names("buyer")
    sellers = claim.names("seller") + claim.names("target")
    if not all(any(names_match(b, g) for b in buyers) for g in case["buyer"]):
        problems.append(f"buyer {buyers} for {case['buyer']}")
    if not case["buyer"] and buyers:
        problems.append(f"buyer {buyers} where the sentence names none")
    wanted = case["seller"] + ([case["target"]] if case["target"] else [])
    if wanted and not any(names_match(s, g) for s in sellers for g in wanted):
        problems.append(f"seller {sellers} for {wanted}")
    if not wanted and sellers:
        problems.append(f"seller {sellers} where the sentence names none")
    if claim.deal_type != case["deal_type"]:
        problems.append(f"type {claim.deal_type} for {case['deal_type']}")
    return problems


def test_case_ids_are_unique():
    ids = [case_id(c) for c in CASES]
    assert len(ids) == len(set(ids))
    assert set(KNOWN_MISSES) <= set(ids)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_error_kind_case(extractor, case):
    claims = extractor.extract(SimpleNamespace(text=case["sentence"], title=None,
                                               published=None))
    assert _problems(case, claims) == []
