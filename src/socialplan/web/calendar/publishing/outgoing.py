"""What a delivery sends: its variant's text (or the post's), the post's language and images."""

from __future__ import annotations

from socialplan.publish.content import Outgoing
from socialplan.web.calendar.models import Delivery


def outgoing_for(delivery: Delivery) -> Outgoing:
    """The post as it leaves for *delivery*'s network, adapted to it."""
    return Outgoing(
        text=delivery.text or delivery.post.text, language=delivery.post.language or None
    )
