"""How the extractor reads one-word company names in the places deal news puts them
(issue 13, "names the model misreads").

The model tags many one-word company names as a people ("Aramco" NORP), a place ("OpenAI"
GPE), a date ("Anduril" DATE), an adjective or a verb ("to Anthropic" read as an
infinitive), and the rules then lose the party. This probe writes a dozen deal sentences
of our own (templates, no article's words) with each name of two lists in each slot, and
counts the sentences whose claim names both sides right (GUIDELINES.md matching). The
sentences are invented; only the names are real, because the point is how the model
reads real names.

The first list is the one the rules were tuned on (their misses were read); the second
was measured before and after and is reported apart.

    .venv/bin/python bench/name_probe.py [--json FILE]
"""

from __future__ import annotations

import argparse
import json
from types import SimpleNamespace

from newsfacts.extract import Extractor
from newsfacts.scoring import names_match

OTHER = "Harlow Systems Inc"
# sentence, then which slot pays (buyer) and which is paid (seller or target)
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


def probe(extractor: Extractor, names: list[str]) -> dict:
    """Both-sides-right counts over every template and name, and the misses."""
    misses = [template.format(X=name, O=OTHER)
              for template, pays, paid in TEMPLATES for name in names
              if not both_sides_right(extractor, template, name, pays, paid)]
    total = len(TEMPLATES) * len(names)
    return {"sentences": total, "both_right": total - len(misses),
            "share": round((total - len(misses)) / total, 3), "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the counts and misses to this file")
    parser.add_argument("--misses", action="store_true", help="print the missed sentences")
    args = parser.parse_args()
    extractor = Extractor()
    results = {"tuned": probe(extractor, TUNED), "held-out": probe(extractor, HELD_OUT)}
    for part, result in results.items():
        print(f"name probe, {part} names: both sides right in {result['both_right']} of "
              f"{result['sentences']} sentences ({result['share']:.2f})")
        if args.misses:
            for sentence in result["misses"]:
                print(f"    {sentence}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)


if __name__ == "__main__":
    main()
