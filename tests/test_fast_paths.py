"""The fast paths give exactly what the spaCy components they replace give."""

from __future__ import annotations

import numpy
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START
from spacy.matcher import Matcher

from jdscan.match.proximity import ProximityMatcher, as_proximity
from jdscan.text.pipeline import PUNCT_CHARS, build_pipeline

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
# Run-together joins as stripped HTML leaves them, and line breaks with spaces around.
JOINED = st.sampled_from(["neededMaintain", "Duties:Answer", "growth.Responsibilities:Perform", " \n",
                          "\n\n", "x:y", "eBay", "CRM.Handle", "\n- No"])


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


def reference_starts(doc) -> list[int]:
    """spaCy's Sentencizer loop, token by token, with jdscan's three extra boundaries: a
    line break, a capitalised word glued to a lower-case word, and one glued to a colon."""
    starts, seen_period = [0] if len(doc) else [], False
    for i, token in enumerate(doc):
        boundary = token.text in PUNCT_CHARS or (token.is_space and "\n" in token.text)
        prev = doc[i - 1] if i else None
        joined = (prev is not None and not prev.whitespace_ and token.is_title
                  and (prev.is_lower or prev.text == ":"))
        if (seen_period or joined) and not token.is_punct and not boundary:
            if i:
                starts.append(i)
            seen_period = False
        elif boundary:
            seen_period = True
    return starts


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS | JOINED | st.text(max_size=6), max_size=60))
def test_sentence_starts_equal_the_token_by_token_rule(words):
    text = " ".join(words)
    ours = NLP.get_pipe("jdscan_sentencizer")(NLP.make_doc(text))
    assert [i for i, s in enumerate(ours.to_array(SENT_START).tolist()) if s == 1] == reference_starts(ours)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS | JOINED | st.text(max_size=6), max_size=60))
def test_the_word_bits_the_lemmatizer_records_equal_the_tokens_own(words):
    """The sentencizer reads each token's kind from the lemmatizer's per-word cache; without
    it, from the tokens: both give the same bits and the same sentences."""
    from jdscan.text.sentences import SENT_STARTS, WORD_BITS

    text = " ".join(words)
    full = NLP(text)
    alone = NLP.get_pipe("jdscan_sentencizer")(NLP.make_doc(text))
    sentencizer = NLP.get_pipe("jdscan_sentencizer")
    if len(full):
        assert full.user_data[WORD_BITS].tolist() == sentencizer.bits_of(full).tolist()
    assert full.user_data.get(SENT_STARTS) == alone.user_data.get(SENT_STARTS)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS.filter(lambda w: w != "\n") | st.text(alphabet=" abc.!•-", max_size=6), max_size=60))
def test_without_lines_or_joins_sentence_starts_equal_spacys_sentencizer(words):
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


AD_WORDS = st.sampled_from([
    "Field", "Sales", "Executive", "customer", "service", "advisor", "call", "centre", "visit",
    "clients", "region", "no", "not", "cold", "calling", "experience", "desirable", "targets",
    "till", "store", "help", "desk", "colleagues", ".", "(", ")", "•", ":", ";", "-", "\n", "\n\n",
    "but", "Retention", "renewals", "inbound", "calls", "queries", "email",
])


def test_the_parts_of_a_joined_doc_get_their_own_sentence_starts():
    from jdscan.text.joined import join, seam
    from jdscan.text.sentences import PARTS

    sentencizer = NLP.get_pipe("jdscan_sentencizer")
    for title, body in [("Sales Executive.", "(Apply) now. Visit clients"), ("Sales", "• calls • visits"),
                        ("A: b;", ") . x"), ("Advisor", "")]:
        doc = NLP.make_doc(join(title, body))
        doc.user_data[PARTS] = title_end, body_start = seam(doc, len(title))
        starts = sentencizer(doc).to_array(SENT_START).tolist()
        apart = [sentencizer(NLP.make_doc(t)).to_array(SENT_START).tolist() for t in (title, body)]
        assert starts == apart[0] + [1] + apart[1], (title, body)
        assert body_start == title_end + 1


@settings(max_examples=120, deadline=None)
@given(st.lists(AD_WORDS, min_size=1, max_size=8), st.lists(AD_WORDS, max_size=60))
def test_a_title_joined_to_its_body_gives_the_verdict_it_gets_apart(scanner, title_words, body_words):
    from unittest import mock

    from jdscan.text.document import Document

    title, body = " ".join(title_words).strip(), " ".join(body_words)
    if not title:
        return
    joined = next(scanner.classify_many([Document(None, title, body)]))
    with mock.patch("jdscan.scanner.joinable", return_value=False):
        apart = next(scanner.classify_many([Document(None, title, body)]))
    assert joined.to_dict() == apart.to_dict()


def test_no_match_may_touch_the_seam_of_a_joined_doc(scanner):
    # Bundled patterns cannot cross a sentence start; a user's wildcard pattern could.
    from unittest import mock

    compiled = scanner.compiled
    key = next(iter(compiled.targets))
    raw = [(key, 0, 3), (key, 0, 1), (key, 1, 2), (key, 2, 3)]  # tokens: title, separator, body
    with mock.patch.object(type(compiled), "_raw", lambda self, doc: iter(raw)):
        kept = compiled(scanner.nlp.make_doc("Sales\n\nExecutive"), (1, 2))
    assert [(m.start, m.end) for m in kept] == [(0, 1), (2, 3)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "(", ".", ":", " ", "\t", "\n", "\r\n", "\r", "\u00a0", "x.", "a) ",
                                 "o A", "(ii) "]),
                max_size=30))
def test_unwrap_equals_the_look_behind_regex_it_replaces(parts):
    import re

    from jdscan.text.pipeline import HARD_WRAP, unwrap

    reference = re.compile(r"(?<=[^\s.!?:;])" + HARD_WRAP.pattern)
    text = "".join(parts)
    assert unwrap(text) == reference.sub(lambda m: " " * len(m.group()), text)


def pipeline_lemma_keys(phrase: str) -> list[int]:
    with NLP.select_pipes(enable=["jdscan_lemmatizer"]):
        return NLP(phrase).to_array("LEMMA").tolist()


def test_every_bundled_phrase_gets_the_lemmas_the_pipeline_gives_it(scanner):
    from jdscan.match.matcher import _phrase_lemmas

    phrases = {p for _, _, s in scanner.rules.role_targets() for p in s.patterns if isinstance(p, str)}
    phrases |= {p for _, _, s in scanner.rules.facet_patterns() for p in s.patterns if isinstance(p, str)}
    keys = _phrase_lemmas(NLP, phrases)
    assert {p: pipeline_lemma_keys(p) for p in phrases} == keys


PHRASE_WORDS = st.sampled_from(sorted(
    ["cannot", "gonna", "wanna", "lets", "its", "sells", "selling", "brokers", "meetings", "us",
     "customer", "centre", "till", "ill", "id", "im", "dont", "whats", "cos", "a", "i", "s", "t"]
    + [w for w in list(NLP.get_pipe("jdscan_lemmatizer").table)[:20000:97] if w.isascii()]))


@settings(max_examples=300, deadline=None)
@given(st.lists(PHRASE_WORDS | st.text("abcxyz'-.", min_size=1, max_size=6), min_size=1, max_size=5))
def test_plain_phrases_split_where_the_tokenizer_splits_them(words):
    from jdscan.match.matcher import _phrase_lemmas
    from jdscan.text.pipeline import plain_words

    phrase = " ".join(words)
    plain = plain_words(phrase, NLP.tokenizer.rules)
    if plain is not None:
        assert plain == [t.text for t in NLP.make_doc(phrase)]
    assert _phrase_lemmas(NLP, {phrase}) == {phrase: pipeline_lemma_keys(phrase)}


@settings(max_examples=150, deadline=None)
@given(st.lists(AD_WORDS | st.text(max_size=4), max_size=50))
def test_the_sentencizer_records_the_starts_and_words_the_doc_has(words):
    from jdscan.match.hits import word_count
    from jdscan.text.sentences import SENT_STARTS, WORD_MASK

    doc = NLP(" ".join(words))
    if not len(doc):
        return
    assert doc.user_data[SENT_STARTS] == [t.i for t in doc if t.is_sent_start]
    counted = sum(1 for t in doc if not t.is_punct and not t.is_space)
    assert word_count(doc) == counted
    del doc.user_data[WORD_MASK]  # a trained pipeline's doc: counted from the arrays
    assert word_count(doc) == counted


GUARDED = [
    [{"LEMMA": "meet"}, {"LEMMA": {"IN": ["new", "our", "with"]}, "OP": "{0,1}"},
     {"LEMMA": {"IN": ["client", "customer"]}}, {"LOWER": {"NOT_IN": ["needs", "'", "’s"]}}],
    [{"LEMMA": "handle"}, {"LEMMA": "time"}, {"LOWER": {"NOT_IN": ["-", "sensitive"]}}],
]
GUARD_WORDS = st.sampled_from(["meet", "meeting", "new", "our", "with", "client", "customers", "needs", "'",
                               "’s", "handle", "handling", "time", "-", "sensitive", "at", ".", "Clients"])


def guarded_matches(pattern, doc):
    from spacy.matcher import PhraseMatcher

    from jdscan.match.matcher import CompiledRules

    fast = CompiledRules.__new__(CompiledRules)  # only the phrase side, with one pattern
    fast.phrases = PhraseMatcher(NLP.vocab, attr="LEMMA")
    fast.forms = PhraseMatcher(NLP.vocab, attr="LOWER")
    fast.guards = {}
    NLP.vocab.strings.add("p")
    assert fast._add_guarded(NLP, "p", "p:guard0", pattern)
    return list(fast._checked(doc, fast.phrases(doc))) + list(fast._checked(doc, fast.forms(doc)))


def check_guarded(text: str) -> None:
    doc = NLP(text)
    for pattern in GUARDED:
        slow = Matcher(NLP.vocab)
        slow.add("p", [pattern])
        assert shortest_per_start(guarded_matches(pattern, doc)) == shortest_per_start(slow(doc)), (text, pattern)


def test_guarded_phrases_match_as_the_matcher_on_examples():
    for text in ["We meet customer needs and meet new clients at home. Meet our client's team.",
                 "Handle time-sensitive post; average handle time matters. Handle time", "meet clients"]:
        check_guarded(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(GUARD_WORDS, max_size=25))
def test_guarded_phrases_match_as_the_matcher_on_any_word_sequence(words):
    check_guarded(" ".join(words))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["cross", "-", "selling", "after", "sales", "non", "technical", "-sales",
                                 "in-store", "x", "3", " ", "co-op", "—", "sales-driven", "."]), max_size=30))
def test_compound_starts_from_recorded_bits_equal_the_token_by_token_test(words):
    """The matcher drops matches inside hyphenated words by a set found from the lemmatizer's
    word bits and spacing; in_compound reads the tokens one by one."""
    from jdscan.match.senses import compound_starts, in_compound

    for joiner in ("", " "):
        doc = NLP(joiner.join(words))
        assert compound_starts(doc) == {i for i in range(len(doc)) if in_compound(doc, i)}
        assert compound_starts(NLP.make_doc(doc.text)) == {i for i in range(len(doc)) if in_compound(doc, i)}


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS | JOINED | st.text(max_size=6), max_size=40))
def test_rows_read_from_lexeme_ranks_equal_the_dict_look_up(words):
    """A word's row is kept in its lexeme's rank where the vocab has no vectors: the lemmas
    and bits it gives are the dict look-up's, for words seen before and words new."""
    from jdscan.text.sentences import LEMMAS, WORD_BITS

    lemmatizer = NLP.get_pipe("jdscan_lemmatizer")
    doc = NLP(" ".join(words) or "empty")
    orths = [t.orth for t in doc]
    rows = [lemmatizer.cache[o] for o in orths]
    assert [t.lemma for t in doc] == lemmatizer.lemmas[rows].tolist() == doc.user_data[LEMMAS].tolist()
    assert doc.user_data[WORD_BITS].tolist() == lemmatizer.bits[rows].tolist()
    assert all(NLP.vocab[o].rank == r for o, r in zip(orths, rows))


def test_a_rank_set_by_another_component_is_not_taken_for_a_row():
    """Ranks are the vocab's: one set by something else (a second lemmatizer sharing the
    vocab) is noticed, not read as a row of this one's."""
    lemmatizer = NLP.get_pipe("jdscan_lemmatizer")
    NLP("Answer the calls")
    NLP.vocab["calls"].rank, NLP.vocab["the"].rank = NLP.vocab["the"].rank, 10**6
    doc = NLP("Answer the calls")
    assert [t.lemma_ for t in doc] == ["answer", "the", "call"]
    assert NLP.vocab["calls"].rank == lemmatizer.cache[NLP.vocab.strings["calls"]]


def test_with_vectors_in_the_vocab_ranks_are_left_alone():
    """A trained pipeline's vectors are indexed by rank: then rows come from the dict."""
    from jdscan.text.lemmatizer import LowerLemmatizer, lemma_table

    nlp = spacy.blank("en")
    nlp.vocab.set_vector("calls", numpy.array([1.0, 2.0], dtype="f"))
    rank = nlp.vocab["calls"].rank
    lemmatizer = LowerLemmatizer(lemma_table(), nlp.vocab, PUNCT_CHARS)
    doc = lemmatizer(nlp.make_doc("Answer the calls"))
    assert [t.lemma_ for t in doc] == ["answer", "the", "call"] and nlp.vocab["calls"].rank == rank
