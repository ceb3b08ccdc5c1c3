"""Our spaCy components used as a spaCy user uses them: add_pipe, nlp(), nlp.pipe, DocBin."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import spacy
from spacy.tokens import DocBin

from newsfacts.errors import BadConfig
from newsfacts.extract import Extractor, load_pipeline
from newsfacts.extract.matmul import one_blas_thread
from newsfacts.extract.pipeline import default_config

SEED_STYLE = (
    "Anthropic has agreed to pay SpaceX $45 billion over three years for computational "
    "resources for its AI assistant Claude. SpaceX confirmed the deal with Anthropic. "
    "Anthropic said the contract with SpaceX gives it room to grow."
)


@pytest.fixture
def clean_nlp(nlp):
    """The session's bare model; pipes a test adds are removed afterwards."""
    before = list(nlp.pipe_names)
    yield nlp
    for name in list(nlp.pipe_names):
        if name not in before:
            nlp.remove_pipe(name)


def test_money_component_on_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("newsfacts_money")
    doc = nlp("Dixons offered 90.25 dlrs a share, or about 384 mln dlrs, for Cyclops.")
    found = [(s.text, s._.amount.value, s._.amount.per, s._.amount.qualifier)
             for s in doc.spans["money"]]
    assert found == [("90.25 dlrs a share", 90.25, "share", "exact"),
                     ("about 384 mln dlrs", 384e6, None, "approx")]


def test_money_is_preset_before_the_recogniser(clean_nlp):
    # pence a share: neither the small nor the medium model reads it as money
    doc = clean_nlp("Harmon Industries offered 345p a share for SNP.")
    assert "MONEY" not in {e.label_ for e in doc.ents}
    clean_nlp.add_pipe("newsfacts_money", before="ner")
    doc = clean_nlp("Harmon Industries offered 345p a share for SNP.")
    assert ("345p a share", "MONEY") in [(e.text, e.label_) for e in doc.ents]


def test_names_component_fixes_what_the_model_mislabels(clean_nlp):
    doc = clean_nlp(SEED_STYLE)
    assert "Anthropic" not in [e.text for e in doc.ents if e.label_ == "ORG"]
    clean_nlp.add_pipe("newsfacts_names", after="ner")
    doc = clean_nlp(SEED_STYLE)
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert "SpaceX" in orgs and "Anthropic" in orgs


def test_full_pipeline_from_config(extractor):
    names = extractor.nlp.pipe_names
    assert names == ["newsfacts_passages", "tok2vec", "tagger", "parser", "newsfacts_attributes",
                     "newsfacts_money", "ner", "newsfacts_names", "newsfacts_claims",
                     "newsfacts_around"]
    config = extractor.nlp.config
    assert config["components"]["newsfacts_claims"]["frames"] == {
        "@misc": "newsfacts.frames.v1", "path": None}
    assert config["nlp"]["tokenizer"] == {
        "@tokenizers": "newsfacts.article_tokenizer.v1", "cue_filter": True,
        "rules": {"@misc": "newsfacts.frames.v1", "path": None}}
    assert config["components"]["parser"]["factory"] == "parser"  # sourced from the model
    assert extractor.nlp.meta["sources"][0]["version"] == "3.8.0"


def test_the_pipeline_is_the_extractor(extractor, fixture_articles):
    """What ``nlp(text)`` finds is what the Extractor stores, on every fixture."""
    for name, article in fixture_articles.items():
        bare = SimpleNamespace(text=article.text, title=None, published=None)
        assert extractor.nlp(article.text)._.claims == extractor.extract(bare), name


def test_a_saved_pipeline_loads_and_extracts_the_same(extractor, tmp_path):
    extractor.nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == extractor.nlp.pipe_names
    assert loaded.tokenizer.cue_filter is True
    assert loaded(SEED_STYLE)._.claims == extractor.nlp(SEED_STYLE)._.claims


def test_pipe_with_two_processes_equals_call(extractor):
    texts = [SEED_STYLE, "Dixons Group PLC said it agreed to buy Cyclops Corp for 90.25 dlrs a "
             "share.", "Net profit rose to 12 mln dlrs from 9 mln dlrs."]
    piped = [d._.claims for d in extractor.nlp.pipe(texts, n_process=2, batch_size=1)]
    assert piped == [extractor.nlp(t)._.claims for t in texts]


def test_claims_on_a_whole_article_doc(extractor):
    doc = extractor.nlp(SEED_STYLE)
    [claim] = doc._.claims
    assert (claim.amount.value, claim.amount.currency) == (45e9, "USD")
    assert claim.names("buyer") == ["Anthropic"] and claim.names("seller") == ["SpaceX"]
    assert SEED_STYLE[claim.start:claim.end] == claim.sentence


def test_pipe_equals_call(extractor):
    texts = [SEED_STYLE, "Dixons Group PLC said it agreed to buy Cyclops Corp for 90.25 dlrs a "
             "share.", "Net profit rose to 12 mln dlrs from 9 mln dlrs."]
    one_by_one = [extractor.nlp(t)._.claims for t in texts]
    piped = [d._.claims for d in extractor.nlp.pipe(texts, batch_size=2)]
    assert piped == one_by_one
    assert one_by_one[2] == []


def test_claims_survive_a_docbin_round_trip(extractor):
    doc = extractor.nlp(SEED_STYLE)
    docs = list(DocBin(docs=[doc], store_user_data=True).from_bytes(
        DocBin(docs=[doc], store_user_data=True).to_bytes()).get_docs(extractor.nlp.vocab))
    assert list(docs[0]._.claims) == doc._.claims
    assert [s.text for s in docs[0].spans["money"]] == ["$45 billion"]


def test_fast_path_and_full_path_agree_on_the_seed_style(extractor):
    full = Extractor(cue_filter=False)
    article = SimpleNamespace(text=SEED_STYLE, title=None, published=None)
    assert [c.to_dict() for c in extractor.extract(article)] == [
        c.to_dict() for c in full.extract(article)]


def test_the_model_multiplies_with_the_library_the_setting_names(extractor, fixture_articles):
    """numpy's BLAS by default, blis (spaCy's own) when asked: the same claims."""
    config = default_config()
    config["newsfacts"]["matmul"] = "blis"
    with_blis = Extractor(config=config)

    def libraries(pipeline):
        return {layer.ops.use_blis for layer in pipeline.nlp.get_pipe("tok2vec").model.walk()}

    assert libraries(extractor) == {False} and libraries(with_blis) == {True}
    for name, article in fixture_articles.items():
        assert with_blis.extract(article) == extractor.extract(article), name


def test_an_unknown_matrix_library_is_refused_by_name():
    config = default_config()
    config["newsfacts"]["matmul"] = "mkl"
    with pytest.raises(BadConfig) as err:
        Extractor(config=config)
    assert str(err.value) == "[newsfacts] matmul = 'mkl': choose one of 'numpy', 'blis'"


def test_numpy_blas_runs_on_one_thread_while_the_model_runs_then_as_before():
    from threadpoolctl import threadpool_info

    def threads():
        return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]

    before = threads()
    assert before, "numpy's BLAS is found"
    with one_blas_thread():
        assert set(threads()) == {1}
    assert threads() == before


# An earnings figure beside a deal word: the parse hangs the amount on "earned".
SPARED = ("Halvorsen Marine said it earned 21.3 mln dlrs in the year, helped by the sale of "
          "ships to Norway.")


def _article(text: str) -> SimpleNamespace:
    return SimpleNamespace(text=text, title=None, published=None)


def test_a_doc_no_deal_word_takes_an_amount_of_is_spared_the_recogniser(extractor):
    """The cue filter lets the sentence through ("sale" and an amount); the parse says the
    amount is earned, not paid: the entity recogniser and the components after it skip
    the Doc, and the article's names are never read for it."""
    docs = [d for text in (SPARED, SEED_STYLE) for d in extractor.make_docs(_article(text))]
    spared, deal = extractor.parse(docs)
    assert [(e.text, e.label_) for e in spared.ents] == [("21.3 mln dlrs", "MONEY")]
    assert spared._.claims == [] and spared._.article["names"] is None
    assert {"ORG", "MONEY"} <= {e.label_ for e in deal.ents}
    assert [c.names("buyer") for c in deal._.claims] == [["Anthropic"]]


def test_with_nothing_spared_the_recogniser_reads_every_doc_and_finds_no_more(extractor):
    config = default_config()
    config["newsfacts"]["spare_from"] = ""
    every = Extractor(config=config)
    [doc] = every.parse(every.make_docs(_article(SPARED)))
    assert "Halvorsen Marine" in [e.text for e in doc.ents] and doc._.claims == []
    assert every.extract(_article(SEED_STYLE)) == extractor.extract(_article(SEED_STYLE))


@pytest.mark.parametrize("first, message", [
    ("nerr", "[newsfacts] spare_from = 'nerr': not a component of [nlp] pipeline "
             "(newsfacts_passages, tok2vec, tagger, parser, newsfacts_attributes, "
             "newsfacts_money, ner, newsfacts_names, newsfacts_claims, newsfacts_around)"),
    ("tagger", "[newsfacts] spare_from = 'tagger': must come after parser and "
               "newsfacts_money, whose parse and amounts decide what to spare"),
])
def test_what_to_spare_must_come_after_the_parse_and_the_amounts(first, message):
    config = default_config()
    config["newsfacts"]["spare_from"] = first
    with pytest.raises(BadConfig) as err:
        Extractor(config=config)
    assert str(err.value) == message


def test_a_bad_setting_is_refused_when_the_pipe_is_added():
    nlp = spacy.blank("en")
    with pytest.raises(BadConfig) as err:
        nlp.add_pipe("newsfacts_claims", config={"min_confidence": 2})
    assert str(err.value) == "newsfacts_claims: min_confidence must be between 0 and 1, got 2"


def test_model_setting_names_what_is_missing(monkeypatch):
    from newsfacts.errors import ModelNotFound

    monkeypatch.setenv("NEWSFACTS_MODEL", "en_core_web_nonesuch")
    with pytest.raises(ModelNotFound) as err:
        load_pipeline()
    assert str(err.value) == (
        "en_core_web_nonesuch: no such spaCy model installed (install one, or name another "
        "with --model or $NEWSFACTS_MODEL)")


def test_a_saved_pipeline_loads_in_a_fresh_process(extractor, tmp_path):
    """spaCy finds our tokenizer, components and rules by their entry points alone."""
    import subprocess
    import sys

    extractor.nlp.to_disk(tmp_path / "pipeline")
    code = ("import sys, spacy; nlp = spacy.load(sys.argv[1]); "
            "[c] = nlp(sys.argv[2])._.claims; print(c.names('buyer'), c.amount.value)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipeline"),
                          "Dixons Group PLC agreed to buy Cyclops Corp for 384 mln dlrs."],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['Dixons Group PLC'] 384000000.0"


@pytest.mark.parametrize("sentence, org", [
    ("Anthropic has agreed to pay SpaceX $45 billion for compute.", "Anthropic"),
    ("Quillon said it would buy Arvela for $2 billion.", "Quillon"),
    ("Revenue rose to $3 billion, the company said.", None),
    ("The company said it would buy Arvela for $2 billion.", None),
])
def test_a_bare_capitalised_subject_is_a_name(extractor, sentence, org):
    """"Anthropic has agreed ...": a name the model took for a common noun; "Revenue rose"
    is a word."""
    labels = [e.label_ for e in extractor.nlp(sentence).ents if e.start == 0]
    if org:
        assert labels == ["ORG"]
    else:
        assert "ORG" not in labels


def test_a_company_name_the_model_took_for_a_date_is_a_name(extractor):
    """"its bid for ChemLawn" with ChemLawn tagged DATE: a name the article uses for a
    company is a company, unless the date has a number in it."""
    from spacy.tokens import Span

    nlp = extractor.nlp
    doc = nlp.make_doc("Waste Management Inc said it would raise its bid for ChemLawn Corp "
                       "to 33 dlrs a share. The 33 dlr bid for ChemLawn expires on March 3.")
    for name, proc in nlp.pipeline:
        if name == "newsfacts_names":
            chem = [t for t in doc if t.text == "ChemLawn"][-1]
            march = next(t for t in doc if t.text == "March")
            others = [e for e in doc.ents if not (e.start <= chem.i < e.end
                                                  or e.start <= march.i <= e.end)]
            doc.set_ents([*others, Span(doc, chem.i, chem.i + 1, label="DATE"),
                          Span(doc, march.i, march.i + 2, label="DATE")])
        doc = proc(doc)
        if name == "newsfacts_names":
            break
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["ChemLawn"] == "ORG"
    assert labels["March 3"] == "DATE"
