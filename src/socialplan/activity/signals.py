"""Text signals of imported items, computed once per distinct text and cached by content hash.

Signals of texts already in the store are not computed again; short texts take the language
of their thread when they cannot show their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa

if TYPE_CHECKING:
    from socialplan.activity.store import Store

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
    from socialplan.text.analyse import analyse  # heavy models load only when texts arrive

    if items.num_rows == 0:
        return SIGNALS_SCHEMA.empty_table()
    con = store.duckdb()
    con.register("incoming", items)
    rows = con.execute(
        """
        WITH texts AS (
            SELECT content_hash, any_value(text) AS text, any_value(language) AS declared,
                   any_value(thread_id) AS thread_id
            FROM incoming GROUP BY content_hash
        ),
        roots AS (SELECT item_id, language FROM incoming)
        SELECT t.content_hash, t.text, coalesce(t.declared, r.language) AS hint
        FROM texts t
        LEFT JOIN roots r ON r.item_id = t.thread_id
        ANTI JOIN signals s ON s.content_hash = t.content_hash
        """
    ).fetchall()
    con.unregister("incoming")
    texts = [r[1] or "" for r in rows]
    hints = [r[2] for r in rows]
    results = []
    # The embedding model is the slow path: one import shares one budget, spread evenly over
    # the chunks so a huge import still gets the model's judgement across all its texts.
    for start in range(0, len(texts), CHUNK):
        part = slice(start, start + CHUNK)
        budget = round(EMBED_BUDGET * len(texts[part]) / len(texts))
        results.extend(analyse(texts[part], hints[part], embed_budget=budget))
    return pa.Table.from_pylist(
        [
            {
                "content_hash": row[0],
                "language": sig.language,
                "question": sig.question,
                "sentiment": sig.sentiment,
                "promotional": sig.promotional,
                "refusal": sig.refusal,
                "forbidden": list(sig.forbidden),
                "review": sig.review,
                "fingerprint": sig.fingerprint,
                "tokens": sig.tokens,
                "batch_id": batch_id,
            }
            for row, sig in zip(rows, results, strict=True)
        ],
        SIGNALS_SCHEMA,
    )
