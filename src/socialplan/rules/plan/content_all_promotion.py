"""SP714 content.all_promotion: a channel mostly talks about the brand itself."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import Option, PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.vocab import SELF_PILLARS
from socialplan.strategy.networks import NETWORKS


@register
class AllPromotion(PlanRule):
    """Too much of a channel's content mix promotes the brand's products and offers."""

    code = "SP714"
    name = "content.all_promotion"
    title = N_("Content all about the brand")
    mistakes = ("M15",)
    severity = Severity.WARNING
    options = (
        Option(
            "max_self_share",
            40,
            N_(
                "The largest share, in percent, of a channel's posts that may promote the "
                "brand's own products and offers."
            ),
            minimum=0,
            maximum=100,
        ),
    )
    message = N_(
        "{share}% of the posts planned on {network} {account} promote the brand "
        "itself; the limit is {limit}%"
    )
    fix = N_(
        "give before you ask: move share to pillars that help, teach, inspire or "
        "entertain the audience"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Compare each channel's share of promotion and product pillars with the limit."""
        limit: int = self.settings["max_self_share"]
        for index, channel in enumerate(strategy.channels):
            total = sum(pillar.share for pillar in channel.pillars)
            # No pillars, or shares all zero: there is no mix to judge.
            if total <= 0:
                continue
            own = sum(p.share for p in channel.pillars if p.kind in SELF_PILLARS)
            # Measured against the channel's own total, so a mix that is off 100 (SP704's
            # finding) is still judged fairly.
            share = own / total * 100
            if share > limit:
                yield self.found(
                    ("channels", index, "pillars"),
                    network=NETWORKS[channel.network].label,
                    account=channel.account,
                    share=f"{round(share, 1):g}",
                    limit=limit,
                )
