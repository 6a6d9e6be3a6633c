"""SE302 before publishing: a draft's images against each network's declared limits."""

from __future__ import annotations

import dataclasses

from socialplan.i18n import catalogue
from socialplan.publish.adaptation import DraftImage, Variant, blocking, check_draft
from socialplan.publish.adaptation.media import media
from socialplan.publish.networks import ADAPTERS, adapter_class
from socialplan.rules.base import Severity

JPEG = DraftImage(name="bread.jpg", mime="image/jpeg", size=300_000, alt="A loaf on a board")
PNG = DraftImage(name="chart.png", mime="image/png", size=300_000, alt="Sales by month")


def _variant(network: str, *images: DraftImage, text: str = "Fresh bread") -> Variant:
    return Variant(network=network, account="acme", text=text, images=images)


def _said(network: str, *images: DraftImage, text: str = "Fresh bread") -> list[tuple[str, str]]:
    en = catalogue("en")
    return [(f.severity.value, f.text(en)) for f in media(_variant(network, *images, text=text))]


def test_instagram_without_an_image_is_an_error() -> None:
    assert _said("instagram") == [("error", "Instagram cannot publish a post without an image")]


def test_instagram_with_a_jpeg_is_fine() -> None:
    assert _said("instagram", JPEG) == []
    assert not blocking(check_draft([_variant("instagram", JPEG)], "en", None)[0])


def test_a_type_the_network_does_not_take_names_the_image() -> None:
    assert _said("instagram", PNG) == [
        ("error", "the image chart.png is in PNG format, which Instagram does not take")
    ]


def test_the_fix_names_the_formats_the_network_takes() -> None:
    (found,) = media(_variant("x", DraftImage("a.gif", "image/gif", 10, "A")))
    assert found.fix_text(catalogue("en")) == (
        "upload the image in JPEG, PNG, WEBP format, or leave X (Twitter) out"
    )


def test_an_image_above_the_size_limit_names_the_image() -> None:
    large = DraftImage(name="big.jpg", mime="image/jpeg", size=3_000_000, alt="Big")
    assert _said("bluesky", large) == [
        ("error", "the image big.jpg is 2.9 MiB; Bluesky takes images of at most 1.9 MiB")
    ]
    assert _said("mastodon", large) == []


def test_too_many_images_is_an_error() -> None:
    five = [DraftImage(name=f"{n}.jpg", mime="image/jpeg", size=1000, alt="x") for n in range(5)]
    assert _said("x", *five) == [("error", "the post has 5 images; X (Twitter) takes at most 4")]


def test_images_without_a_description_are_a_warning() -> None:
    bare = DraftImage(name="bread.jpg", mime="image/jpeg", size=1000)
    blank = DraftImage(name="oven.jpg", mime="image/jpeg", size=1000, alt="  ")
    assert _said("mastodon", bare, JPEG, blank) == [
        (
            "warning",
            "these images have no description for people who cannot see them: bread.jpg, oven.jpg",
        )
    ]


def test_images_alone_make_a_post() -> None:
    found = check_draft([_variant("mastodon", JPEG, text="")], None, None)[0]
    assert not blocking(found)
    empty = check_draft([_variant("mastodon", text="")], None, None)[0]
    assert [f.severity for f in blocking(empty)] == [Severity.ERROR]


def test_the_text_checks_still_apply_with_images() -> None:
    found = check_draft([_variant("x", JPEG, text="a" * 281)], None, None)[0]
    assert [f.code for f in blocking(found)] == ["SE302"]


def test_descriptions_are_asked_for_only_where_the_network_shows_them() -> None:
    bare = DraftImage(name="bread.jpg", mime="image/jpeg", size=1000)
    assert _said("telegram", bare) == []
    assert _said("mastodon", bare) == [
        (
            "warning",
            "these images have no description for people who cannot see them: bread.jpg",
        )
    ]


def test_which_networks_show_descriptions_is_data() -> None:
    without = {n for n in ADAPTERS if not adapter_class(n).capabilities.image_descriptions}
    assert without == {"telegram"}


def test_images_instagram_cannot_fetch_are_an_error_saying_what_to_set() -> None:
    variant = Variant("instagram", "acme", "Fresh bread", images=(JPEG,), images_fetchable=False)
    (found,) = media(variant)
    en = catalogue("en")
    assert found.severity is Severity.ERROR
    assert found.code == "SE302"
    assert found.text(en) == (
        "Instagram fetches each image from a public address, and this server has none configured"
    )
    assert "SOCIALPLAN_PUBLIC_URL" in found.fix_text(en)
    assert blocking(check_draft([variant], "en", None)[0])


def test_networks_that_take_uploads_need_no_public_address() -> None:
    variant = Variant("mastodon", "acme", "Fresh bread", images=(JPEG,), images_fetchable=False)
    assert media(variant) == []


def test_the_channels_own_limits_replace_the_networks() -> None:
    two = dataclasses.replace(adapter_class("mastodon").capabilities, max_images=2)
    three = (JPEG, JPEG, JPEG)
    assert media(Variant("mastodon", "acme", "x", images=three)) == []
    (found,) = media(Variant("mastodon", "acme", "x", images=three, capabilities=two))
    assert found.text(catalogue("en")) == "the post has 3 images; Mastodon takes at most 2"


def test_a_carousel_on_instagram_says_its_descriptions_will_not_reach_anyone() -> None:
    second = dataclasses.replace(JPEG, name="crumb.jpg", alt="The crumb, close up")
    assert _said("instagram", JPEG) == []
    assert _said("instagram", JPEG, second) == [
        (
            "info",
            "Instagram shows no descriptions on the images of a post with several images; "
            "these descriptions will not reach people who cannot see them: bread.jpg, crumb.jpg",
        )
    ]
    # Where several images keep their descriptions, nothing is said.
    assert _said("mastodon", JPEG, second) == []
    keeps = {n for n in ADAPTERS if adapter_class(n).capabilities.descriptions_with_several_images}
    assert keeps == set(ADAPTERS) - {"instagram"}
