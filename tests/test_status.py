"""A claim's status from its evidence sentence: one row per way a story says a stage."""

from __future__ import annotations

import pytest

from newsfacts.status import claim_status, is_raised_offer

CASES = [
    # Rumours: unnamed sources, whatever stage they report.
    ("Halden is in talks to buy Pellworth for $1.1 billion, people familiar with the matter "
     "said.", None, "rumoured"),
    ("Brightwater has agreed to buy Sefton Mills for $420 million, according to sources close "
     "to the deal.", None, "rumoured"),
    ("Talk in the market is that Norvale could pay 30 dlrs a share, reportedly with backing "
     "from two banks.", None, "rumoured"),
    ("Ostrander is investing $12 billion in Calix Labs.", "people familiar with the matter",
     "rumoured"),
    # Talks.
    ("Pellworth said it was in talks with Halden about a sale valued at 900 mln dlrs.", None,
     "in_talks"),
    ("The two companies are negotiating a merger worth about $3 billion.", None, "in_talks"),
    ("Corvale said it was considering a sale of its paper unit for 200 mln dlrs.", None,
     "in_talks"),
    # Offers and bids.
    ("Keswick Materials Inc offered to buy Orland Chemical Co for $2.4 billion in cash.", None,
     "proposed"),
    ("Dixons launched a hostile tender offer of 90.25 dlrs a share for Cyclops.", None,
     "proposed"),
    ("Keswick raised its offer for Orland to $2.9 billion.", None, "proposed"),
    ("Marlin proposed a merger that would value Tessel at 1.2 billion euros.", None, "proposed"),
    ("GenCorp said the group's 100 dlr a share bid was unsolicited.", None, "proposed"),
    # Agreements.
    ("Keswick Materials Inc agreed to buy Orland Chemical Co for $2.9 billion.", None, "agreed"),
    ("The companies signed a definitive agreement under which Farrow pays 12 mln stg.", None,
     "agreed"),
    ("Microsoft will invest up to $10 billion in Contoso AI over five years.", None, "agreed"),
    ("Ridgeline said its board approved the sale of the unit for 45 mln dlrs.", None, "agreed"),
    ("Westbury Steel to buy Calloway Wire for 60 mln dlrs.", None, "agreed"),
    ("Harwick won a $1.2 billion contract to supply sonar systems to the navy.", None, "agreed"),
    # Completed.
    ("Kettle Creek Resources Ltd said it bought gas reserves from Redwater for 38 mln dlrs.",
     None, "completed"),
    ("Verdant Harbor completed its acquisition of Orion Pet Supply for $64.3 million.", None,
     "completed"),
    ("Ashby said it has sold its Denver stations to Crane Media for 87 mln dlrs.", None,
     "completed"),
    ("Glasswing closed its $12 million Series B round led by Halden Ventures.", None,
     "completed"),
    # Ended.
    ("Orland's board rejected the $2.4 billion offer as too low.", None, "terminated"),
    ("Corvane Partners withdrew its 3.60 dlr a share bid for Tollgate.", None, "terminated"),
    ("Cliffs walked away from its $7.25 billion deal for the steelmaker.", None, "terminated"),
    ("The merger agreement, valued at 640 mln dlrs, was terminated by mutual consent.", None,
     "terminated"),
    ("Tremont called off talks to sell its chemicals arm for 150 mln dlrs.", None, "terminated"),
    # Bugs found: "consideration" is a price, not a thought; "buy back" is no backing.
    ("Senior Engineering pays a total consideration of 12.5 mln stg for South Western.", None,
     "agreed"),
    ("Pellway will buy back shares worth 50 mln stg.", None, "agreed"),
    # Bugs found on Reuters: "to be acquired" is not done; a raised bid outranks the
    # rejection of the one it replaces.
    ("Purolator said it has agreed to be acquired for about 265 mln dlrs by PC Acquisition.",
     None, "agreed"),
    ("Pesch sweetened his bid to 22 dlrs a share from a 20 dlr bid, which the company "
     "rejected.", None, "proposed"),
    ("Waste Management said its unit ended its tender offer for ChemLawn at 35 dlrs a share.",
     None, "terminated"),
    ("Renouf said it has accepted for payment all units tendered in its 31 dlrs per unit "
     "offer.", None, "completed"),
    ("Six Flags might sell for as much as 300 mln dlrs, analysts said.", None, "in_talks"),
]


@pytest.mark.parametrize(("sentence", "attribution", "status"), CASES,
                         ids=[c[0][:50] for c in CASES])
def test_claim_status(sentence, attribution, status):
    assert claim_status(sentence, attribution) == status


@pytest.mark.parametrize(("sentence", "raised"), [
    ("Keswick raised its offer for Orland to $2.9 billion.", True),
    ("Brennmoor Capital has raised its cash offer for Ashdown Leisure by 50p.", True),
    ("Dixons sweetened its bid for Cyclops to 95 dlrs a share.", True),
    ("GAF made a new offer of 2.5 billion dlrs for Borg-Warner.", True),
    ("Keswick Materials Inc offered to buy Orland Chemical Co for $2.4 billion.", False),
    ("Orland raised $500 million in a bond sale.", False),
], ids=lambda v: v[:40] if isinstance(v, str) else None)
def test_raised_offer_is_a_step_of_the_same_deal(sentence, raised):
    assert is_raised_offer(sentence) is raised
