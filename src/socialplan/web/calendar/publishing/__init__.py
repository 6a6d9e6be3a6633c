"""The publisher: due deliveries go out once each, even with several workers that may die.

Why a post cannot go out twice, step by step:

- **Claim** (``claim.py``): one conditional UPDATE moves a due delivery from scheduled to
  publishing, under the row locks of its channel, so two workers cannot both win it and no
  channel has more posts under way than its limit.
- **Attempt** (``attempt.py``): the worker takes the claim over (a duplicated task then finds
  another mark and does nothing) and writes the Attempt row *before* the network is called. A
  claim that goes stale (its worker died) with an open attempt may have published: it becomes
  unconfirmed, never retried blindly (``sweep.py``); a stale claim without one certainly sent
  nothing and is simply due again.
- **Outcome** (``outcome.py``): the error class of the library is the policy: published, retry
  later (nothing was published), failed for good, or unconfirmed (the network may have acted).
- **Reconcile** (``reconcile.py``): an unconfirmed delivery is looked for by its key where the
  network can tell, published again under the same key only while the network still honours
  it, and otherwise left for a person to decide (``decisions.py``).

Workers keep their claims fresh while a call is under way (``lease.py``); ``loop.py`` is the
scheduling loop that ``socialplan worker`` runs beside the task worker.
"""
