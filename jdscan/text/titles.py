"""Which line of a plain-text ad is its job title.

Ads pasted from job boards often open with the employer's name, a place or a date, and
put the title on the next line, or label it ("Job Title: ...", "Position: ..."). A line
reads as a job title when it is short, ends without sentence punctuation and names a kind
of worker ("Advisor", "Representative", "Cashier", ...).
"""

from __future__ import annotations

import re

LABELLED = re.compile(r"[ \t]*(?:job[ \t]+title|job|position|role|vacancy|post)[ \t]*[:\-–][ \t]*(\S.{0,118}?)[ \t]*$",
                      re.IGNORECASE)
LOOKED_AT = 8  # lines from the top where a labelled title is looked for
MAX_WORDS = 10
# The head nouns of job titles: the kinds of worker an ad is for.
WORKERS = frozenset([
    "accountant", "administrator", "adviser", "advisor", "advocate", "agent", "ambassador", "analyst",
    "apprentice", "assistant", "associate", "attendant", "barista", "bartender", "bdr", "buyer",
    "caller", "canvasser", "carer", "cashier", "champion", "chef", "cleaner", "clerk", "closer",
    "collector", "concierge", "consultant", "controller", "cook", "coordinator", "co-ordinator",
    "counsellor", "csr", "designer", "developer", "director", "driver", "engineer", "executive",
    "expert", "greeter", "handler", "head", "host", "hostess", "housekeeper", "intern", "lead",
    "leader", "liaison", "manager", "merchandiser", "negotiator", "nurse", "officer", "operative",
    "operator", "packer", "partner", "picker", "planner", "porter", "processor", "professional",
    "receptionist", "recruiter", "rep", "representative", "sdr", "salesperson", "salesman",
    "saleswoman", "secretary", "server", "setter", "specialist", "steward", "stocker", "supervisor",
    "teacher", "technician", "telemarketer", "teller", "trainee", "tutor", "typist", "worker",
])
WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


def looks_like_title(line: str) -> bool:
    """A short line without sentence punctuation that names a kind of worker."""
    line = line.strip()
    if not line or line[-1] in ".!?:;," or len(line) > 120:
        return False
    words = [w.lower() for w in WORD.findall(line)]
    if not words or len(words) > MAX_WORDS:
        return False
    return any(w in WORKERS or w.rstrip("s") in WORKERS for w in words)


def _title_shaped(value: str) -> bool:
    return value[-1] not in ".!?;," and len(WORD.findall(value)) <= MAX_WORDS


def labelled_title(text: str, offset: int) -> tuple[str, int, int] | None:
    """("title", start, end of its line) for a "Job Title: ..." line among the first lines."""
    pos = offset
    for _ in range(LOOKED_AT):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        m = LABELLED.match(text, pos, end)
        if m and _title_shaped(m.group(1)):
            return m.group(1), pos, end
        if end >= len(text):
            return None
        pos = end + 1
    return None
