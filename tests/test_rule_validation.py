"""Broken rule files: every problem reported at once, with file, line, key and a hint."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from jdscan.errors import RuleError
from jdscan.ruleset import bundled_rules_dir, load_rules

GOOD_ROLE = """\
kind: role
role: collections
name: Collections
question: How do I get this account back on track?
description: Calls customers in arrears to agree payment plans.
direction: outbound
sales_levels: [none]
dimensions:
  tasks:
    - id: col-task-arrears
      weight: 2
      patterns: ["payment plan", [{LEMMA: {IN: [arrears, overdue]}}]]
      examples:
        match: ["Agree a payment plan with each customer."]
        no_match: ["Greet customers in store."]
"""


def rule_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    """A copy of the bundled rules plus (or replacing) the given files."""
    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), folder)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> list:
    with pytest.raises(RuleError) as info:
        load_rules([folder])
    return info.value.problems


def test_bundled_rules_load(rules):
    assert set(rules.roles) == {"customer-service", "internal-sales", "call-centre", "retail",
                                "field-sales", "retention", "internal-service", "other"}


def test_a_valid_new_role_loads(tmp_path):
    loaded = load_rules([rule_dir(tmp_path, {"collections.yaml": GOOD_ROLE})])
    assert "collections" in loaded.roles


def test_unknown_key_names_file_line_key_and_suggests_the_right_one(tmp_path):
    text = GOOD_ROLE.replace("      weight: 2\n", "      wieght: 2\n")
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    unknown = [p for p in found if p.message == "unknown key"]
    assert unknown and unknown[0].file.endswith("collections.yaml")
    assert unknown[0].line == 11
    assert unknown[0].key == "dimensions.tasks.0.wieght"
    assert "`weight`" in unknown[0].hint
    # the missing weight is reported in the same run
    assert any(p.key == "dimensions.tasks.0.weight" and "required" in p.message.lower() for p in found)


def test_wrong_types_everywhere_are_all_reported(tmp_path):
    text = (GOOD_ROLE.replace("weight: 2", 'weight: "heavy"')
            .replace("direction: outbound", "direction: sideways")
            .replace("sales_levels: [none]", "sales_levels: none"))
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    keys = {p.key for p in found}
    assert {"dimensions.tasks.0.weight", "direction", "sales_levels"} <= keys
    weight = next(p for p in found if p.key == "dimensions.tasks.0.weight")
    assert weight.line == 11 and weight.hint


def test_duplicate_id_across_files(tmp_path):
    text = GOOD_ROLE.replace("col-task-arrears", "cs-task-complaints")
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    dup = [p for p in found if "duplicate id" in p.message]
    # files load in name order: collections.yaml first, so customer-service.yaml is flagged
    assert len(dup) == 1 and dup[0].file.endswith("customer-service.yaml")
    assert "collections.yaml:10" in dup[0].message


@pytest.mark.parametrize("token, fragment", [
    ("{LEMMA: {REGX: arrears}}", "unknown operator 'REGX'"),
    ("{LEMA: arrears}", "unknown token attribute 'LEMA'"),
    ("{LEMMA: arrears, OP: '++'}", "unknown operator OP"),
    ("{LEMMA: {REGEX: '(a+)+$'}}", "nested quantifier"),
    ("{LEMMA: {REGEX: '(unclosed'}}", "does not compile"),
    ("{IS_DIGIT: 'yes'}", "takes true or false"),
])
def test_invalid_token_patterns(tmp_path, token, fragment):
    text = GOOD_ROLE.replace("[{LEMMA: {IN: [arrears, overdue]}}]", f"[{token}]")
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    assert any(fragment in p.message for p in found), [str(p) for p in found]
    assert all(p.line == 12 for p in found if fragment in p.message)


def test_invalid_yaml_gives_its_line(tmp_path):
    found = problems(rule_dir(tmp_path, {"broken.yaml": "kind: role\nrole: [unclosed\nname: x\n"}))
    assert found[0].file.endswith("broken.yaml") and found[0].line in (2, 3)
    assert "invalid YAML" in found[0].message


def test_aliases_are_refused_so_billion_laughs_cannot_expand(tmp_path):
    bomb = "kind: role\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    found = problems(rule_dir(tmp_path, {"bomb.yaml": bomb}))
    assert "aliases" in found[0].message and found[0].line == 3


def test_python_tags_are_not_executed(tmp_path):
    evil = "kind: !!python/object/apply:os.system ['echo hacked']\n"
    found = problems(rule_dir(tmp_path, {"evil.yaml": evil}))
    assert "invalid YAML" in found[0].message


def test_a_pattern_without_examples_is_invalid(tmp_path):
    text = GOOD_ROLE.split("      examples:")[0]
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    assert any(p.key == "dimensions.tasks.0.examples" for p in found)


def test_unknown_dimension(tmp_path):
    text = GOOD_ROLE.replace("  tasks:\n", "  duties:\n")
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    assert any(p.key == "dimensions.duties" and "tasks" in p.hint for p in found)


def test_precedence_and_also_must_name_loaded_roles(tmp_path):
    text = GOOD_ROLE.replace(
        "dimensions:\n",
        "precedence:\n  - over: [nobody]\n    when: [col-task-missing]\n    min_score: 1\ndimensions:\n",
    ).replace("      examples:", "      also: [ghost-role]\n      examples:")
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    messages = " | ".join(p.message for p in found)
    assert "'nobody' is not another loaded role" in messages
    assert "'col-task-missing' is not a pattern id" in messages
    assert "'ghost-role' is not another loaded role" in messages


def test_problem_text_reads_file_line_key_and_try(tmp_path):
    text = GOOD_ROLE.replace("      weight: 2\n", "      weight: 20\n")
    found = problems(rule_dir(tmp_path, {"collections.yaml": text}))
    line = str(next(p for p in found if p.key.endswith("weight")))
    assert "collections.yaml:11: dimensions.tasks.0.weight:" in line and "(try " in line


def test_a_share_rule_must_name_loaded_pattern_groups(tmp_path):
    context = (bundled_rules_dir() / "context.yaml").read_text(encoding="utf-8")
    text = context.replace("  - groups: [fs-setting-travel]", "  - groups: [fs-setting-travel, fs-setting-trips]")
    found = problems(rule_dir(tmp_path, {"context.yaml": text}))
    [problem] = found
    assert problem.key == "shares.0.groups.1" and problem.line and "'fs-setting-trips'" in problem.message
    assert "rules list" in str(problem)


def test_coordination_and_shares_are_validated_strictly(tmp_path):
    context = (bundled_rules_dir() / "context.yaml").read_text(encoding="utf-8")
    text = context.replace("  item_tokens: 5", "  item_tokens: 50\n  itemtokens: 4").replace("    below: 25", "    below: -1")
    found = problems(rule_dir(tmp_path, {"context.yaml": text}))
    keys = {p.key for p in found}
    assert {"coordination.item_tokens", "coordination.itemtokens", "shares.0.below"} <= keys
