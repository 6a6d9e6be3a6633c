"""The publisher: due deliveries go out once each, even with several workers that may die.

Why a post cannot go out twice, step by step:

- **Claim** (``claim.py``): one conditional UPDATE moves due deliveries from scheduled to
  publishing, under the row locks of their channels, so two workers cannot both win one and
  no channel has more posts under way than its limit. The loop enqueues one task per batch.
- **Attempts** (``attempt.py``): the task takes the batch's claims over with one UPDATE (a
  duplicated task then finds another mark and does nothing) and writes their Attempt rows
  with one INSERT, committed *before* any network is called. A claim that goes stale (its
  worker died) with an open attempt may have published: it becomes unconfirmed, never retried
  blindly (``sweep.py``); a stale claim without one certainly sent nothing and is due again.
- **Sending** (``sending.py``): a few threads call the networks, one account per thread.
- **Outcome** (``outcome.py``): the error class of the library is the policy: published, retry
  later (nothing was published), failed for good, or unconfirmed (the network may have acted);
  ``recording.py`` keeps a batch's outcomes with a few statements in one transaction.
- **Reconcile** (``reconcile.py``): an unconfirmed delivery is looked for by its key where the
  network can tell, published again under the same key only while the network still honours
  it, and otherwise left for a person to decide (``decisions.py``).

Workers keep their claims fresh while calls are under way (``lease.py``); ``loop.py`` is the
scheduling loop that ``socialplan worker`` runs beside the task worker. Why batches: decision
0009 (docs/decisions/0009-batched-publishing.md).
"""
