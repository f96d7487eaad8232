"""Every command shown in README.md and docs/ runs, and shows what the page says it shows.

Each page's commands run in a scratch folder holding copies of examples/ and docs/ (and
`../shared` beside it when the repository has it), with COLUMNS=100 and no colour. A code
block preceded by `<!-- file: PATH -->` is written to PATH there first, so a page can
build the rule folder or config file its commands use. In ```bash blocks every line is
a command that must exit 0; in ```console blocks `$ ` starts a command and the lines
after it are its output (stdout and stderr as a terminal shows them; a line `...` stands
for any lines). ```python blocks run as scripts and must exit 0.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED_DATA

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; update the docs with -n 0 there
    fcntl = None

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
README_LIMIT = 12_000

# Shown but not run here, and why. Each must still match a shown command (test below).
NOT_RUN = {
    r"^pip install ": "installs packages: CI runs the README's install commands in a fresh clone",
    r"^(\w+=\S+ )?python -m pytest": "the test suite itself",
    r"^python bench/": "a benchmark of several minutes; docs/speed.md records its figures",
    r"^jdscan (rules fit|eval --cv \d+) \.\./shared/": "refits the weights and the lexicon fold by fold on "
                                                        "3,000 ads (about five minutes); the page records a run",
    r"^pre-commit ": "builds the hook's own environment from a package registry; "
                     "tests/test_check.py checks the hook definition",
    r"SparkSession\.builder": "starts a Spark JVM of its own (about 14 s, a twentieth of the suite); "
                               "tests/test_spark.py runs the page's call, named columns and all, in its session",
}
FENCE = re.compile(r"^```(\w*)\s*$")
FILE_MARK = re.compile(r"^<!-- file: (\S+) -->$")


@dataclass
class Shown:
    page: str
    line: int
    command: str
    output: list[str] | None = None  # None: a bash block, which shows no output
    kind: str = "shell"  # or "python"


@dataclass
class Page:
    path: Path
    files: dict[str, str] = field(default_factory=dict)
    shown: list[Shown] = field(default_factory=list)


def parse(path: Path) -> Page:
    """The files, commands and outputs a Markdown page shows."""
    page, lines = Page(path), path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        body, lang = lines[i + 1:end], m.group(1)
        mark = FILE_MARK.match(lines[i - 2] if i >= 2 and not lines[i - 1].strip() else lines[i - 1])
        if mark:
            page.files[mark.group(1)] = "\n".join(body) + "\n"
        elif lang in ("bash", "sh"):
            page.shown += _bash(path, i + 2, body)
        elif lang == "console":
            page.shown += _console(path, i + 2, body)
        elif lang == "python":
            page.shown.append(Shown(_name(path), i + 2, "\n".join(body), None, "python"))
        i = end + 1
    return page


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _bash(path: Path, first: int, body: list[str]) -> list[Shown]:
    shown, pending = [], ""
    for n, line in enumerate(body, first):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1]
            continue
        shown.append(Shown(_name(path), n, pending + line))
        pending = ""
    return shown


def _console(path: Path, first: int, body: list[str]) -> list[Shown]:
    shown: list[Shown] = []
    for n, line in enumerate(body, first):
        if line.startswith("$ "):
            shown.append(Shown(_name(path), n, line[2:], []))
        elif shown:
            shown[-1].output.append(line)
    return shown


PARSED = {p: parse(p) for p in PAGES}
SHOWN = [s for p in PARSED.values() for s in p.shown]


def not_run(command: str) -> str | None:
    return next((why for pattern, why in NOT_RUN.items() if re.search(pattern, command)), None)


def runnable(command: str) -> str:
    """`pip install X && jdscan ...`: the part after the install."""
    return re.sub(r"^pip install \S+ && ", "", command)


@pytest.fixture(scope="module")
def sandboxes(tmp_path_factory):
    made: dict[Path, Path] = {}

    def sandbox(page: Path) -> Path:
        if page not in made:
            top = tmp_path_factory.mktemp(page.stem)
            work = top / "work"
            shutil.copytree(ROOT / "examples", work / "examples")
            shutil.copytree(ROOT / "docs", work / "docs")
            if SHARED_DATA.parent.is_dir():
                (top / "shared").symlink_to(SHARED_DATA.parent, target_is_directory=True)
            for rel, text in PARSED[page].files.items():
                (work / rel).parent.mkdir(parents=True, exist_ok=True)
                (work / rel).write_text(text, encoding="utf-8")
            made[page] = work
        return made[page]

    return sandbox


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    bindir = str(Path(sys.executable).parent)  # where `jdscan` is installed beside `python`
    env.update(COLUMNS="100", NO_COLOR="1", PATH=bindir + os.pathsep + env.get("PATH", ""))
    return env


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, trailing spaces ignored; a `...` line stands for any lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def _trimmed(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


RAN: dict[Path, set[int]] = {}  # per scratch folder, the lines of its page's commands run there


def skipped(shown: Shown) -> str | None:
    """Why a shown command is not run here, if it is not."""
    command = runnable(shown.command)
    if why := not_run(command):
        return f"not run: {why}"
    if "../shared" in command and not SHARED_DATA.is_dir():
        return "needs ../shared/data, which is not beside the repository"
    return None


def run_shown(shown: Shown, cwd: Path) -> subprocess.CompletedProcess:
    command = runnable(shown.command)
    argv = [sys.executable, "-c", command] if shown.kind == "python" else ["bash", "-c", command]
    RAN.setdefault(cwd, set()).add(shown.line)
    return subprocess.run(argv, check=False, cwd=cwd, env=environment(), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)


@pytest.mark.parametrize("shown", SHOWN, ids=[f"{s.page}:{s.line}" for s in SHOWN])
def test_shown_command(shown: Shown, sandboxes):
    if why := skipped(shown):
        pytest.skip(why)
    cwd = sandboxes(ROOT / shown.page)
    # A page's commands build on those above them (one writes a file, the next reads it),
    # and the suite's workers share a page's commands out: what this folder missed runs first.
    for earlier in PARSED[ROOT / shown.page].shown:
        if earlier.line < shown.line and earlier.line not in RAN.get(cwd, ()) and not skipped(earlier):
            run_shown(earlier, cwd)
    done = run_shown(shown, cwd)
    where = f"{shown.page}:{shown.line}: `{runnable(shown.command)}`"
    if shown.output is None:
        assert done.returncode == 0, f"{where} exited {done.returncode}:\n{done.stdout}"
    else:
        printed = _trimmed(done.stdout.splitlines())
        if os.environ.get("JDSCAN_UPDATE_DOCS") and "..." not in shown.output:
            _rewrite(ROOT / shown.page, shown, printed)
        else:
            assert matches(_trimmed(shown.output), printed), \
                f"{where} printed something else than the page shows (JDSCAN_UPDATE_DOCS=1 rewrites it):\n{done.stdout}"


def _rewrite(page: Path, shown: Shown, printed: list[str]) -> None:
    """Put what a command printed under it on the page (review the diff after). The suite's
    worker processes may rewrite one page at once: each holds a lock on it meanwhile."""
    with page.open("rb") as held:
        if fcntl is not None:
            fcntl.flock(held, fcntl.LOCK_EX)
        lines = page.read_text(encoding="utf-8").split("\n")
        [at] = [i for i, line in enumerate(lines) if line == f"$ {shown.command}"]
        end = at + 1
        while end < len(lines) and not lines[end].startswith(("$ ", "```")):
            end += 1
        lines[at + 1:end] = printed
        page.write_text("\n".join(lines), encoding="utf-8")


def test_every_exemption_is_still_shown():
    for pattern in NOT_RUN:
        assert any(re.search(pattern, runnable(s.command)) for s in SHOWN), f"no shown command matches {pattern}"


def test_the_docs_show_commands_and_outputs():
    """The parser sees what the pages hold (so the tests above cover something)."""
    readme = PARSED[ROOT / "README.md"]
    assert any(s.command.startswith("jdscan classify") and s.output for s in readme.shown)
    assert any(s.command.startswith("jdscan check") and s.output for s in readme.shown)
    assert "my-rules/collections.yaml" in PARSED[ROOT / "docs" / "custom-rules.md"].files
    assert len(SHOWN) >= 30


def test_matching_of_shown_output():
    assert matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert matches(["a", "...", "z"], ["a", "z"])
    assert not matches(["a", "z"], ["a", "b", "z"])
    assert not matches(["a", "...", "z"], ["a", "b"])


def test_readme_is_a_short_users_page():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode("utf-8")) < README_LIMIT, "README.md is over 12 KB: move detail to docs/"
    for heading in ("## Install", "## A two-minute tour", "## The roles", "## Documentation"):
        assert heading in readme


def test_readme_roles_table_is_generated_from_the_bundled_rules():
    from jdscan.report.rules_view import roles_markdown
    from jdscan.ruleset import load_rules

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- roles: .*? -->\n(.*?)<!-- /roles -->", readme, re.DOTALL)
    assert block, "README.md lost its roles block"
    assert block.group(1) == roles_markdown(load_rules()), \
        "README's roles table is stale: paste `jdscan rules list --format markdown` between the roles markers"


@pytest.mark.parametrize("page", PAGES, ids=[_name(p) for p in PAGES])
def test_links_between_pages_resolve(page: Path):
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert (page.parent / target).exists(), f"{_name(page)} links to {target}, which is not there"


def test_ci_runs_the_readmes_test_command_and_the_core_extra_stays_small():
    import tomllib

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.DOTALL)
    assert blocks[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    core = " ".join(extras["test"])
    assert not any(heavy in core for heavy in ("dask", "spark", "pandas")), core
    assert "test-engines" in blocks[1] and "Java" in readme
