"""Recently computed shortlists, reused while nothing that shapes them has changed.

Buyers reopen the same shortlist again and again. The key holds everything the ranking depends
on: the requirement as validated (its `needed_by` included), `top`, `include_ineligible`, the
catalogue revision (bumped by every supplier change), the weights profile and version, and the
organizer's forced entries. Each worker keeps its own small cache in memory.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from datetime import UTC, datetime
from typing import Any

import orjson

SIZE = 256

_lock = threading.Lock()
# Stored as JSON bytes: parsing them back is a cheaper fresh copy than a deep copy.
_entries: OrderedDict[str, bytes] = OrderedDict()


def cache_key(*parts: Any) -> str:
    return json.dumps(parts, sort_keys=True, default=str)


def get(key: str) -> dict[str, Any] | None:
    """A fresh copy of the cached document, stamped with the time it is shown again."""
    with _lock:
        document = _entries.get(key)
        if document is None:
            return None
        _entries.move_to_end(key)
    stamp = datetime.now(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    return {**orjson.loads(document), "generated_at": stamp}


def put(key: str, document: dict[str, Any]) -> None:
    with _lock:
        _entries[key] = orjson.dumps(document)
        _entries.move_to_end(key)
        while len(_entries) > SIZE:
            _entries.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()
