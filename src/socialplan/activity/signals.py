"""Text signals of imported items, computed once per distinct text and cached by content hash.

Signals of texts already in the store are not computed again; short texts take the language
of their thread when they cannot show their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    from socialplan.activity.store import Store
    from socialplan.text.analyse import TextSignals

#: Texts analysed per call; bounds memory on a million-item import.
CHUNK = 50_000
#: Texts per import the embedding model may look at, where the cheap signals cannot decide.
EMBED_BUDGET = 500

SIGNALS_SCHEMA = pa.schema(
    [
        ("content_hash", pa.string()),
        ("language", pa.string()),
        ("question", pa.bool_()),
        ("sentiment", pa.string()),
        ("promotional", pa.bool_()),
        ("refusal", pa.bool_()),
        ("forbidden", pa.list_(pa.string())),
        ("review", pa.bool_()),
        ("fingerprint", pa.int64()),
        ("tokens", pa.int32()),
        ("batch_id", pa.string()),
    ]
)


def compute_signals(items: pa.Table, store: Store, batch_id: str) -> pa.Table:
    """Signals for the texts of *items* that the store has not analysed yet."""
    pending = _pending_texts(items, store)
    if pending.num_rows == 0:
        return SIGNALS_SCHEMA.empty_table()
    from socialplan.text.analyse import analyse  # heavy models load only when texts arrive

    parts = []
    # The embedding model is the slow path: one import shares one budget, spread evenly over
    # the chunks so a huge import still gets the model's judgement across all its texts. Only
    # one chunk's texts and signals are Python objects at a time.
    for start in range(0, pending.num_rows, CHUNK):
        part = pending.slice(start, CHUNK)
        budget = round(EMBED_BUDGET * part.num_rows / pending.num_rows)
        texts, hints = part.column("text").to_pylist(), part.column("hint").to_pylist()
        found = analyse(texts, hints, embed_budget=budget)
        parts.append(_signals_table(part.column("content_hash"), found, batch_id))
    return pa.concat_tables(parts)


def _pending_texts(items: pa.Table, store: Store) -> pa.Table:
    """The texts of *items* the store has no signals for, once each, with a language hint.

    Ordered, and with ``min`` rather than ``any_value``: which texts get the embedding budget
    must not depend on the engine's grouping order, or two imports of one export would differ.
    """
    if items.num_rows == 0:
        return pa.table({"content_hash": [], "text": [], "hint": []})
    con = store.duckdb()
    con.register("incoming", items)
    pending = con.sql(
        """
        WITH texts AS (
            SELECT content_hash, min(text) AS text, min(language) AS declared,
                   min(thread_id) AS thread_id
            FROM incoming GROUP BY content_hash
        ),
        roots AS (SELECT item_id, min(language) AS language FROM incoming GROUP BY item_id)
        SELECT t.content_hash, coalesce(t.text, '') AS text,
               coalesce(t.declared, r.language) AS hint
        FROM texts t
        LEFT JOIN roots r ON r.item_id = t.thread_id
        ANTI JOIN signals s ON s.content_hash = t.content_hash
        ORDER BY t.content_hash
        """
    ).to_arrow_table()
    con.unregister("incoming")
    return pending


def _signals_table(hashes: pa.ChunkedArray, found: list[TextSignals], batch_id: str) -> pa.Table:
    """The rows of the texts with these content hashes and signals."""
    analysed = [
        pa.array([getattr(signals, field.name) for signals in found], field.type)
        for field in SIGNALS_SCHEMA
        if field.name not in ("content_hash", "batch_id")
    ]
    batch = pa.repeat(pa.scalar(batch_id, pa.string()), len(found))
    return pa.Table.from_arrays([hashes, *analysed, batch], schema=SIGNALS_SCHEMA)
