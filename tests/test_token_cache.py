"""The cached tokenizer gives exactly the tokens spaCy's tokenizer gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jdscan.text.pipeline import BlankEnglish, build_pipeline
from jdscan.text.tokens import CachedTokenizer

NLP = build_pipeline(None)
SPACY = BlankEnglish().tokenizer  # a tokenizer of its own: its cache is not the cached one's
PIECES = st.sampled_from([
    " ", "  ", "\n", "\n\n", " \n", "\n ", "\t", "\xa0", "\u2003", "don't", "you'll", "e.g.", "etc.", "U.S.",
    "a.m.", ":)", "(", ")", "-", "—", "calls,", "CRM.Handle", "neededMaintain", "Duties:-Answer", "x-y",
    "http://example.com/a?b=c", "jobs@example.com", "£25,000", "10%", "•", "'s", "n't", "Mr.", "can't.",
])
TEXTS = st.lists(PIECES | st.text(max_size=8), max_size=50).map("".join)


def tokens(doc):
    return [(t.orth_, t.whitespace_, t.norm_, t.idx) for t in doc]


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_same_tokens_spaces_norms_and_offsets_as_spacys_tokenizer(text):
    assert tokens(NLP.tokenizer(text)) == tokens(SPACY(text))
    assert NLP.tokenizer(text).text == text


def test_a_special_case_sets_its_norm_and_a_second_reading_gives_the_same():
    cached = NLP.tokenizer
    for _ in range(2):
        doc = cached("We don't    sell.\nYou'll call")
        assert tokens(doc) == tokens(SPACY("We don't    sell.\nYou'll call"))
        assert [t.norm_ for t in doc][1:3] == ["do", "not"]


def test_a_full_cache_is_emptied_and_filled_again():
    cached = CachedTokenizer(BlankEnglish().tokenizer, size=5)
    cached("one two three four")
    assert len(cached.orths) == 4
    doc = cached("five six seven")  # 7 chunks would not fit: the cache starts again
    assert set(cached.orths) == {"five ", "six ", "seven"}
    assert [t.text for t in doc] == ["five", "six", "seven"]
    assert tokens(cached("one two three four")) == tokens(SPACY("one two three four"))


def test_the_pipeline_tokenizes_through_the_cache_and_keeps_spacys_rules():
    assert isinstance(NLP.tokenizer, CachedTokenizer)
    assert "don't" in NLP.tokenizer.rules
    assert [t.text for t in NLP.make_doc("")] == []


def test_on_every_labelled_ad_the_same_tokens_as_spacys_tokenizer():
    """Real ads bring what no list above has (stripped HTML, odd spaces, emoji)."""
    import json

    import pytest

    from .conftest import SHARED_DATA

    files = [SHARED_DATA / f"{name}.jsonl" for name in ("dev", "train2")]
    if not all(f.is_file() for f in files):
        pytest.skip("needs ../shared/data, which is not beside the repository")
    for path in files:
        for line in path.open(encoding="utf-8"):
            ad = json.loads(line)
            for text in (ad["text"], ad.get("title") or ""):
                assert tokens(NLP.tokenizer(text)) == tokens(SPACY(text)), (path.name, ad.get("id"))
