"""Uploaded images lose their metadata before they are stored: no GPS position, camera, XMP or
comment leaves with a post; photos stay upright, colour profiles and animations stay."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageCms, ImageFile, JpegImagePlugin, PngImagePlugin

from socialplan.web.calendar import images, metadata
from socialplan.web.calendar.metadata import without_metadata
from socialplan.web.calendar.models import Post
from web.calendar_support import channel, later, post
from web.conftest import Team

SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>52,22N</exif:GPSLatitude></x:xmpmeta>'
SECRET = b"Taken at home, 12 Elm Street"


def tagged(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: the camera, the time, and where the photo was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCo"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.DateTime] = "2026:03:29 10:11:12"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (52.0, 22.0, 31.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 53.0, 12.0)
    return exif


def landscape() -> Image.Image:
    """A 120×80 picture: red, with a blue top-left corner to tell which way is up."""
    picture = Image.new("RGB", (120, 80), (200, 30, 30))
    picture.paste((20, 40, 220), (0, 0, 30, 20))
    return picture


def photo(orientation: int = 1, stored_turned: bool = False) -> bytes:
    """A JPEG with GPS EXIF, XMP, a comment and a colour profile.

    With *stored_turned*, the pixels are stored on their side and the EXIF says to turn them
    back (orientation 6, as phones held upright write them).
    """
    picture = landscape().rotate(90, expand=True) if stored_turned else landscape()
    out = io.BytesIO()
    picture.save(
        out,
        "JPEG",
        quality=90,
        exif=tagged(orientation),
        xmp=XMP,
        comment=SECRET,
        icc_profile=SRGB,
    )
    return out.getvalue()


def blue_at_top_left(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        red, _green, blue = image.convert("RGB").getpixel((5, 5))  # type: ignore[misc]
    return bool(blue > 150 and red < 100)


def carries_nothing(data: bytes) -> None:
    """No EXIF, GPS, XMP or comment anywhere in *data*: not parsed, not as bytes."""
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp", "Comment"} & set(image.info)
    for trace in (b"Exif\x00\x00", b"PhoneCo", b"xmpmeta", b"GPSLatitude", SECRET, b"eXIf"):
        assert trace not in data


@pytest.fixture
def draft(team: Team) -> Post:
    target = channel(team.workspace, "mastodon", "acme@social.example")
    return post(team.workspace, team.users["editor"], "Fresh bread", later(3), [target])


def _upload(team: Team, made: Post, data: bytes, name: str = "IMG_0001.jpg") -> None:
    url = reverse("calendar:image_add", args=["acme", made.pk])
    file = SimpleUploadedFile(name, data, content_type="image/jpeg")
    response = team.client("editor").post(url, {"image": file, "alt": "A loaf"})
    assert response.status_code == 302


def test_an_uploaded_photo_keeps_no_gps_position(team: Team, draft: Post) -> None:
    original = photo()
    with Image.open(io.BytesIO(original)) as check:  # the test's own photo does carry them
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert check.info["xmp"]
    _upload(team, draft, original)
    stored = draft.images.get()
    data = bytes(stored.data)
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == (120, 80) == (stored.width, stored.height)
        assert image.info["icc_profile"] == SRGB
        # Saved again with the photo's own tables: no visible loss, and no larger.
        with Image.open(io.BytesIO(original)) as before:
            assert isinstance(before, JpegImagePlugin.JpegImageFile)
            assert isinstance(image, JpegImagePlugin.JpegImageFile)
            assert image.quantization == before.quantization
    assert stored.size == len(data)
    assert len(data) <= len(original)
    assert blue_at_top_left(data)
    # What members see and what is sent are the same cleaned bytes.
    served = team.client("viewer").get(
        reverse("calendar:image", args=["acme", draft.pk, stored.pk])
    )
    assert served.content == data


def test_a_photo_taken_upright_stays_upright(team: Team, draft: Post) -> None:
    original = photo(orientation=6, stored_turned=True)
    with Image.open(io.BytesIO(original)) as sideways:
        assert sideways.size == (80, 120)
    _upload(team, draft, original)
    stored = draft.images.get()
    data = bytes(stored.data)
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (120, 80) == (stored.width, stored.height)
        assert image.info["icc_profile"] == SRGB
    assert blue_at_top_left(data)
    # Turned, it was saved at a high quality: sane in size, and the thumbnail upright too.
    assert len(data) < 3 * len(original)
    assert blue_at_top_left(bytes(stored.thumbnail))


def test_a_png_keeps_its_pixels_and_profile_but_not_its_text(team: Team, draft: Post) -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", SECRET.decode())
    text.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    landscape().save(out, "PNG", exif=tagged(), pnginfo=text, icc_profile=SRGB)
    _upload(team, draft, out.getvalue(), "chart.png")
    data = bytes(draft.images.get().data)
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.info["icc_profile"] == SRGB
        assert image.tobytes() == landscape().tobytes()


def test_a_png_turned_by_its_exif_is_turned_without_loss() -> None:
    out = io.BytesIO()
    landscape().rotate(90, expand=True).save(out, "PNG", exif=tagged(6))
    data = without_metadata(out.getvalue(), "PNG")
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.tobytes() == landscape().tobytes()


def test_a_webp_keeps_its_frames_but_not_its_exif_or_xmp() -> None:
    frames = [Image.new("RGB", (40, 30), (50 * n, 100, 150)) for n in range(3)]
    out = io.BytesIO()
    frames[0].save(
        out,
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=100,
        exif=tagged(),
        xmp=XMP,
        icc_profile=SRGB,
        lossless=True,
    )
    data = without_metadata(out.getvalue(), "WEBP")
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image:
        assert getattr(image, "n_frames", 1) == 3
        assert image.info["icc_profile"] == SRGB
        for number, frame in enumerate(frames):
            image.seek(number)
            assert image.convert("RGB").tobytes() == frame.tobytes()


def test_a_still_webp_turned_by_its_exif_is_turned() -> None:
    out = io.BytesIO()
    landscape().rotate(90, expand=True).save(out, "WEBP", exif=tagged(6), lossless=True)
    data = without_metadata(out.getvalue(), "WEBP")
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (120, 80)
        assert image.convert("RGB").tobytes() == landscape().tobytes()


def test_an_animated_gif_stays_animated_without_its_comment(team: Team, draft: Post) -> None:
    frames = [Image.new("RGB", (40, 30), (80 * n, 20, 200)).convert("P") for n in range(3)]
    out = io.BytesIO()
    frames[0].save(
        out, "GIF", save_all=True, append_images=frames[1:], loop=0, duration=120, comment=SECRET
    )
    original = out.getvalue()
    assert SECRET in original
    _upload(team, draft, original, "loop.gif")
    data = bytes(draft.images.get().data)
    carries_nothing(data)
    with Image.open(io.BytesIO(data)) as image, Image.open(io.BytesIO(original)) as before:
        assert getattr(image, "n_frames", 1) == 3
        assert image.info["loop"] == 0
        for number in range(3):
            image.seek(number)
            before.seek(number)
            assert image.convert("RGB").tobytes() == before.convert("RGB").tobytes()
            assert image.info["duration"] == 120


def test_a_phones_multi_picture_jpeg_is_stored_as_its_first_picture(
    team: Team, draft: Post
) -> None:
    """Phones add pictures (depth maps) after the first; each may carry EXIF of its own."""
    out = io.BytesIO()
    second = Image.new("L", (120, 80), 128)
    landscape().save(out, "MPO", save_all=True, append_images=[second], exif=tagged())
    _upload(team, draft, out.getvalue())
    stored = draft.images.get()
    data = bytes(stored.data)
    carries_nothing(data)
    assert stored.mime == "image/jpeg"
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert getattr(image, "n_frames", 1) == 1
    assert blue_at_top_left(data)


def test_a_damaged_file_is_still_refused_clearly(team: Team, draft: Post) -> None:
    url = reverse("calendar:image_add", args=["acme", draft.pk])
    broken = SimpleUploadedFile("x.jpg", photo()[:200], content_type="image/jpeg")
    response = team.client("editor").post(url, {"image": broken, "alt": ""})
    assert response.status_code == 400
    assert "damaged" in response.content.decode()
    assert not draft.images.exists()


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP", "GIF"])
@pytest.mark.parametrize("elsewhere", [False, True])
def test_truncated_files_are_refused_not_guessed(
    kind: str, elsewhere: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even once another library (WeasyPrint, for the PDF report) told Pillow to load them."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", elsewhere)
    out = io.BytesIO()
    landscape().save(out, kind)
    cut = SimpleUploadedFile("cut", out.getvalue()[:-40], "image/jpeg")
    with pytest.raises(images.NotAccepted, match="damaged"):
        images.read_upload(cut)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is elsewhere  # left as it was found


@pytest.mark.parametrize(
    ("kind", "damaged"),
    [
        ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00"),
        ("WEBP", b"RIFF\x00\x00\x00\x00JPEG"),
        ("GIF", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00!\xfe\x05ab"),
    ],
)
def test_damaged_structures_are_refused_not_guessed(kind: str, damaged: bytes) -> None:
    strip = {"PNG": metadata._png, "WEBP": metadata._webp, "GIF": metadata._gif}[kind]
    with pytest.raises(ValueError):  # noqa: PT011 - any reason: the upload is refused
        strip(damaged)


def test_read_upload_reports_the_cleaned_size() -> None:
    original = photo()
    read = images.read_upload(SimpleUploadedFile("a.jpg", original, "image/jpeg"))
    carries_nothing(read.data)
    assert (read.width, read.height) == (120, 80)
