"""Word tables for deals: the cue words of each kind of deal and how their arguments map
to roles, the nouns whose money is not a deal's, attribution cues and corporate suffixes.

Built by reading deal news (Reuters-21578's acquisition wire of 1987, modern wire and
trade press); each table says what its fields mean. Registered below under versioned
names so that config.cfg can pick another table set.
"""

from __future__ import annotations

from pathlib import Path

import srsly
from spacy.util import registry

from .lexicon import CORPORATE_SUFFIXES, SCORING_SUFFIXES  # noqa: F401  (used by names.py)

# --- Frames ---------------------------------------------------------------------------
# The deal frames are data: rules/frames.jsonl beside this file, one JSON record a line.
# A frame record ("id": "frame.acquire") names a kind of deal, its default deal type,
# whether it makes a claim on its own ("strong"; the others, "stake", "value", "receive"
# and "pay", need the article to be about a deal: "the group paid 31 cents a share" in an
# earnings report is a dividend) and its cue words (lemmas, verbs and the nouns naming
# the same act). A role record ("id": "acquire.subj") says which role one argument of the
# frame's words plays, with an example sentence and the parties it should give. The
# arguments: "subj" = active subject, "obj" = direct object, "dative" = indirect object,
# "pass" = passive subject, "agent" = by-phrase of a passive, "poss" = possessor of a deal
# noun, "compound" = noun modifier of a deal noun, "with_partner" = the "with" partner of a
# noun the deal verb hangs off, or a preposition. Roles: "buyer" who pays, "seller" who is
# paid, "target" what changes hands. Each record's id is what claims' traces name.
RULES_PATH = Path(__file__).parent / "rules" / "frames.jsonl"


def read_rules(path: str | Path = RULES_PATH) -> list[dict]:
    """The rule records of a frames file, in order."""
    return list(srsly.read_jsonl(path))


def rule_set(records: list[dict]) -> dict:
    """The frames, cue words and strong frames that rule records define, as the claims
    component and the cue filter read them."""
    frames: dict[str, dict[str, str]] = {}
    cues: dict[str, str] = {}
    strong = []
    for record in records:
        frame = frames.setdefault(record["frame"], {})
        if "argument" in record:
            frame[record["argument"]] = record["role"]
        else:
            frame["deal_type"] = record["deal_type"]
            cues.update(dict.fromkeys(record["cues"], record["frame"]))
            if record.get("strong"):
                strong.append(record["frame"])
    return {"frames": frames, "cues": cues, "strong": strong, "records": records}


_SHIPPED = rule_set(read_rules())
FRAMES: dict[str, dict[str, str]] = _SHIPPED["frames"]
# Deal words (lemmas) -> frame.
CUES: dict[str, str] = _SHIPPED["cues"]
# Frames strong enough to make a sentence a deal claim on their own.
STRONG_FRAMES = frozenset(_SHIPPED["strong"])

# --- Money that is not a deal's -----------------------------------------------------
# Nouns that, when they govern an amount, make it a company figure, not a price:
# "Flyfaire, with annual sales of 100 mln dlrs", "a loss of 16 mln dlrs".
NOT_DEAL_NOUNS = frozenset(
    """revenue revenues sales turnover profit profits earnings income loss losses
    deficit surplus net pretax pre-tax operating ebitda margin dividend dividends asset
    assets liability liabilities capitalisation capitalization cap budget fine fines
    penalty penalties damages fee fees commission expenses expense cost costs charge charges
    provision provisions writedown write-down writeoff write-off gain gains reserve reserves
    debt debts deposit deposits capital equity book backlog spending outlay outlays
    salary salaries compensation bonus wage wages premium premiums tax taxes subsidy
    subsidies aid payroll shortfall gdp output exports imports trade valuation
    capitalisation capitalization damages expenses royalties industry sector economy intake
    backlog bookings synergies savings outflows inflows target targets estimate estimates
    forecast forecasts guidance incentives grants grant buyback buybacks volume activity
    lawsuit lawsuits suit suits judgment judgement settlement settlements discount discounts
    ceiling ceilings limit limits lending outflow inflow exposure disbursements
    applications""".split()
)

# Verbs of reporting money that is not a deal: "Cook reported a loss of 30.8 mln dlrs".
NOT_DEAL_VERBS = frozenset(
    """report post earn lose forecast expect estimate trade close open rise fall gain drop
    climb decline jump slip save net manage oversee repay refinance redeem retire replace
    downgrade upgrade affirm""".split()
)

# --- Names -----------------------------------------------------------------------
# Common nouns a news story uses for a company it has named: "the company agreed",
# "the railroad said", "the German plastics maker", "investment firm KKR".
COMPANY_NOUNS = frozenset(
    """company firm group concern corporation bank startup start-up maker lab partnership
    consortium insurer carrier retailer operator developer conglomerate utility railroad
    railway airline manufacturer producer provider lender brewer miner chain publisher
    supplier business owner parent buyer acquirer bidder investor seller brokerage fund
    trust venture holding subsidiary unit refiner distributor platform giant chipmaker
    automaker drugmaker carmaker""".split()
)
# Company nouns an amount can size ("a 62.5 mln dlr savings association"); "unit",
# "holding", "fund" and the like are left out ("sold its 200 mln dlr unit" may price it).
SIZED_COMPANY_NOUNS = (COMPANY_NOUNS - {
    "holding", "owner", "parent", "buyer", "acquirer", "bidder", "investor", "seller",
    "unit", "subsidiary", "business", "venture", "fund", "trust", "platform", "partnership",
    "consortium"}) | {"association", "thrift", "institution", "bancorp"}
# Words that refer back to a company named before: "it said", "the company agreed".
COMPANY_ANAPHORS = frozenset(
    ["it", "its", "the company", "the firm", "the group", "the concern", "the bank",
     "the corporation", "we", "our", "the startup", "the start-up", "the lab",
     "the company's", "the group's", "the firm's", "they", "their"]
)

# --- Words the role rules read ------------------------------------------------------

# Verbs whose subject receives a deal noun: "Calny received a bid from PepsiCo";
# for bids also "agreed to a buyout from First Boston".
RECEIVING_VERBS = {"receive", "accept", "reject", "get", "rebuff", "spurn", "welcome",
                   "weigh", "review", "study", "evaluate", "consider", "refuse", "discuss",
                   "resist", "fight", "attract", "turn", "repel", "dismiss"}
AGREEING_VERBS = {"agree", "consent", "succumb"}
# Verbs whose subject oversees a deal without being in it: regulators, courts, holders.
OVERSEEING_VERBS = {"approve", "clear", "block", "oppose", "investigate", "probe",
                    "challenge", "sanction", "ratify", "vote", "endorse", "recommend",
                    "sue", "delay"}
# Verbs whose subject gives a loan: "Sanwa extended a 3 mln dlr credit line".
LENDING_VERBS = {"provide", "extend", "grant", "give", "offer", "make", "lend", "advance",
                 "approve", "sanction", "commit", "supply"}
# Nouns that make a deal word a mere modifier: "a bidding war", "deal activity".
NOT_DEAL_HEADS = {"war", "contest", "battle", "process", "activity", "spree", "frenzy",
                  "boom", "wave", "season", "talks", "documents", "document", "team"}
# Capitalised words that name no party: countries' and currencies' codes, products.
NOT_PARTY_WORDS = {"US", "U.S.", "UK", "U.K.", "EU", "USD", "EUR", "GBP", "EV", "EVs", "AI",
                   "IT", "TV", "PC", "GPU", "GPUs", "CEO", "IPO", "LNG", "API",
                   # trade terms of commodity price lines: "Fobs Contract 147.00 dlrs"
                   "CIF", "Cif", "FOB", "Fob", "Fobs"}
# Singular nouns (and report words) that open a sentence with no determiner and are no
# name: "Revenue rose", "Net excludes a tax charge".
MASS_NOUNS = frozenset(
    """revenue management growth demand production trading investment profit income
    business inflation spending funding debt capital equity money news government industry
    research competition pressure activity interest output supply consumption staff
    property trade work traffic weather power energy oil gold silver steel coal gas
    agriculture technology software insurance health education labour labor leadership
    ownership control help support opposition approval completion net total gross""".split()
)
# Jobs and roles of people, which name no party by themselves: "a U.S. Lawyer".
PEOPLE_NOUNS = {"lawyer", "lawyers", "banker", "bankers", "analyst", "analysts", "spokesman",
                "spokeswoman", "spokesperson", "executive", "executives", "chairman",
                "director", "directors", "adviser", "advisers", "advisor", "advisors",
                "consultant", "consultants", "official", "officials", "employees",
                "regulators", "trader", "traders"}
# Who signs for a state: their country is the party ("Kenya's finance minister signed").
STATE_SIGNERS = frozenset({"minister", "ministry", "government", "treasury", "president",
                           "secretary", "cabinet"})
# What holds the right to buy at a set price: its exercise price is no deal's.
OPTION_WORDS = frozenset({"option", "options", "warrant", "warrants", "right", "rights"})
# Verbs of banks that arrange a loan others provide (GUIDELINES.md: not the lender).
ARRANGING_VERBS = {"arrange", "manage", "structure", "underwrite", "syndicate", "coordinate"}
# Verbs whose subject gets a contract and provides what it buys: "won a contract from".
WINNING_VERBS = {"win", "secure", "land", "receive", "get", "obtain", "bag", "clinch",
                 "book", "capture", "gain"}
# Verbs that sign a contract without saying which side supplies: "signed an agreement".
SIGNING_VERBS = {"sign", "ink", "agree", "enter", "reach", "strike", "conclude", "finalize",
                 "finalise", "seal"}
# What a signer supplies under: "a chip supply contract", "an agreement to supply modules".
SUPPLY_WORDS = {"supply", "supplies", "delivery", "services", "service", "maintenance",
                "licensing", "outsourcing", "construction", "engineering"}
SUPPLY_VERBS = {"supply", "provide", "deliver", "build", "manufacture", "make", "sell",
                "install", "run", "operate", "design"}
# What a company raises that is no money raised: "raised its buyback by £100m".
RAISED_FIGURES = {"target", "estimate", "forecast", "rating", "guidance", "buyback",
                  "dividend", "div", "payout", "postings", "posting", "budget", "spending",
                  "capex", "price", "prices", "outlook", "rates", "rate", "tariff", "tariffs",
                  "duty", "duties", "levy", "levies", "tax", "taxes"}
# Verbs whose subject is the deal itself, not a party: "It comprises a credit facility".
BEING_VERBS = {"comprise", "include", "consist", "be", "represent", "involve", "total",
               "cover", "come", "amount"}
# Verbs whose subject invests in a round: "Halcyon led a $1.2bn round".
LEADING_VERBS = {"lead", "co-lead", "join", "participate", "anchor", "back", "headline"}
# Deal words that are deal words only as verbs: "to fund", not "equity funds".
VERB_ONLY_CUES = {"fund", "funds", "back", "backs", "get", "gets", "got", "land", "book",
                  "commit", "commits"}
# Of COMPANY_NOUNS, the ones that mean the article's own company when nothing else is named:
# "the company said" is the company the story is about; "the group" may be a bidder.
MAIN_COMPANY_NOUNS = {"company", "corporation", "concern"}
# Nouns naming a stake: what changes hands is shares of the company they belong to ("%"
# as the parse reads "bought 8% of the company": the sign is the object).
STAKE_NOUNS = {"stake", "stakes", "interest", "shares", "share", "stock", "holding", "holdings",
               "majority", "pct", "percent", "%", "preferred", "common", "equity", "minority"}
# Nouns naming a part of a company that changes hands: "its Wilkinson unit", "the mill".
PART_NOUNS = STAKE_NOUNS | {
    "unit", "units", "division", "divisions", "subsidiary", "subsidiaries", "business",
    "businesses", "operations", "operation", "assets", "asset", "plant", "plants", "mill",
    "mills", "factory", "factories", "segment", "segments", "arm", "branch", "branches",
    "property", "properties", "stores", "store", "hotel", "hotels", "chain", "brand", "brands",
    "portfolio", "line", "lines", "network", "bonds", "notes", "rights", "refinery", "mine",
    "field", "fields", "building", "headquarters", "facility", "facilities", "station",
    "stations", "affiliate", "interests", "capacity", "program", "programme",
    "drug", "product", "products", "reserves", "securities", "debentures", "warrants"}
# Deal nouns: what can be "valued at" or "worth" a deal's price. "A deal that values
# Covestro at 14.7 bln euros" states a price; "the round values Mistral at 11.7 bln" a
# valuation, and "a market value of 910 mln dlrs" no deal at all.
DEAL_NOUNS = {"deal", "transaction", "offer", "bid", "acquisition", "merger", "purchase",
              "takeover", "sale", "agreement", "contract", "buyout", "package", "tender",
              "pact", "consideration", "proposal", "price", "payment", "terms", "order",
              "accord", "arrangement", "combination", "divestiture", "disposal", "loan",
              "facility", "financing", "award", "commitment"}
# Words that make a price a market's: "share price", "closing price".
MARKET_WORDS = {"share", "stock", "closing", "opening", "market", "trading", "average", "bid",
                "asking", "spot", "futures", "oil", "gold", "commodity"}
# Verbs that change an offer: "raised its offer to 92.50 dlrs", "sweetened its bid".
RAISING_VERBS = {"raise", "increase", "boost", "lift", "sweeten", "improve", "lower", "cut",
                 "reduce", "revise"}
# Securities named after a deal word: "loan notes", "loan stock", "offer documents".
SECURITY_NOUNS = {"notes", "note", "stock", "stocks", "bonds", "securities", "payments",
                  "losses", "loss", "documents", "document", "rate", "rates", "book",
                  "portfolio", "period", "price", "prices"}
# Securities bought and sold in markets, not companies: "the Bank of Canada will buy 100
# mln dlrs of the new issue", "acquired 825 mln of new Government of Quebec bonds",
# "will offer a 1.2 billion dlr bond issue". (Not "debt": assumed debt is part of a price.)
TRADED_SECURITIES = frozenset(
    """bond bonds note notes debenture debentures bill bills treasuries treasury gilts
    securities paper issue issues certificates eurobond eurobonds maturity maturities
    tranche""".split()
)
# Units a commodity is priced in: "85 dlrs per tonne", "18 dlrs a barrel" (GUIDELINES.md:
# commodity prices are no deal claims).
COMMODITY_UNITS = frozenset("""tonne ton barrel ounce kilo pound bushel bag bale head
    megawatt-hour mwh kilowatt-hour kwh gallon litre liter kilogram""".split())
# Words that stand for part of what follows "of": "all of Clarostat's stock".
QUANTIFIERS = {"all", "some", "part", "most", "remainder", "rest", "any", "much", "half",
               "majority", "balance"}
# Verbs whose clause makes a noun a deal's object: "the assets to be acquired".
DEAL_VERBS = {"acquire", "buy", "purchase", "sell", "divest", "take", "merge", "bid", "offer"}
# Entity labels that can name a party (not NORP: "Americans spend").
ENTITY_LABELS = {"ORG", "PERSON", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
# Pronouns that stand for a party.
PRONOUNS = {"it", "its", "they", "their", "them", "we", "our", "he", "his", "she", "her",
            "itself", "which", "who"}
PERSON_PRONOUNS = {"he", "his", "him", "she", "her"}

# Descriptions that may mean another company than the article's own: "the group offered
# 11.50 dlrs" is usually the bidder.
BIDDER_NOUNS = {"group", "consortium", "bidder", "buyer", "acquirer", "investor", "investors",
                "partnership", "venture", "suitor", "seller", "owner", "parent"}
# Nouns for any deal ("the deal was valued at"): their type comes from the deal named
# before, while "a contract worth $11.9 billion" is a contract.
GENERIC_DEAL_NOUNS = {"deal", "deals", "agreement", "agreements", "transaction", "pact",
                      "accord", "arrangement", "terms", "package"}
# Nouns naming assets rather than a company: their sale is an asset sale.
ASSET_WORDS = {"plant", "plants", "mill", "mills", "factory", "factories", "assets", "asset",
               "property", "properties", "division", "divisions", "refinery", "mine",
               "hotel", "hotels", "building", "stores", "branches", "field", "fields",
               "facility", "facilities", "station", "stations", "operations", "reserves",
               "park", "parks", "portfolio", "homes", "houses", "system", "systems",
               "terminal", "terminals", "pipeline", "pipelines", "fleet", "fleets",
               "vessels", "ships", "tankers", "rigs"}
# What a contract buys: "pay SpaceX $45 billion for computational resources".
CONTRACT_GOODS = {"compute", "capacity", "services", "service", "resources", "power",
                  "chips", "cloud", "computing", "supplies", "equipment",
                  "aircraft", "planes", "software", "gpus", "maintenance", "work",
                  "electricity", "energy", "batteries", "panels", "turbines", "engines",
                  "components", "modules", "servers", "trains", "locomotives", "railcars",
                  "satellites", "drones", "helicopters", "jets", "vessels", "access",
                  "output"}
# Units of a ship's or a plant's size the model may read as a maker: "8,500 TEU ships".
SIZE_UNITS = frozenset({"TEU", "DWT", "CBM", "MW", "GW"})
# What is ordered by the piece from a maker: "an order for 90 Boeing 777X jets".
ORDERED_GOODS = {"aircraft", "planes", "airplanes", "airliners", "jets", "jetliners",
                 "turboprops", "helicopters", "ships", "vessels", "tankers", "frigates",
                 "submarines", "carriers", "trains", "locomotives", "railcars", "buses",
                 "trucks", "turbines", "engines", "satellites", "drones", "rockets"}

# Words that make an agreement a contract for goods, services or rights: money paid
# "under a licensing deal", "as part of a research collaboration".
CONTRACT_MODIFIERS = {"licensing", "license", "licence", "research", "collaboration",
                      "supply", "development", "co-development", "royalty", "distribution",
                      "marketing", "service", "services", "commercial", "commercialization",
                      "commercialisation", "option", "purchase", "offtake", "lease",
                      "leasing", "partnership", "cloud", "compute", "computing", "power"}
# Units a quantity of goods is counted in: what is bought is named after "of" ("500
# megawatts of solar power", "$10 million worth of software").
GOODS_MEASURES = {"megawatts", "megawatt", "gigawatts", "gigawatt", "mw", "gw", "barrels",
                  "tonnes", "tons", "ounces", "units", "hours", "megawatt-hours", "kilowatts",
                  "gallons", "cubic", "bushels", "lots", "worth"}
# The units of power among them: what is bought by the megawatt is bought under a contract.
POWER_MEASURES = {"megawatts", "megawatt", "gigawatts", "gigawatt", "mw", "gw",
                  "megawatt-hours", "kilowatts"}

# --- Attribution ---------------------------------------------------------------------
# Patterns of who an article cites, as regular expressions over the sentence (and the
# next one). The group named "source" is the attribution recorded.
ATTRIBUTION_PATTERNS: tuple[str, ...] = (
    r"(?P<source>according to (?:an? |the )?(?:[\w.'-]+ ){0,5}?(?:filing|statement|"
    r"release|document|documents|report|sources?|people|person|filings|announcement|"
    r"regulatory filing|securities filing|[A-Z][\w&.'-]+(?: [A-Z][\w&.'-]+){0,4}))",
    r"(?P<source>(?:people|persons?|sources?) (?:familiar|close|with knowledge|briefed)"
    r"[\w ,'-]{0,40}?(?:matter|talks|deal|plans?|negotiations|discussions|situation))",
    r"(?P<source>(?:in|according to) an? (?:\w+ ){0,3}filing with the "
    r"(?:Securities and Exchange Commission|SEC)|told the Securities and Exchange "
    r"Commission|said in a (?:\w+ ){0,2}filing|(?:confirmed|disclosed|revealed|shown) in "
    r"(?:an? |the )?(?:\w+ ){0,3}(?:filing|statement))",
    # "per a regulatory filing", "as first reported by The Information", "wrote in a blog
    # post", "citing people familiar with the matter" (the people pattern above)
    r"(?P<source>\bper (?:an? |the |its |their )?(?:[\w.'-]+ ){0,3}?(?:filing|filings|"
    r"statement|release|announcement|report|document|documents))",
    r"(?P<source>as (?:first |earlier |previously )?reported (?:by|in) (?:the |The )?"
    r"[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){0,4})",
    r"(?P<source>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3} (?:wrote|posted|said) (?:in|on) "
    r"(?:an? |the |his |her |its )(?:[\w-]+ ){0,2}(?:post|blog|letter|memo|statement|"
    r"interview|call|note|filing))",
)
# "X said", "the company said": the speaker of a deal sentence.
SAY_VERBS = frozenset(
    """say tell announce confirm disclose report state add note reveal indicate""".split()
)


# --- Word forms ---------------------------------------------------------------------
# The base form of every word the tables above name, so that the pipeline needs no
# lemmatizer and the cue filter that runs before the parser matches exactly the words
# the rules act on. Regular English inflection, plus these irregular forms.
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "buy": ("bought",), "sell": ("sold",), "pay": ("paid",), "spend": ("spent",),
    "lend": ("lent",), "win": ("won",), "bid": ("bid",), "get": ("got", "gotten"),
    "take": ("took", "taken"), "make": ("made",), "give": ("gave", "given"),
    "hold": ("held",), "say": ("said",), "tell": ("told",), "rise": ("rose", "risen"),
    "fall": ("fell", "fallen"), "lose": ("lost",), "find": ("found",), "set": ("set",),
    "put": ("put",), "cut": ("cut",), "seek": ("sought",), "strike": ("struck",),
    "bring": ("brought",), "leave": ("left",), "lead": ("led",), "begin": ("began", "begun"),
}


def inflections(lemma: str) -> set[str]:
    """The forms of an English word: "acquire" -> acquire(s), acquired, acquiring.

    >>> sorted(inflections("commit"))
    ['commit', 'commited', 'commiting', 'commits', 'committed', 'committing']
    """
    forms = {lemma, *IRREGULAR_FORMS.get(lemma, ())}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):  # "agree" -> agreed, agreeing; "acquire" -> acquired, acquiring
        forms |= {lemma + "d", (lemma if lemma.endswith("ee") else lemma[:-1]) + "ing"}
    else:
        forms |= {lemma + "ed", lemma + "ing"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and (
            lemma[-3] not in "aeiou"):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "committed"
    return forms


# Words that look like forms of a deal word but name something else: "a public
# offering of shares", "annual sales", "capital spending", "its holdings".
NOT_INFLECTIONS = frozenset(
    "offering offerings sales spending spendings savings earnings dealings holdings "
    "findings backing proceedings orders ordered ordering according accordingly".split()
)
# The nouns of an offer a bidder makes: "Hutton's offer", "raising its bid".
OFFER_NOUNS = frozenset({"offer", "bid", "proposal"})
# "picked up", "snapped up", "scooped up": bought.
PICKING_UP = frozenset(form for verb in ("pick", "snap", "scoop") for form in inflections(verb))


def _base_forms() -> dict[str, str]:
    words = set(CUES) | RECEIVING_VERBS | AGREEING_VERBS | OVERSEEING_VERBS | LENDING_VERBS \
        | RAISING_VERBS | DEAL_VERBS | SAY_VERBS | NOT_DEAL_VERBS | NOT_DEAL_NOUNS \
        | DEAL_NOUNS | PART_NOUNS | STAKE_NOUNS | COMPANY_NOUNS \
        | WINNING_VERBS | SIGNING_VERBS | SUPPLY_VERBS | LEADING_VERBS | ARRANGING_VERBS \
        | (BEING_VERBS - {"be"}) \
        | {"include", "comprise", "make", "consist", "compose", "value", "lead"}
    table: dict[str, str] = {}
    for lemma in sorted(words, key=len):  # a word's own entry wins: "sales" stays "sales"
        table.setdefault(lemma, lemma)
    for lemma in sorted(words, key=len):
        for form in inflections(lemma) - NOT_INFLECTIONS:
            table.setdefault(form, lemma)
    return table


BASE_FORMS: dict[str, str] = _base_forms()


def _verb_forms() -> dict[str, str]:
    """Base forms for words the tagger reads as verbs: "is lending", "is offering" are
    the deal verbs, though "lending" and "offering" as nouns are no deal words."""
    table: dict[str, str] = {}
    for lemma in sorted(CUES, key=len):
        for form in inflections(lemma):
            # "according to"; "the tariffs Reagan ordered": no order placed
            if form.endswith(("ing", "ed")) and form not in {"according", "ordered", "ordering"}:
                table.setdefault(form, lemma)
    return {form: lemma for form, lemma in table.items() if BASE_FORMS.get(form) != lemma}


VERB_FORMS: dict[str, str] = _verb_forms()


def cue_forms(frames: frozenset[str] | None = None, cues: dict[str, str] | None = None
              ) -> list[str]:
    """Every form of the deal words (of the given frames, or all), for the cue filter.

    :param cues: deal words -> frame, as a rule set has them; None: the shipped ones.
    """
    return sorted({form for lemma, kind in (cues or CUES).items()
                   if frames is None or kind in frames
                   for form in inflections(lemma) - NOT_INFLECTIONS}, key=len, reverse=True)


@registry.misc("newsfacts.frames.v1")
def frames_v1(path: str | None = None) -> dict:
    """The deal frames and cue words of a rules file (None: the shipped
    rules/frames.jsonl), as one rule set for the claims component and the cue filter.

    :param path: a frames file in the form of rules/frames.jsonl.
    """
    return rule_set(read_rules(path)) if path else _SHIPPED
