"""How the extractor reads one-word company names in the places deal news puts them
(issue 13, "names the model misreads").

The model tags many one-word company names as a people ("Aramco" NORP), a place ("OpenAI"
GPE), a date ("Anduril" DATE), an adjective or a verb ("to Anthropic" read as an
infinitive), and the rules then lose the party. This probe writes deal sentences of our
own (templates, no article's words) with each name of two lists in a slot, and counts
the sentences whose claim names both sides right (GUIDELINES.md matching). The sentences
are invented; only the names are real, because the point is how the model reads real
names.

Templates and names each come in two parts: the ones the rules were tuned on (their
misses were read) and held-out ones, measured before and after a change and reported
apart.

    .venv/bin/python bench/name_probe.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
from types import SimpleNamespace

from newsfacts.extract import Extractor
from newsfacts.scoring import names_match

OTHER = "Harlow Systems Inc"
# sentence, then which slot pays (buyer) and which is paid (seller or target); the rules
# were tuned on these (their misses were read)
TEMPLATES = [
    ("{X} agreed to buy {O} for $40 million.", "X", "O"),
    ("{O} agreed to sell its cloud unit to {X} for $40 million.", "X", "O"),
    ("{O} has agreed to pay {X} $40 million over three years for computing capacity.",
     "O", "X"),
    ("{X} raised $40 million from {O}.", "O", "X"),
    ("{O} invested $40 million in {X}.", "O", "X"),
    ("{O} will invest $40 million in {X}, the companies said.", "O", "X"),
    ("{X} said it had bought a 10% stake in {O} for $40 million.", "X", "O"),
    ("{O} said it would acquire {X} in a deal valued at $40 million.", "O", "X"),
    ("{X} won a $40 million contract from {O}.", "O", "X"),
    ("{O} lent $40 million to {X}.", "O", "X"),
    ("{X} is buying {O} for $40 million, according to people familiar with the matter.",
     "X", "O"),
    ("The $40 million purchase of {O} by {X} closed on Friday.", "X", "O"),
    ("{X} has agreed to acquire {O} in a deal valued at $40 million, the companies said "
     "on Monday.", "X", "O"),
    ("{X} will pay $40 million for {O}'s cloud unit.", "X", "O"),
    ("{O} rejected a $40 million takeover offer from {X}.", "X", "O"),
    ("{X} signed a $40 million supply contract with {O}.", "O", "X"),
    ("{X} secured a contract worth $40 million with {O}.", "O", "X"),
    ("{X}'s $40 million purchase of {O} was completed on Friday.", "X", "O"),
    ("{O} agreed to be acquired by {X} for $40 million.", "X", "O"),
    ("{X} borrowed $40 million from {O}.", "O", "X"),
    ("{X} is in talks to buy {O} for about $40 million, Bloomberg News reported.", "X", "O"),
    ("{O} sold its 20% stake in Pellham Bank to {X} for $40 million.", "X", "O"),
    ("{X} led a $40 million funding round in {O}.", "X", "O"),
    ("{X} agreed to take over {O} for $40 million in cash.", "X", "O"),
    ("{O} has accepted a $40 million bid from {X}.", "X", "O"),
    ("{X} bought {O} last year for $40 million.", "X", "O"),
    ("{X} announced on Tuesday that it would buy {O} for $40 million.", "X", "O"),
    ("Under the deal, {X} will pay {O} $40 million upfront.", "X", "O"),
    ("{X} secured a $40 million loan from {O}.", "O", "X"),
    ("{O} provided {X} with a $40 million credit facility.", "O", "X"),
    ("{X} took out a $40 million term loan with {O}.", "O", "X"),
    ("{O} extended a $40 million revolving credit line to {X}.", "O", "X"),
    ("{X} won a $40 million order from {O}.", "O", "X"),
    ("{O} awarded {X} a $40 million contract.", "O", "X"),
    ("{X} landed a $40 million deal to supply {O} with batteries.", "O", "X"),
    ("{X} sold $40 million of new shares to {O}.", "O", "X"),
    ("{O} took a $40 million stake in {X}.", "O", "X"),
    ("{O} bought a $40 million stake in {X}.", "O", "X"),
    ("{O} agreed to buy $40 million of {X}'s shares.", "O", "X"),
    ("{X} agreed to sell a 20% stake to {O} for $40 million.", "O", "X"),
    ("{O} is lending {X} $40 million.", "O", "X"),
    ("{X} has borrowed $40 million from {O} to fund the deal.", "O", "X"),
]
# written after the rules, measured before and after, never read for misses
HELD_OUT_TEMPLATES = [
    ("{X} completed its $40 million acquisition of {O} on Thursday.", "X", "O"),
    ("{O} said on Wednesday it had agreed to sell itself to {X} for $40 million in cash.",
     "X", "O"),
    ("{X} struck a $40 million deal to buy {O}, the companies said.", "X", "O"),
    ("{X} made a $40 million offer for {O} last week.", "X", "O"),
    ("{O} will receive $40 million from {X} under the agreement.", "X", "O"),
    ("{X} agreed to invest $40 million in {O} in exchange for a minority stake.", "X", "O"),
    ("{O} has signed a $40 million loan agreement with {X}.", "X", "O"),
    ("{X} will acquire {O} for $40 million, according to a statement.", "X", "O"),
    ("{O} is being bought by {X} for $40 million.", "X", "O"),
    ("{X} offered $40 million for {O}, people familiar with the matter said.", "X", "O"),
    ("{X} snapped up {O} for $40 million.", "X", "O"),
    ("{O} was sold to {X} for $40 million in 2023.", "X", "O"),
]
TUNED = ("Anthropic OpenAI xAI Databricks Stripe Klarna Revolut Mistral Cohere Perplexity "
         "Aramco Anduril Glencore Temasek Mubadala Iberdrola Nvidia Pfizer Shein Canva").split()
HELD_OUT = ("Tencent Alibaba Rakuten Softbank Grab Uber Rivian Lucid Snowflake Figma Adobe "
            "Wiz Alphabet Meta Oracle Broadcom Qualcomm Arm Samsung Hyundai Stellantis "
            "Renault Volvo Ericsson Nokia Spotify Zalando Adyen Prosus Vale").split()


def both_sides_right(extractor: Extractor, template: str, name: str, pays: str,
                     paid: str) -> bool:
    """Whether the sentence's first claim names the payer and the paid right."""
    slots = {"X": name, "O": OTHER}
    text = template.format(**slots)
    claims = extractor.extract(SimpleNamespace(text=text, title=None, published=None))
    if not claims:
        return False
    claim = claims[0]
    sellers = claim.names("seller") + claim.names("target")
    return any(names_match(b, slots[pays]) for b in claim.names("buyer")) and any(
        names_match(s, slots[paid]) for s in sellers)


def probe(extractor: Extractor, templates: list[tuple], names: list[str]) -> dict:
    """Both-sides-right counts over every template and name, and the misses."""
    misses = [template.format(X=name, O=OTHER)
              for template, pays, paid in templates for name in names
              if not both_sides_right(extractor, template, name, pays, paid)]
    total = len(templates) * len(names)
    return {"sentences": total, "both_right": total - len(misses),
            "share": round((total - len(misses)) / total, 3), "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the counts and misses to this file")
    parser.add_argument("--misses", action="store_true", help="print the missed sentences")
    args = parser.parse_args()
    extractor = Extractor()
    results = {f"{t_part} sentences, {n_part} names": probe(extractor, templates, names)
               for t_part, templates in (("tuned", TEMPLATES), ("held-out", HELD_OUT_TEMPLATES))
               for n_part, names in (("tuned", TUNED), ("held-out", HELD_OUT))}
    for part, result in results.items():
        print(f"name probe, {part}: both sides right in {result['both_right']} of "
              f"{result['sentences']} ({result['share']:.2f})")
        if args.misses:
            for sentence in result["misses"]:
                print(f"    {sentence}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
