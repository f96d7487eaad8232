"""The one guard every reader runs under: whatever goes wrong while one input (or one row
of a table) is read becomes that input's error row, so the rest of a batch, and a later
`--resume`, go on. A bug or a hostile file costs one row, never the run."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..errors import InputError
from ..limits import AdTimeout, time_limit
from ..model import ReadError
from ..text.document import Document

Item = Document | ReadError


def guarded(read: Callable[[], Document], source: str, ad_id=None, limit: float | None = None) -> Item:
    """read(), or the error row for what it raised; `limit`: seconds it may take."""
    try:
        with time_limit(limit):
            return read()
    except Exception as exc:  # noqa: BLE001 (an error row, never a stopped batch)
        return error_row(exc, source, ad_id)


def guarded_rows(rows: Iterator[Item], source: str, where: Callable[[], str]) -> Iterator[Item]:
    """A table's rows; when the reader itself fails part-way, one error row in place of
    the rows it could not reach (`where()` locates it), and the batch goes on."""
    count = 0
    try:
        for count, row in enumerate(rows, 1):
            yield row
    except Exception as exc:  # noqa: BLE001
        error = error_row(exc, source)
        yield error._replace(source=where(), reason=f"{error.reason}; the rows after it are not read") \
            if count else error


def error_row(exc: BaseException, source: str, ad_id=None) -> ReadError:
    """What went wrong, as an error row that says what to try."""
    if isinstance(exc, InputError):
        return ReadError(exc.source, exc.detail, exc.id if exc.id is not None else ad_id)
    if isinstance(exc, AdTimeout):
        return ReadError(source, f"took longer than the {exc.seconds:g}-second time limit to read (try "
                         "--time-limit with a larger limit, or simplifying the file)", ad_id)
    if isinstance(exc, RecursionError):  # a parser walking hostile nesting in Python
        return ReadError(source, "is nested too deeply to read (try a simpler file)", ad_id)
    if isinstance(exc, MemoryError):
        return ReadError(source, "needs more memory to read than there is (try a smaller --max-size, "
                         "or splitting the file)", ad_id)
    said = str(exc).replace("\n", " ")[:200]
    return ReadError(source, f"could not be read ({type(exc).__name__}: {said}) (try re-saving the file, "
                     "or converting it to text)", ad_id)
