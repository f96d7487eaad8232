"""`jdscan check`: the drafts in examples/drafts, every output format, configuration,
suppression, exit codes, and the pre-commit hook definition."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from jdscan.check.codes import CODES
from jdscan.cli import app
from jdscan.cli.common import EXIT_ERROR, EXIT_FAIL, EXIT_SUCCESS

from .conftest import EXAMPLES, ROOT

runner = CliRunner()
DRAFTS = EXAMPLES / "drafts"
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0.json").read_text())

# (code, line) per draft: exactly what `jdscan check examples/drafts` must report.
# Findings per draft as sorted (code, line) pairs: a draft can have two of one code on a line
# (the mismatch draft covers neither the goal nor the tasks of the role it claims).
EXPECTED = {
    "customer-service-mismatch.md": sorted([("missing-dimension", 2), ("missing-dimension", 2), ("title-mismatch", 2),
                                            ("role-mismatch", 5), ("mixed-signals", 8)]),
    "customer-service-mixed-signals.md": [("mixed-signals", 12)],
    "customer-service-suppressed.md": [],
    # Mostly phone work, with travel to key accounts in a region: a close call between field and inside sales.
    "field-sales-ambiguous.md": [("ambiguous", 10)],
    "internal-sales-passing.md": [],
}


def run(*args: str, env: dict | None = None, cwd: Path | None = None, monkeypatch=None):
    if monkeypatch and cwd:
        monkeypatch.chdir(cwd)
    return runner.invoke(app, list(args), env={"COLUMNS": "120", "GITHUB_ACTIONS": "", **(env or {})})


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_drafts_report_exactly_the_expected_findings(in_root):
    result = run("check", "examples/drafts", "--format", "json")
    assert result.exit_code == EXIT_FAIL
    data = json.loads(result.stdout)
    found = {Path(d["path"]).name: sorted((f["code"], f["line"]) for f in d["findings"]) for d in data["drafts"]}
    assert found == EXPECTED
    assert data["failed"] is True and sorted(found) == sorted(p.name for p in DRAFTS.iterdir())
    suppressed = {Path(d["path"]).name: d["suppressed"] for d in data["drafts"]}
    assert suppressed["customer-service-suppressed.md"] == ["mixed-signals"]


def test_text_format_lines_and_exit_codes(in_root):
    result = run("check", "examples/drafts")
    assert result.exit_code == EXIT_FAIL
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"examples/drafts/\S+\.md:\d+:\d+: (error|warning|info) [a-z-]+ .+", lines[0])
    assert "examples/drafts/customer-service-mismatch.md:5:1: error role-mismatch claims customer-service" in result.stdout
    assert lines[-1].startswith("5 drafts checked: 1 errors, 6 warnings") and "fails at --fail-on error" in lines[-1]
    assert run("check", "examples/drafts", "--fail-on", "never").exit_code == EXIT_SUCCESS
    passing = "examples/drafts/internal-sales-passing.md"
    assert run("check", passing, "--fail-on", "warning").exit_code == EXIT_SUCCESS
    assert run("check", "examples/drafts/field-sales-ambiguous.md").exit_code == EXIT_SUCCESS  # warnings only
    assert run("check", "examples/drafts/field-sales-ambiguous.md", "--fail-on", "warning").exit_code == EXIT_FAIL


def test_role_mismatch_names_the_sentences_that_pull(in_root):
    data = json.loads(run("check", "examples/drafts/customer-service-mismatch.md", "--format", "json").stdout)
    [mismatch] = [f for f in data["drafts"][0]["findings"] if f["code"] == "role-mismatch"]
    assert "reads as call-centre" in mismatch["message"] and "lines 5," in mismatch["message"]
    # The next strongest pulls, strongest first (which of the call-centre lines weigh most is
    # the fit's to say): every one a line of call-centre work, none the first again.
    related = [r["line"] for r in mismatch["related"]]
    assert mismatch["column"] == 1 and len(related) == 2 and set(related) <= {7, 8, 11}


# Format checking on: without it a "uri-reference" is any string. The schema is draft 4 but
# uses draft 6's uri-reference, so the checker knows every format; jsonschema checks the
# URI ones only with rfc3986-validator installed (the test extra installs it).
SARIF = jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def validate_sarif(sarif: dict) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in SARIF.iter_errors(sarif)]
    assert not errors, errors


def test_the_sarif_format_checker_checks_uri_references():
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}},
                                         "results": [{"message": {"text": "m"}, "locations": [
                                             {"physicalLocation": {"artifactLocation": {"uri": "a b#c#d"}}}]}]}]}
    assert any("uri-reference" in e.message for e in SARIF.iter_errors(bad))


def test_sarif_uris_are_percent_encoded_and_resolve_to_the_draft(tmp_path, monkeypatch):
    from urllib.parse import urljoin
    from urllib.request import url2pathname

    text = (DRAFTS / "customer-service-mismatch.md").read_text()
    names = ["with space.md", "100% sure.md", "issue #7.md", "café/draft.md"]
    for name in names:
        write_draft(tmp_path, name, text)
    monkeypatch.chdir(tmp_path)
    sarif = json.loads(run("check", *names, str(tmp_path / names[0]), "--format", "sarif").stdout)
    validate_sarif(sarif)
    run_ = sarif["runs"][0]
    base = run_["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    seen = set()
    for result in run_["results"]:
        where = result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = urljoin(base, where["uri"]) if where.get("uriBaseId") == "%SRCROOT%" else where["uri"]
        assert uri.startswith("file://") and "#" not in uri and " " not in uri
        seen.add(Path(url2pathname(uri[len("file://"):])).resolve())
    assert seen == {(tmp_path / n).resolve() for n in names}
    piped = runner.invoke(app, ["check", "-", "--format", "sarif"], input=text)
    validate_sarif(json.loads(piped.stdout))
    assert json.loads(piped.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
        "artifactLocation"] == {"uri": "urn:jdscan:stdin"}


def test_sarif_validates_against_the_official_schema(in_root):
    result = run("check", "examples/drafts", "--format", "sarif")
    sarif = json.loads(result.stdout)
    validate_sarif(sarif)
    run_ = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and {r["id"] for r in run_["tool"]["driver"]["rules"]} == set(CODES)
    first = run_["results"][0]
    location = first["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"].startswith("examples/drafts/") and location["uriBaseId"] == "%SRCROOT%"
    suppressed = [r for r in run_["results"] if "suppressions" in r]
    assert len(run_["results"]) - len(suppressed) == sum(len(v) for v in EXPECTED.values())
    # the waived finding stays, auditable, with the draft's own reason
    [waived] = suppressed
    assert waived["ruleId"] == "mixed-signals" and waived["suppressions"] == [
        {"kind": "inSource", "justification": "the upgrade target is agreed with the union; keep it"}]
    for rule in run_["tool"]["driver"]["rules"]:
        assert rule["name"] != rule["id"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    assert Path(run_["tool"]["driver"]["informationUri"].removeprefix("file://")).name == "ci.md"


MULTITOOL = Path.home() / ".cache" / "jdscan-tests" / "sarif-multitool"  # where .ci/run installs it
MULTITOOL_VERSION = "5.7.0"


def multitool() -> Path:
    """Microsoft's SARIF multitool: installed by .ci/run, else here with npm, else a skip."""
    found = sorted(MULTITOOL.glob("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"))
    if not found and shutil.which("npm"):
        subprocess.run(["npm", "install", "--prefix", str(MULTITOOL), "--no-audit", "--no-fund",
                        f"@microsoft/sarif-multitool@{MULTITOOL_VERSION}"], check=False, capture_output=True, timeout=300)
        found = sorted(MULTITOOL.glob("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"))
    if not found:
        pytest.skip("Microsoft's SARIF multitool is not installed and npm could not install it (no npm, or "
                    "the npm registry is not reachable)")
    found[0].chmod(0o755)
    return found[0]


def test_microsofts_sarif_multitool_finds_no_error_with_the_sarif_and_github_rules(in_root, tmp_path):
    tool = multitool()
    sarif = tmp_path / "jdscan.sarif"
    run("check", "examples/drafts", "--format", "sarif", "--output", str(sarif), "--fail-on", "never")
    out = tmp_path / "validation.sarif"
    done = subprocess.run([str(tool), "validate", str(sarif), "--rule-kind", "Sarif;Gh", "--output", str(out),
                           "--log", "ForceOverwrite"], check=False, capture_output=True, text=True, timeout=300)
    said = [line for line in done.stdout.splitlines() if re.search(r": (error|warning) [A-Z]+\d+:", line)]
    assert not said, "\n".join(said)
    results = json.loads(out.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert not [r for r in results if r.get("level") in ("error", "warning")]


def test_github_annotations_chosen_under_github_actions(in_root):
    result = run("check", "examples/drafts", env={"GITHUB_ACTIONS": "true"})
    lines = result.stdout.splitlines()[:-1]
    assert lines and all(re.fullmatch(r"::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=jdscan [a-z-]+::.+", line)
                         for line in lines)
    assert "::error file=examples/drafts/customer-service-mismatch.md,line=5,col=1," in result.stdout


def test_table_format(in_root):
    result = run("check", "examples/drafts", "--format", "table")
    assert result.exit_code == EXIT_FAIL
    assert "role-mismatch" in result.stdout and "5 drafts checked" in result.stdout


def test_expect_flag_overrides_front_matter(in_root):
    data = json.loads(run("check", "examples/drafts/internal-sales-passing.md", "--expect", "retail",
                          "--format", "json").stdout)
    draft = data["drafts"][0]
    assert draft["expected"] == "retail" and draft["expected_from"] == "--expect"
    assert "role-mismatch" in {f["code"] for f in draft["findings"]}
    bad = run("check", "examples/drafts", "--expect", "astronaut")
    assert bad.exit_code == EXIT_ERROR and "--expect 'astronaut' is not a role" in bad.stderr


def write_draft(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


SALES_BODY = (DRAFTS / "internal-sales-passing.md").read_text().split("---\n", 2)[2]


def test_expected_role_from_pyproject_globs_and_severity(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.jdscan.check]\nexpect = {"sales/*.md" = "retail"}\nfail_on = "warning"\n'
        'severity = {role-mismatch = "warning", missing-dimension = "off"}\n')
    write_draft(tmp_path, "sales/ad.md", "# Internal Sales Executive\n" + SALES_BODY)
    result = run("check", "sales", "--format", "json", cwd=tmp_path, monkeypatch=monkeypatch)
    data = json.loads(result.stdout)
    draft = data["drafts"][0]
    assert draft["expected"] == "retail" and draft["expected_from"] == "config: sales/*.md"
    codes = {f["code"]: f["severity"] for f in draft["findings"]}
    assert codes.get("role-mismatch") == "warning" and "missing-dimension" not in codes
    assert result.exit_code == EXIT_FAIL  # fail_on = "warning" from the file
    assert run("check", "sales", "--fail-on", "error", cwd=tmp_path, monkeypatch=monkeypatch).exit_code == EXIT_SUCCESS


def test_config_from_jdscan_yaml(tmp_path, monkeypatch):
    (tmp_path / ".jdscan.yaml").write_text("check:\n  expect:\n    '*.md': retail\n  fail_on: never\n")
    write_draft(tmp_path, "ad.md", "# Internal Sales Executive\n" + SALES_BODY)
    result = run("check", "ad.md", "--format", "json", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == EXIT_SUCCESS
    assert json.loads(result.stdout)["drafts"][0]["expected"] == "retail"


@pytest.mark.parametrize("config, message", [
    ('[tool.jdscan.check]\nfail_on = "sometimes"\n', "check.fail_on"),
    ('[tool.jdscan.check]\nseverity = {mixed-signal = "error"}\n', "check.severity.mixed-signal"),
    ('[tool.jdscan.check]\nmin_confidence = 2\n', "check.min_confidence"),
    ('[tool.jdscan.check]\nexpects = {}\n', "check.expects"),
])
def test_bad_config_value_exit_2(tmp_path, monkeypatch, config, message):
    (tmp_path / "pyproject.toml").write_text(config)
    write_draft(tmp_path, "ad.md", SALES_BODY)
    result = run("check", "ad.md", cwd=tmp_path, monkeypatch=monkeypatch)
    assert result.exit_code == EXIT_ERROR and message in result.stderr and "pyproject.toml" in result.stderr


def test_suppression_in_front_matter_and_unknown_codes(tmp_path):
    text = (DRAFTS / "customer-service-mixed-signals.md").read_text()
    ignored = text.replace("role: customer-service\n", "role: customer-service\njdscan:\n  ignore: [mixed-signals]\n")
    path = write_draft(tmp_path, "a.md", ignored)
    draft = json.loads(run("check", str(path), "--format", "json").stdout)["drafts"][0]
    assert draft["findings"] == [] and draft["suppressed"] == ["mixed-signals"]
    typo = write_draft(tmp_path, "b.md", text + "\n<!-- jdscan-disable mixed-signal -->\n")
    draft = json.loads(run("check", str(typo), "--format", "json").stdout)["drafts"][0]
    assert {f["code"] for f in draft["findings"]} == {"mixed-signals", "bad-suppression"}
    [bad] = [f for f in draft["findings"] if f["code"] == "bad-suppression"]
    assert bad["line"] == len(text.splitlines()) + 2  # the comment's own line, not the title's
    typo = write_draft(tmp_path, "d.md", ignored.replace("[mixed-signals]", "[mixed-signals, mixd]"))
    [bad] = json.loads(run("check", str(typo), "--format", "json").stdout)["drafts"][0]["findings"]
    assert bad["code"] == "bad-suppression" and bad["line"] == 4  # front matter's `jdscan:` key
    everything = write_draft(tmp_path, "c.md", text + "\n<!-- jdscan-disable-file -- a quoted legacy ad -->\n")
    assert json.loads(run("check", str(everything), "--format", "json").stdout)["drafts"][0]["findings"] == []
    # at the end of the draft, far from what the finding points at, the line form waives nothing
    far = write_draft(tmp_path, "e.md", text + "\n<!-- jdscan-disable -- a quoted legacy ad -->\n")
    assert json.loads(run("check", str(far), "--format", "json").stdout)["drafts"][0]["findings"]


def test_a_waiver_covers_its_line_and_the_next_and_can_be_made_to_need_a_reason(tmp_path):
    text = (DRAFTS / "customer-service-mixed-signals.md").read_text()
    [finding] = json.loads(run("check", str(DRAFTS / "customer-service-mixed-signals.md"), "--format", "json")
                           .stdout)["drafts"][0]["findings"]
    lines = text.splitlines()
    at = finding["line"] - 1  # the comment goes just above the line the finding points at
    above = "\n".join(lines[:at] + ["<!-- jdscan-disable mixed-signals -- agreed -->"] + lines[at:]) + "\n"
    draft = json.loads(run("check", str(write_draft(tmp_path, "a.md", above)), "--format", "json").stdout)["drafts"][0]
    assert draft["findings"] == [] and draft["suppressed"] == ["mixed-signals"]
    two_above = "\n".join(lines[:at - 1] + ["<!-- jdscan-disable mixed-signals -- agreed -->"] + lines[at - 1:]) + "\n"
    if lines[at - 1].strip():  # a line between the comment and the finding: not covered
        draft = json.loads(run("check", str(write_draft(tmp_path, "b.md", two_above)), "--format", "json").stdout)
        assert [f["code"] for f in draft["drafts"][0]["findings"]] == ["mixed-signals"]
    bare = above.replace(" -- agreed", "")
    path = write_draft(tmp_path, "c.md", bare)
    assert json.loads(run("check", str(path), "--format", "json").stdout)["drafts"][0]["findings"] == []
    strict = json.loads(run("check", str(path), "--format", "json", "--require-reason").stdout)["drafts"][0]
    assert sorted(f["code"] for f in strict["findings"]) == ["bad-suppression", "mixed-signals"]
    [bad] = [f for f in strict["findings"] if f["code"] == "bad-suppression"]
    assert "without a reason" in bad["message"] and bad["line"] == at + 1


def test_unknown_claimed_role_and_unreadable_draft(tmp_path):
    claim = write_draft(tmp_path, "a.md", "---\nrole: astronaut\n---\n" + SALES_BODY)
    (tmp_path / "empty.md").write_text("")
    data = json.loads(run("check", str(tmp_path), "--format", "json").stdout)
    codes = {Path(d["path"]).name: {f["code"] for f in d["findings"]} for d in data["drafts"]}
    assert "unknown-role" in codes[claim.name] and codes["empty.md"] == {"unreadable"}


def test_no_expected_role_still_checks_ambiguity(tmp_path):
    text = (DRAFTS / "field-sales-ambiguous.md").read_text().replace("role: field-sales\n", "")
    path = write_draft(tmp_path, "a.md", text)
    draft = json.loads(run("check", str(path), "--format", "json").stdout)["drafts"][0]
    assert draft["expected"] is None and "ambiguous" in {f["code"] for f in draft["findings"]}


def test_pre_commit_hook_definition():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "jdscan-check" and hook["entry"] == "jdscan check" and hook["language"] == "python"
    assert re.search(hook["files"], "drafts/ad.md") and not re.search(hook["files"], "jdscan/cli.py")


def test_help_documents_codes_and_exit_codes():
    result = run("check", "--help")
    assert "role-mismatch" in result.stdout and "Exit codes" in result.stdout
