"""Negation and hedging: negated selling is not evidence for selling."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


def judged(scanner, text: str, phrase: str):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.text.lower() == phrase]
    assert hits, f"no match for {phrase!r} in {text!r}"
    return hits[0]


@pytest.mark.parametrize("text, phrase", [
    ("There is no cold calling in this job.", "cold calling"),
    ("You will not be selling anything.", "selling"),
    ("This is not a sales role.", "sales role"),
    ("Cold calling is not required.", "cold calling"),
    ("You won't be selling.", "selling"),
    ("A role without sales targets.", "sales targets"),
])
def test_negated(scanner, text, phrase):
    assert judged(scanner, text, phrase).negated


@pytest.mark.parametrize("text, phrase", [
    ("You will be selling our software.", "selling"),
    ("Not only will you handle complaints but you will also be selling upgrades.", "selling"),
    ("No experience is needed, but you will be selling from day one.", "selling"),
    ("No two days are the same: you will be selling to schools.", "selling"),
])
def test_not_negated(scanner, text, phrase):
    assert not judged(scanner, text, phrase).negated


@pytest.mark.parametrize("text, phrase", [
    ("Cold calling experience is desirable.", "cold calling"),
    ("Ideally you will have used a CRM.", "crm"),
    ("Previous call centre experience.", "call centre"),
])
def test_hedged(scanner, text, phrase):
    hit = judged(scanner, text, phrase)
    assert hit.hedged and not hit.negated


@pytest.mark.parametrize("text, phrase, frame", [
    ("Previous call centre experience.", "call centre", "requirement"),
    ("Experience in a call centre, retail or hospitality.", "retail", "requirement"),
    ("We are a leading contact centre outsourcer.", "contact centre", "company"),
    ("We are looking for a call centre advisor.", "call centre", "duty"),
    ("You will have call centre experience.", "call centre", "requirement"),
    ("You will work in our call centre.", "call centre", "duty"),
    ("Staff enjoy travel discounts.", "travel", "offer"),
    ("Benefits: a pension, parking and a generous employee discount.", "employee", "offer"),
    ("You can progress to Area Sales Manager.", "area sales", "path"),
    ("You will support our field sales team.", "field sales", "others"),
])
def test_frames(scanner, text, phrase, frame):
    hit = judged(scanner, text, phrase)
    assert hit.frame == frame and not hit.negated
    assert hit.hedged == (frame == "requirement")  # past experience is hedged as well


def test_a_section_sets_the_frame_where_no_cue_reaches(scanner):
    text = "Requirements:\nCall centre knowledge.\n\nWhat you will do:\nWork in a call centre."
    doc = scanner.parse(text)
    hits = [h for h in scanner.hits(doc, text=text, outline=scanner.outline(text)) if h.text.lower() == "call centre"]
    assert sorted({(h.start, h.frame) for h in hits}) == [(14, "requirement"), (66, "duty")]


def test_negated_selling_does_not_make_a_sales_verdict(scanner):
    text = ("You will help customers with their orders and returns by phone and email, "
            "answer customer enquiries, resolve complaints and process refunds. "
            "This is not a sales role: there are no sales targets, no commission and "
            "no cold calling. You will not be selling.")
    verdict = scanner.classify(text)
    assert verdict.role == "customer-service"
    assert verdict.facets.sales_level == "none"
    selling = [e for e in verdict.evidence if e.role == "internal-sales" and e.dimension == "sales"]
    assert selling and all(e.negated and e.score == 0 for e in selling)


def test_negation_stays_inside_its_sentence(scanner):
    hit = judged(scanner, "We are not a call centre. You will be selling to schools.", "selling")
    assert not hit.negated


CUE_WORDS = st.sampled_from(["no", "not", "ideally", "desirable", "experience", "but", "however", ";",
                             "not only", "calls", "sales", ".", "selling", "is not required", "\n",
                             "experience in", "we are", "you will", "you will be", "discount", "benefits",
                             ",", "or", "and", "refunds"])


@settings(max_examples=150, deadline=None)
@given(st.lists(CUE_WORDS, max_size=40))
def test_judging_a_span_follows_the_definition(scanner, words):
    doc = scanner.parse(" ".join(words))
    ctx = scanner.context.prepare(doc)
    cues: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in scanner.context.matcher(doc):
        if key in scanner.context.keys:  # the frames' cues share the matcher
            cues.setdefault(scanner.context.keys[key], []).append((start, end))
    pseudo = {i for s, e in cues.get("pseudo", []) for i in range(s, e)}
    found = {k: [(s, e) for s, e in v if s not in pseudo] for k, v in cues.items()}
    terms = [s for s, _ in found.get("terminator", [])]

    def cued(kind: str, start: int, end: int, lo: int, hi: int, window: int) -> bool:
        return (any(e <= start and s >= max(lo, start - window) for s, e in found.get(kind + "_before", []))
                or any(end <= s < min(hi, end + window) for s, _ in found.get(kind + "_after", []))
                or any(s >= lo and e <= start < list_end(e) for s, e in found.get(kind + "_before", [])))

    def list_end(e: int) -> int:  # where the coordinated list a cue ending at e opens ends
        hi = min([ctx.sentence(e - 1)[1]] + [t for t in terms if t >= e])
        return scanner.context.lists.end(doc, e, hi)

    for start in range(len(doc)):
        for end in range(start + 1, min(start + 4, len(doc)) + 1):
            lo, hi = ctx.sentence(start)
            lo = max([lo] + [t + 1 for t in terms if t < start])
            hi = min([hi] + [t for t in terms if t >= end])
            expected = (cued("neg", start, end, lo, hi, ctx.neg_window),
                        cued("hedge", start, end, lo, hi, ctx.hedge_window))
            assert ctx.judge(start, end)[:2] == expected, (words, start, end)
            # a frame cue reaches across ":" and ";": only a word ends its reach
            flo, fhi = ctx.sentence(start)
            words_only = [t for t in terms if doc[t].is_alpha]
            flo = max([flo] + [t + 1 for t in words_only if t < start])
            fhi = min([fhi] + [t for t in words_only if t >= end])
            assert ctx.judge(start, end)[2] == nearest_frame(scanner, doc, start, end, flo, fhi), (words, start, end)


def nearest_frame(scanner, doc, start: int, end: int, lo: int, hi: int) -> str:
    """The frame by its definition: of every cue in reach, the nearest; the earlier frame,
    and a cue before over one after, on a tie; `duty` where none reaches."""
    found = []
    for key, s, e in scanner.context.matcher(doc):
        if key not in scanner.context.frames.keys:
            continue
        i, side = scanner.context.frames.keys[key]
        spec = scanner.context.frames.specs[i]
        if side == "before" and e <= start and s >= max(lo, start - spec.window):
            found.append((start - e, i, 0, spec.frame))
        elif side == "after" and end <= s < min(hi, end + spec.window):
            found.append((s - end, i, 1, spec.frame))
    return min(found)[3] if found else "duty"


@settings(max_examples=150, deadline=None)
@given(st.lists(CUE_WORDS, max_size=40))
def test_every_tokens_strength_at_once_is_what_judging_it_alone_says(scanner, words):
    doc = scanner.nlp(" ".join(words))
    ctx = scanner.context.prepare(doc)
    strengths = ctx.token_strengths(0.5)
    at_once = [1.0] * len(doc) if strengths is None else strengths.tolist()
    framed = ctx.framed_words  # framed words count as hedged where frames count (scoring.frames_count)
    alone = [0.0 if neg else 0.5 if hedged or (framed and frame != "duty") else 1.0
             for neg, hedged, frame in (ctx.judge(i, i + 1) for i in range(len(doc)))]
    assert at_once == alone, words


def test_facet_cues_in_the_offer_or_about_the_company_count_nothing(scanner):
    """An "employee discount" among the perks does not make a store's customers internal."""
    text = ("Work the till and keep the shop floor tidy and stocked in our garden centre store. Benefits: "
            "employee discount, employee assistance programme, employee wellbeing days and staff parking.")
    v = scanner.classify(text)
    assert v.role == "retail" and v.facets.customer != "internal"


@pytest.mark.parametrize("text, phrase, negated", [
    # A negation before a list reaches its last item, past its window.
    ("You will not be handling phone enquiries, email queries, complaints, returns or refunds.", "refunds", True),
    ("There is no cold calling, door knocking, leaflet drops, events or telesales here.", "telesales", True),
    # A new clause after ", and you ..." is no item of it.
    ("There is no commission, and you will be taking complaints all day long.", "complaints", False),
    # Nor does a list reach past a terminator.
    ("No experience needed: you will handle enquiries, returns or refunds.", "refunds", False),
])
def test_negation_reaches_over_a_coordinated_list(scanner, text, phrase, negated):
    assert judged(scanner, text, phrase).negated is negated


def test_a_hedge_reaches_over_a_coordinated_list(scanner):
    hit = judged(scanner, "Ideally you have worked in hospitality, travel, events or a call centre.", "call centre")
    assert hit.hedged and not hit.negated


@pytest.mark.parametrize("text, cancelled", [
    ("The role involves travel up to 10% of the time.", True),
    ("Travel is about 15 percent of the job.", True),
    ("The role involves travel up to 50% of the time.", False),
    ("Travel is 25% of the job.", False),
    ("Travel across the region; we pay 10% commission.", False),
])
def test_a_stated_share_of_travel_under_a_quarter_is_no_field_cue(scanner, text, cancelled):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.target.rule_id == "fs-setting-travel"]
    assert hits and all(h.negated is cancelled for h in hits)


def test_a_share_leaves_other_groups_alone(scanner):
    """Only the groups a share rule names: "region" is no time share."""
    hits = scanner.hits(scanner.nlp("Grow sales across the region by 10% a year."))
    assert any(h.target.rule_id == "fs-setting-region" and not h.negated for h in hits)


@pytest.mark.parametrize("text, rule_id, counted", [
    ("A focus on cross-selling and upselling.", "is-sales-selling", False),  # "selling" inside "cross-selling"
    ("A focus on cross-selling and upselling.", "is-task-convert", True),  # the compound's own pattern
    ("After-sales support for our machines.", "is-sales-selling", False),
    ("You will be selling our machines.", "is-sales-selling", True),
    ("A sales-driven team.", "is-sales-selling", True),  # the first word of a compound keeps its sense
    ("Help customers in-store.", "rt-setting-store", True),
])
def test_a_word_inside_a_hyphenated_compound_is_not_a_hit_of_its_own(scanner, text, rule_id, counted):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.target.rule_id == rule_id and not h.negated]
    assert bool(hits) is counted, [(h.target.rule_id, h.text) for h in scanner.hits(scanner.nlp(text))]


@pytest.mark.parametrize("text, counted", [
    ("Keep the shop floor tidy and serve customers.", True),
    ("Support production teams on the shop floor.", False),  # a factory's shop floor
    ("Our plant is busy. Keep the shop floor tidy and serve customers.", True),  # the sense stays in its sentence
])
def test_a_sense_rules_out_matches_by_the_words_around_them(scanner, text, counted):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.target.rule_id == "rt-setting-floor"]
    assert bool(hits) is counted


@pytest.mark.parametrize("text, counted", [
    ("Regular travel to customer sites.", True),
    ("We are hiring a travel nurse.", False),
    ("You will sell travel insurance.", False),
])
def test_travel_before_nurse_or_insurance_is_not_field_travel(scanner, text, counted):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.target.rule_id == "fs-setting-travel"]
    assert bool(hits) is counted


def test_only_near_needs_one_of_its_words(scanner):
    from jdscan.match.senses import in_sense, sense_words
    from jdscan.ruleset.schema import Sense
    doc = scanner.nlp("You will meet customers at their offices every week.")
    unless, only, window, _ = sense_words(scanner.nlp, Sense(only_near=["office"], window=6))
    assert in_sense(doc, 2, 4, unless, only, window)  # "offices" is "office" by lemma
    assert not in_sense(doc, 2, 4, unless, only, 2)


@pytest.mark.parametrize("text, word, name", [
    ("Join the Target team in store.", "Target", True),
    ("Shops such as Kmart, Target and Myer.", "Target", True),
    ("We have a new store opening at Target.", "Target", True),
    ("Exceed your Sales Targets.", "Targets", False),  # a capitalised heading-like run
    ("Targets are set each month.", "Targets", False),  # a sentence's first word
    ("Sales Target Attainment is reviewed.", "Target", False),
    ("You are Target-driven.", "Target", False),  # a compound
    ("Hit your monthly target.", "target", False),
])
def test_a_word_written_as_a_name(scanner, text, word, name):
    from jdscan.match.senses import written_as_name
    doc = scanner.nlp(text)
    [i] = [t.i for t in doc if t.text == word]
    assert written_as_name(doc, i) is name


@pytest.mark.parametrize("text, counted", [
    ("You will hit your monthly targets.", True),
    ("Targets are set each month.", True),
    ("Join the Target team as a store assistant.", False),
    ("Stores such as Kmart, Target and Myer.", False),
])
def test_an_employer_named_target_is_not_a_sales_target(scanner, text, counted):
    hits = [h for h in scanner.hits(scanner.nlp(text)) if h.target.rule_id == "is-sales-core"]
    assert bool(hits) is counted
