"""One row of a table (a CSV or spreadsheet row, a JSON object) as a Document: which of
its fields hold the text, the id and the title, matched to the names asked for as people
write them (`Text` is the `text` column), and an error row that keeps the row's id."""

from __future__ import annotations

from typing import NamedTuple

from ..errors import InputError
from ..model import ReadError
from ..text.document import Document
from .guard import guarded


class Fields(NamedTuple):
    """Which fields of a row hold the ad. A CSV must have every column named explicitly;
    a JSON Lines row may leave out its id or title (null or missing: null in the verdict; an
    id keeps its JSON type). Names match exactly first, then whatever their case."""

    text: str = "text"
    id: str | None = None
    title: str | None = None

    def wanted(self) -> list[str]:
        """The names asked for: text, then id and title (their defaults where not named)."""
        return [self.text, self.id or "id", self.title or "title"]


def column_names(header: list[str], fields: Fields) -> tuple[list[str], str | None]:
    """The header with each column asked for renamed to the name it was asked by (an exact
    match first, then one whatever its case), and a problem where a name is ambiguous or a
    named column is missing."""
    names = [h.strip() for h in header]
    for wanted, required in ((fields.text, True), (fields.id or "id", fields.id is not None),
                             (fields.title or "title", fields.title is not None)):
        if wanted in names:
            continue
        folded = [i for i, h in enumerate(names) if h.casefold() == wanted.casefold()]
        if len(folded) > 1:
            return names, (f"has {len(folded)} columns called {wanted!r} but for their case "
                           f"({', '.join(names[i] for i in folded)}; try naming one exactly with "
                           "--text-field, --id-field or --title-field)")
        if folded:
            names[folded[0]] = wanted
        elif required:
            return names, (f"has no column {wanted!r} (columns: {', '.join(names[:12])}; "
                           "try --text-field, --id-field or --title-field NAME)")
    return names, None


def keyed(row: dict, fields: Fields) -> dict:
    """A JSON object with the fields asked for under the names asked by: an exact key
    first, then one whatever its case."""
    missing = [n for n in fields.wanted() if n not in row]
    if not missing:
        return row
    folded = {str(k).casefold(): k for k in row}
    return {**row, **{n: row[folded[n.casefold()]] for n in missing if n.casefold() in folded}}


def to_document(row: dict, source: str, fields: Fields, max_bytes: int) -> Document:
    """The ad a row holds; an InputError (carrying the row's id) when it holds none."""
    ad_id = _id(row, fields.id or "id", source)
    try:
        title = _field(row, fields.title or "title", source, None)
        text = _field(row, fields.text, source, "text")
        if len(text) > max_bytes:
            raise InputError(source, f"text is {len(text):,} characters, over the {max_bytes:,} limit",
                             "--max-size with a larger limit")
        if not text.strip():
            raise InputError(source, f"field {fields.text!r} is empty", "removing the row")
        if "\x00" in text or "\x00" in title:
            raise InputError(source, "holds a NUL byte, which no ad's text has (binary data pasted "
                             "into a cell?)", "removing it from the cell")
    except InputError as exc:
        exc.id = ad_id  # an error row still says which ad it was
        raise
    given = row.get(fields.title or "title") is not None
    return Document(source, title.strip(), text, 0, {}, id=ad_id, title_given=given)


def guard(fn, arg, source: str, fields: Fields, max_bytes: int) -> Document | ReadError:
    """fn(arg, source, fields, max_bytes), or the error row for whatever it raised."""
    return guarded(lambda: fn(arg, source, fields, max_bytes), source)


def _id(row: dict, name: str, source: str):
    """The row's id with its JSON type (a number stays a number), None when absent or empty."""
    value = row.get(name)
    if isinstance(value, (dict, list)):
        raise InputError(source, f"field {name!r} is a JSON {type(value).__name__}, not an id", "a string or a number")
    return None if value is None or value == "" else value


def _field(row: dict, name: str, source: str, flag: str | None) -> str:
    """The field as text; `flag` names the option that made it required (None: optional)."""
    value = row.get(name)
    if value is None:
        if flag and name in row:
            raise InputError(source, f"field {name!r} is null", "removing the row, or giving it the ad's text")
        if flag:
            raise InputError(source, f"has no field {name!r}", f"--{flag}-field NAME to name another")
        return ""
    if isinstance(value, (dict, list)):
        raise InputError(source, f"field {name!r} is a JSON {type(value).__name__}, not text",
                         "a string field")
    return str(value)

