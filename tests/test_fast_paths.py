"""The fast paths give exactly what the spaCy components they replace give."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START
from spacy.matcher import Matcher

from jdscan.nlp import PUNCT_CHARS, build_pipeline
from jdscan.proximity import ProximityMatcher, as_proximity

NLP = build_pipeline(None)
SPACY_SENTENCIZER = spacy.blank("en").add_pipe("sentencizer", config={"punct_chars": PUNCT_CHARS})
PATTERNS = [
    [{"LEMMA": {"IN": ["handle", "answer"]}}, {"OP": "{0,6}", "IS_SENT_START": False},
     {"LEMMA": {"IN": ["query", "call"]}}],
    [{"LOWER": "visit"}, {"OP": "{0,2}"}, {"LEMMA": "customer"}],
]
TEXTS = [
    "You will handle customer queries, emails and calls every day. Answer. Calls come in.",
    "Answer the phone. Handle. Then queries.",
    "We visit our customers; visit new customers weekly and visit them.",
    "handle handle query call",
    "",
]
WORDS = st.sampled_from(["handle", "answer", "query", "calls", "the", "visit", "customer", ".", "!",
                         "•", ",", "-", "\n", "Queries", "HANDLE", "of", "our"])


def shortest_per_start(matches):
    first = {}
    for _, start, end in sorted(matches, key=lambda m: (m[1], m[2])):
        first.setdefault(start, end)
    return sorted(first.items())


def check_proximity(text: str) -> None:
    doc = NLP(text)
    for pattern in PATTERNS:
        spec = as_proximity(pattern)
        assert spec is not None
        fast = ProximityMatcher(NLP.vocab)
        fast.add(1, spec)
        slow = Matcher(NLP.vocab)
        slow.add("p", [pattern])
        assert shortest_per_start(fast(doc)) == shortest_per_start(slow(doc)), (text, pattern)


def test_proximity_matches_the_matcher_on_examples():
    for text in TEXTS:
        check_proximity(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=40))
def test_proximity_matches_the_matcher_on_any_word_sequence(words):
    check_proximity(" ".join(words))


def test_other_shapes_stay_with_the_matcher():
    assert as_proximity([{"LEMMA": "a"}, {"OP": "*"}, {"LEMMA": "b"}]) is None
    assert as_proximity([{"LEMMA": "a"}, {"OP": "{0,3}", "IS_PUNCT": True}, {"LEMMA": "b"}]) is None
    assert as_proximity([{"LEMMA": "a", "OP": "?"}, {"OP": "{0,3}"}, {"LEMMA": "b"}]) is None
    assert as_proximity([{"IS_DIGIT": True}, {"OP": "{0,3}"}, {"LEMMA": "b"}]) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS | st.text(max_size=6), max_size=60))
def test_sentence_starts_equal_spacys_sentencizer(words):
    text = " ".join(words)
    ours = NLP.get_pipe("jdscan_sentencizer")(NLP.make_doc(text))
    theirs = SPACY_SENTENCIZER(NLP.make_doc(text))
    assert ours.to_array(SENT_START).tolist() == theirs.to_array(SENT_START).tolist()


def test_spacy_imports_without_its_cli_and_spacy_cli_still_works():
    import subprocess
    import sys

    code = ("import sys, jdscan; jdscan.Scanner; import spacy; "
            "assert 'spacy.cli' not in sys.modules and 'weasel' not in sys.modules; "
            "assert callable(spacy.cli.download) and callable(spacy.info); "
            "import spacy.cli; assert spacy.cli.__file__; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr
