"""Cross-validation folds that near-duplicate ads never straddle.

Job boards repost an ad with a new id and a changed line or two; with one copy in the
training folds and one held out, a fit would be graded on what it has seen. Ads are
grouped when their 5-word shingles look alike (MinHash with banded locality-sensitive
hashing: 24 hashes in 8 bands of 3, so ads with about 60% of their shingles in common
meet in some band), and whole groups go to folds. Deterministic: stable hashes (CRC32),
and a seeded order.
"""

from __future__ import annotations

import re
import zlib

import numpy

SHINGLE = 5
HASHES, BANDS = 24, 8
PRIME = (1 << 31) - 1
WORD = re.compile(r"[a-z0-9]+")


def near_duplicate_groups(texts: list[str], seed: int = 0) -> list[int]:
    """A group number per text; texts in one group are (transitively) near-duplicates."""
    rng = numpy.random.RandomState(seed)
    a = rng.randint(1, PRIME, size=HASHES, dtype=numpy.int64)
    b = rng.randint(0, PRIME, size=HASHES, dtype=numpy.int64)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple, int] = {}
    rows = HASHES // BANDS
    for i, text in enumerate(texts):
        signature = _minhash(text, a, b)
        for band in range(BANDS):
            key = (band, *signature[band * rows:(band + 1) * rows].tolist())
            if key in buckets:
                parent[root(i)] = root(buckets[key])
            else:
                buckets[key] = i
    roots = [root(i) for i in range(len(texts))]
    number = {r: n for n, r in enumerate(dict.fromkeys(roots))}
    return [number[r] for r in roots]


def _minhash(text: str, a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    words = WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = numpy.fromiter((zlib.crc32(s.encode()) % PRIME for s in shingles), dtype=numpy.int64,
                            count=len(shingles))  # below 2**31: a * hash stays inside 64 bits
    return ((numpy.outer(hashes, a) + b) % PRIME).min(axis=0)


def grouped_folds(groups: list[int], labels: list[int], k: int, seed: int = 0) -> numpy.ndarray:
    """A fold number (0..k-1) per ad from its near-duplicate group (near_duplicate_groups):
    groups kept whole, folds of about equal size and label mix (each group goes, in a
    seeded order, to the fold that holds the fewest ads of its first ad's label, then the
    fewest ads)."""
    members: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        members.setdefault(g, []).append(i)
    order = list(members.values())
    numpy.random.RandomState(seed).shuffle(order)
    order.sort(key=len, reverse=True)  # big groups first; the shuffle orders equal sizes
    fold = numpy.zeros(len(groups), dtype=int)
    by_label = numpy.zeros((k, max(labels) + 1 if labels else 1), dtype=int)
    size = numpy.zeros(k, dtype=int)
    for rows in order:
        label = labels[rows[0]]
        target = min(range(k), key=lambda f: (by_label[f, label], size[f], f))
        fold[rows] = target
        for i in rows:
            by_label[target, labels[i]] += 1
        size[target] += len(rows)
    return fold
