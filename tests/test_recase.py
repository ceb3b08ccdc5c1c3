"""Headlines in capitals are put in the case of running text, names kept as names."""

from __future__ import annotations

import pytest

from newsfacts.extract.recase import in_capitals, recase


@pytest.mark.parametrize(("headline", "cased"), [
    ("GAF CORP OFFERS 46 DLRS A SHARE CASH FOR BORG-WARNER",
     "GAF Corp offers 46 dlrs a share cash for Borg-Warner"),
    ("FIRST UNION TO ACQUIRE NATIONAL SAVINGS BANK FOR 12 MLN DLRS",
     "First Union to acquire National Savings Bank for 12 mln dlrs"),
])
def test_common_words_are_lowered_and_names_kept(headline, cased):
    assert recase(headline) == cased
    assert len(recase(headline)) == len(headline)


@pytest.mark.parametrize(("text", "capitals"), [
    ("HALVARD FOODS TO BUY BRISCO DAIRIES", True),
    ("Halvard Foods to buy Brisco Dairies", False),
    ("IBM AND GE", False),  # too short to be a headline
    ("BP says it will tender for the rest of Standard Oil", False),
])
def test_what_counts_as_capitals(text, capitals):
    assert in_capitals(text) is capitals
