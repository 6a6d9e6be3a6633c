"""SP705 channel.pillar_off_brand: a content pillar is not tied to the brand."""

from __future__ import annotations

from collections.abc import Iterator

from socialplan.i18n import N_
from socialplan.rules.base import PlanRule, Severity, Violation
from socialplan.rules.registry import register
from socialplan.strategy.model import Strategy
from socialplan.strategy.model.vocab import SELF_PILLARS
from socialplan.strategy.networks import NETWORKS


@register
class PillarOffBrand(PlanRule):
    """A pillar that does not say how its topic connects to the brand."""

    code = "SP705"
    name = "channel.pillar_off_brand"
    title = N_("Content pillar not tied to the brand")
    mistakes = ("M05",)
    severity = Severity.INFO
    message = N_("the pillar {pillar} on {network} {account} does not say how it ties to the brand")
    fix = N_(
        "write its brand_link: how the topic connects to what the brand stands for; "
        "drop topics chosen only because they are trending"
    )

    def check(self, strategy: Strategy) -> Iterator[Violation]:
        """Report each pillar without a ``brand_link``."""
        for index, channel in enumerate(strategy.channels):
            for number, pillar in enumerate(channel.pillars):
                # Posts about the brand's own products and offers cannot drift off-brand.
                if pillar.brand_link or pillar.kind in SELF_PILLARS:
                    continue
                path: tuple[str | int, ...] = ("channels", index, "pillars", number)
                # An empty link is still written in the document, so point at it.
                if "brand_link" in pillar.model_fields_set:
                    path = (*path, "brand_link")
                yield self.found(
                    path,
                    pillar=pillar.name,
                    network=NETWORKS[channel.network].label,
                    account=channel.account,
                )
