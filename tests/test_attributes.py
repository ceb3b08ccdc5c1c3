"""newsfacts_attributes sets what the model's attribute_ruler sets, token for token."""

from __future__ import annotations

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from newsfacts.errors import ModelNotFound
from newsfacts.extract import resolve_model
from newsfacts.extract.attributes import Attributes, make_attributes, model_patterns

TRICKY = [
    "I ain't gonna sell, y'all. Let's go! C'mon, nothin' is gotta happen.",
    "It's Dixons' offer and Cyclops's board; the board's view is they're right.",
    "There's a bid. There are two bids. Is it? It is. Do you have it? I did, and he does.",
    "  Two spaces,\n\na paragraph,\t a tab and a trailing space ",
    "AIN'T Ain't aint, I'm, you're, we've, she'd, he'll, n't, 'm, 'S, 's.",
    "Give it to me and you; give it to I and you. They had had it.",
]


def _attributes(doc: Doc) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_, t.norm_) for t in doc]


@pytest.fixture(scope="module")
def parsed(nlp, fixture_articles):
    """The fixture articles and tricky sentences, tagged and parsed by the model, before
    its attribute_ruler."""
    texts = [a.text for a in fixture_articles.values()] + TRICKY
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        return list(nlp.pipe(texts))


def test_the_same_pos_morph_and_lemma_as_the_models_attribute_ruler(nlp, parsed):
    ours = make_attributes(nlp, "newsfacts_attributes", resolve_model())
    ruler = nlp.get_pipe("attribute_ruler")
    for doc in parsed:
        assert _attributes(ours(doc.copy())) == _attributes(ruler(doc.copy())), doc.text[:60]


def test_the_rules_of_several_tokens_and_regexes_apply(nlp, parsed):
    """The model's rules for "gonna", "ain't", "y'all", "nothin'" and whitespace fire."""
    ours = make_attributes(nlp, "newsfacts_attributes", resolve_model())
    doc = ours(parsed[-len(TRICKY)].copy())
    lemmas = {t.text: t.lemma_ for t in doc}
    assert (lemmas["ai"], lemmas["gon"], lemmas["na"], lemmas["y'"]) == ("be", "go", "to", "you")
    assert lemmas["nothin'"] == "nothing" and lemmas["n't"] == "not"
    spaces = ours(parsed[-3].copy())
    assert {(t.pos_, t.tag_) for t in spaces if t.is_space} == {("SPACE", "_SP")}


# Hand-made rules over hand-made tags: order, overrides, negation, regexes, a target token
# other than the first, an operator and an attribute of the lexeme (both to the Matcher).
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": "bid", "TAG": "NN"}]], "attrs": {"POS": "PROPN", "LEMMA": "BID"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}}]], "attrs": {"MORPH": "Foo=Bar"}},
    {"patterns": [[{"LOWER": {"REGEX": "^o(f|ff)er"}}]], "attrs": {"LEMMA": "offer"}},
    {"patterns": [[{"LOWER": "a"}, {"TAG": "NN"}]], "attrs": {"POS": "X"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}], [{"LOWER": "!"}]], "attrs": {"TAG": "_SP"}},
    {"patterns": [[{"LOWER": "the"}, {"TAG": "JJ", "OP": "?"}, {"TAG": "NN"}]],
     "attrs": {"POS": "DET"}},
    {"patterns": [[{"LOWER": "offers"}]], "attrs": {"NORM": "proposal", "POS": "VERB"}},
    {"patterns": [[{"LOWER": "bid"}]], "attrs": {"MORPH": "Number=Plur"}},
]


def _tagged(vocab) -> Doc:
    words = ["The", "big", "bid", "offers", "a", "bid", " ", "!", "offer", "the", "bid"]
    tags = ["DT", "JJ", "NN", "VBZ", "DT", "NN", "_SP", ".", "NN", "DT", "NN"]
    return Doc(vocab, words=words, spaces=[True] * 5 + [False] * 6, tags=tags)


def test_rules_apply_in_order_as_the_attribute_ruler_applies_them():
    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(RULES)
    ours = Attributes(nlp.vocab, RULES)
    assert len(ours.matcher) == 1  # only the rule with an operator needs the Matcher
    assert _attributes(ours(_tagged(nlp.vocab))) == _attributes(ruler(_tagged(nlp.vocab)))
    doc = ours(_tagged(nlp.vocab))
    assert [(t.pos_, str(t.morph), t.lemma_, t.norm_) for t in (doc[2], doc[3], doc[5])] == [
        ("PROPN", "Number=Plur", "BID", "bid"), ("VERB", "Foo=Bar", "offer", "proposal"),
        ("X", "Number=Plur", "BID", "bid")]


def test_a_target_outside_the_match_is_refused_as_the_attribute_ruler_refuses_it():
    nlp = spacy.blank("en")
    rules = [{"patterns": [[{"LOWER": "a"}, {"TAG": "NN"}]], "attrs": {"POS": "X"}, "index": 2}]
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(rules)
    with pytest.raises(ValueError) as theirs:
        ruler(_tagged(nlp.vocab))
    with pytest.raises(ValueError) as ours:
        Attributes(nlp.vocab, rules)(_tagged(nlp.vocab))
    assert str(ours.value) == str(theirs.value)


def test_a_saved_pipeline_keeps_the_models_patterns(extractor, tmp_path):
    extractor.nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("newsfacts_attributes").patterns == model_patterns(resolve_model())


def test_a_saved_pipeline_loads_without_the_model_it_was_built_from(extractor, tmp_path):
    extractor.nlp.to_disk(tmp_path / "pipeline")
    config = tmp_path / "pipeline" / "config.cfg"
    config.write_text(config.read_text().replace(resolve_model(), "/no/such/model"))
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Dixons Group PLC agreed to buy Cyclops Corp for 384 mln dlrs."
    assert loaded(text)._.claims == extractor.nlp(text)._.claims


def test_without_its_model_or_saved_patterns_the_component_says_so():
    nlp = spacy.blank("en")
    component = make_attributes(nlp, "newsfacts_attributes", "/no/such/model")
    with pytest.raises(ModelNotFound, match="/no/such/model: the model whose attribute rules"):
        component(nlp("A bid."))
