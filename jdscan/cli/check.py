"""`jdscan check`: the CI gate for ad drafts. Parse flags, run the check, render, exit."""

from __future__ import annotations

import enum
import json
import os
import sys
from pathlib import Path

import typer

from ..errors import JdscanError
from .common import (
    EXIT_FAIL,
    EXIT_SUCCESS,
    BundledOpt,
    LexiconOpt,
    ModelOpt,
    RulesOpt,
    TimeLimitOpt,
    _console,
    _fail,
    _open_output,
    _scanner,
)


class CheckFormat(str, enum.Enum):
    text = "text"
    table = "table"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    never = "never"


def check_help() -> str:
    from ..check.codes import CODES

    codes = "\n\n".join(f"  {code} ({severity}): {text}" for code, (severity, text) in CODES.items())
    return f"""Check ad drafts: does each read as the role it claims, clearly, without mixed signals?

The expected role comes from --expect, the draft's front matter (`role: internal-sales`),
or `expect` globs in the configuration. Suppress a finding in a draft with
`<!-- jdscan-disable CODE -->` or front matter `jdscan: {{ignore: [CODE]}}`.

Finding codes (default severity):

{codes}

Exit codes: 0 no finding at or above --fail-on; 1 such findings; 2 usage, configuration or
rule error."""


def check(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(..., help="Drafts: files, folders, globs, or - for stdin."),
    expect: str | None = typer.Option(None, "--expect", help="The role every draft should read as (overrides front matter and config)."),
    fmt: CheckFormat | None = typer.Option(None, "--format", "-f", case_sensitive=False, help="text (default), table, json, sarif, or github (default under GitHub Actions)."),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", case_sensitive=False, help="Lowest severity that fails the check: error, warning, or never (report only)."),
    margin: float | None = typer.Option(None, "--margin", min=0, max=1, help="Margin under which a draft is ambiguous (default: the rules' ambiguous_margin)."),
    min_confidence: float = typer.Option(0.5, "--min-confidence", min=0, max=1, help="Confidence under which a verdict is low-confidence."),
    require_reason: bool = typer.Option(False, "--require-reason", help="A jdscan-disable without a reason after -- is not applied, and is a bad-suppression finding."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the report to this file instead of stdout."),
    time_limit: float = TimeLimitOpt,
    lexicon: bool = LexiconOpt,
    rules: list[Path] | None = RulesOpt,
    bundled: bool = BundledOpt,
    model: str | None = ModelOpt,
) -> None:
    from ..check.drafts import CheckSettings, check_paths

    config, base = ctx.obj if ctx.obj else (None, Path.cwd())
    expect = expect.strip().lower() if expect else expect  # roles are lower-case slugs: --expect Retail is retail
    settings = CheckSettings(expect, config.check.expect if config else {}, base, margin, min_confidence,
                             dict(config.check.severity) if config else {}, time_limit or None, require_reason)
    try:
        scanner = _scanner(rules, bundled, model, lexicon=lexicon)
        if expect is not None and expect not in scanner.rules.roles:
            _fail(f"--expect {expect!r} is not a role of the loaded rules (try one of: {', '.join(scanner.rules.roles)})")
        stdin = sys.stdin.buffer if "-" in paths else None  # read lazily, up to the size limit
        report = check_paths(scanner, paths, settings, stdin)
    except JdscanError as exc:
        _fail(str(exc))
    _render(report, fmt or _default_format(), fail_on.value, output)
    raise typer.Exit(EXIT_FAIL if report.failing(fail_on.value) else EXIT_SUCCESS)


def _default_format() -> CheckFormat:
    # yamllint's way: annotations where GitHub will show them, plain lines elsewhere.
    return CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.text


def _render(report, fmt: CheckFormat, fail_on: str, output: Path | None) -> None:
    from ..report import check_formats
    from ..report.sarif import to_sarif

    if fmt is CheckFormat.table:
        from ..report.check_table import render_check

        text = None
    elif fmt is CheckFormat.sarif:
        text = json.dumps(to_sarif(report), ensure_ascii=False, indent=2)
    else:
        text = {"text": check_formats.to_text, "github": check_formats.to_github,
                "json": check_formats.to_json}[fmt.value](report, fail_on)
    with _open_output(output) as out:
        if text is None:
            _console(out if output else None).print(render_check(report, fail_on))
        else:
            out.write(text + "\n")
