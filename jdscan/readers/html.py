"""HTML ads: tags stripped, reading order kept, blocks and list items on their own lines.

selectolax (the lexbor engine) parses as browsers do, in C: broken markup and deep nesting
(10,000 levels) are fine, and entities come out decoded.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..text.document import Document
from .decode import declared, decode

DROP = ["script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "form"]
BLOCKS = ("p, div, section, article, header, footer, main, aside, h1, h2, h3, h4, h5, h6, "
          "ul, ol, dl, dt, dd, table, tr, blockquote, pre, address, hr, br")
SPACES = re.compile(r"[ \t\u00a0]+")
# A start tag with its attributes; quoted values may hold ">". It always matches at a "<"
# followed by a letter (to the ">" or the end), so scanning a page is one linear pass.
START_TAG = re.compile(r"""<[A-Za-z](?:[^>"']+|"[^"]*(?:"|$)|'[^']*(?:'|$))*(?:>|$)""")
QUOTED = re.compile(r""""[^"]*"?|'[^']*'?""")
ATTRIBUTE = re.compile(r"""[\s/]+[^\s/>="']""")
TAG_NAME = re.compile(r"<[^\s/>]+")
# lexbor checks each new attribute against the element's others: quadratic in their number
# (10,000 on one element: 0.2 s; 200,000: a minute). No page needs more than a few dozen,
# and jdscan reads no attribute, so an element with more has them dropped before parsing.
MAX_ATTRIBUTES = 256
BLANK_LINES = re.compile(r"\n\s*\n\s*(?:\n\s*)+")


def html_document(raw: bytes, source: str) -> Document:
    """An HTML page as a Document: title from the first <h1>, else <title>."""
    from selectolax.lexbor import LexborHTMLParser

    html, encoding = declared(raw, source) or decode(raw, source)
    tree = LexborHTMLParser(without_crowded_attributes(html))
    root = tree.body or tree.root
    if root is None:
        raise InputError(source, "has no content", "passing an HTML page that holds an ad")
    title = _title(tree, root)
    for tag in DROP:
        for node in root.css(tag):
            node.decompose()
    for node in root.css(BLOCKS):
        node.insert_after("\n")
    for node in root.css("h2, h3, h4, h5, h6"):
        node.insert_before("\n## ")  # a Markdown heading: it opens a section
    for node in root.css("li"):
        # A bullet ends the sentence before it, so negation cannot run across items.
        node.insert_before("\n• ")
    for node in root.css("td, th"):
        node.insert_after(" | ")
    body = _tidy(root.text(deep=True, separator=""))
    if not body.strip():
        raise InputError(source, "has no text once its tags are removed",
                         "passing an HTML page that holds an ad")
    return Document(source, title, body, 0, {}, encoding=encoding)


def without_crowded_attributes(html: str) -> str:
    """The page with the attributes of any element that has over MAX_ATTRIBUTES removed,
    in one linear pass (the page as it was when none has)."""
    kept, done = [], 0
    for tag in START_TAG.finditer(html):
        text = tag.group(0)
        if text.count("=") + text.count(" ") < MAX_ATTRIBUTES:  # a cheap first look
            continue
        if len(ATTRIBUTE.findall(QUOTED.sub("", text))) > MAX_ATTRIBUTES:
            kept += [html[done:tag.start()], TAG_NAME.match(text).group(0), ">"]
            done = tag.end()
    return "".join(kept) + html[done:] if kept else html


def _title(tree, root) -> str:
    """The first <h1> (taken out of the body, as a text file's title line is), else <title>,
    else an <h2> or <h3> that opens the page (a job board's page often titles its ad so)."""
    h1 = root.css_first("h1")
    if h1 is not None and _text(h1):
        return _taken(h1)
    node = tree.css_first("title")
    if node is not None and _text(node):
        return _text(node)
    first = root.css_first("h2, h3")
    if first is not None and _text(first) and _text(root).startswith(_text(first)):
        return _taken(first)
    return ""


def _taken(node) -> str:
    """A heading's text, the heading taken out of the body."""
    text = _text(node)
    node.decompose()
    return text


def _text(node) -> str:
    return _tidy(node.text(deep=True, separator=" "))


def _tidy(text: str) -> str:
    lines = (SPACES.sub(" ", line).strip() for line in text.splitlines())
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
