"""A synthetic but realistic activity data set, for the demo and the benchmark.

A travel company posts in six languages on several networks; its audience asks, praises and
complains; the brand answers some people warmly, some with canned text, ignores others, deletes
a few complaints, schedules posts with a tool and bursts before a sale; its booking system counts
repeat bookings month by month. Everything is generated from a seed, so the same call gives the
same rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

NETWORKS = ("facebook", "instagram", "x", "telegram", "linkedin", "mastodon")
BRAND = "lotustrails"

POSTS = {
    "en": [
        "Five things to pack for a monsoon trek #traveltips",
        "Our guide Mai on the best street food in Hanoi",
        "Flash sale: 30% off all tours this weekend only! Book now https://lotustrails.example/sale",
        "Photo contest: share your best sunrise and win a trip #LotusContest",
        "How we choose our homestays, and why it matters to the villages",
        "New tour: the quiet islands of the Aegean https://lotustrails.example/aegean?utm_source=social",
    ],
    "vi": [
        "Năm món đồ cần mang khi đi trekking mùa mưa #meodulich",
        "Hướng dẫn viên Mai kể về món ngon đường phố Hà Nội",
        "Giảm giá 30% tất cả tour cuối tuần này! Đặt ngay https://lotustrails.example/sale",
        "Cuộc thi ảnh: chia sẻ bình minh đẹp nhất để nhận chuyến đi #LotusContest",
    ],
    "th": [
        "ห้าสิ่งที่ต้องพกไปเดินป่าหน้าฝน #เที่ยวไทย",
        "ไกด์ของเราแนะนำอาหารริมทางที่เชียงใหม่",
        "ลดราคา 30% ทุกทัวร์ สุดสัปดาห์นี้เท่านั้น จองเลย https://lotustrails.example/sale",
        "ประกวดภาพถ่าย ชิงรางวัลทริปฟรี #LotusContest",
    ],
    "zh": [
        "雨季徒步必带的五样东西 #旅行贴士",
        "我们的导游推荐河内最好吃的街头小吃",
        "限时特惠：本周末所有线路七折！立即预订 https://lotustrails.example/sale",
        "摄影比赛：分享你最美的日出，赢取免费旅行 #LotusContest",
    ],
    "el": [
        "Πέντε πράγματα για πεζοπορία στη βροχή #ταξίδι",
        "Ο οδηγός μας προτείνει το καλύτερο φαγητό του δρόμου",
        "Προσφορά: 30% έκπτωση σε όλες τις εκδρομές μόνο αυτό το Σαββατοκύριακο! https://lotustrails.example/sale",
        "Διαγωνισμός φωτογραφίας: μοιραστείτε την πιο όμορφη ανατολή #LotusContest",
    ],
    "fa": [
        "پنج چیزی که برای کوه‌پیمایی در فصل باران لازم دارید #سفر",
        "راهنمای ما بهترین غذای خیابانی را معرفی می‌کند",
        "تخفیف ۳۰ درصدی همه‌ی تورها فقط این آخر هفته! https://lotustrails.example/sale",
        "مسابقه‌ی عکاسی: زیباترین طلوع را بفرستید و سفر ببرید #LotusContest",
    ],
}
QUESTIONS = {
    "en": [
        "Is the trek suitable for children?",
        "How much is the island tour in May?",
        "Do you pick up from the airport?",
    ],
    "vi": [
        "Tour này có phù hợp cho trẻ em không?",
        "Giá tour tháng năm là bao nhiêu?",
        "Có đón ở sân bay không?",
    ],
    "th": ["ทัวร์นี้เหมาะกับเด็กไหมคะ", "ราคาทัวร์เดือนพฤษภาคมเท่าไหร่ครับ?", "มีรถรับที่สนามบินไหม?"],
    "zh": ["这条路线适合带孩子吗？", "五月的海岛游多少钱？", "可以机场接送吗？"],
    "el": [
        "Είναι κατάλληλη η διαδρομή για παιδιά;",
        "Πόσο κοστίζει η εκδρομή τον Μάιο;",
        "Μας παραλαμβάνετε από το αεροδρόμιο;",
    ],
    "fa": [
        "این تور برای بچه‌ها مناسب است؟",
        "قیمت تور جزیره در اردیبهشت چقدر است؟",
        "از فرودگاه ما را می‌برید؟",
    ],
}
PRAISE = {
    "en": ["What a beautiful trip, thank you!", "Mai was the best guide ever"],
    "vi": ["Chuyến đi tuyệt vời, cảm ơn các bạn!", "Hướng dẫn viên rất nhiệt tình"],
    "th": ["ทริปนี้สวยมาก ขอบคุณค่ะ", "ไกด์น่ารักมากครับ"],
    "zh": ["太美的旅行了，谢谢！", "导游非常专业"],
    "el": ["Υπέροχο ταξίδι, ευχαριστούμε!", "Ο καλύτερος οδηγός"],
    "fa": ["سفر فوق‌العاده‌ای بود، ممنون!", "راهنمای تور عالی بود"],
}
COMPLAINTS = {
    "en": [
        "Terrible service, the bus was three hours late and nobody called us",
        "I am still waiting for my refund",
    ],
    "vi": [
        "Dịch vụ quá tệ, xe trễ ba tiếng mà không ai báo",
        "Tôi vẫn chưa nhận được tiền hoàn lại",
    ],
    "th": ["บริการแย่มาก รถมาสายสามชั่วโมง", "ยังไม่ได้รับเงินคืนเลย"],
    "zh": ["服务太差了，大巴晚了三个小时也没人通知", "我的退款到现在还没到"],
    "el": [
        "Απαίσια εξυπηρέτηση, το λεωφορείο άργησε τρεις ώρες",
        "Ακόμα περιμένω την επιστροφή χρημάτων",
    ],
    "fa": ["خدمات افتضاح بود، اتوبوس سه ساعت دیر آمد", "هنوز پولم را پس نداده‌اید"],
}
REPLIES = {
    "en": [
        "Thanks for asking! Yes, children from 8 are welcome. Mai",
        "We are so sorry, I am calling you today to fix it. Lan",
    ],
    "vi": [
        "Cảm ơn bạn đã hỏi! Trẻ từ 8 tuổi đều tham gia được. Mai",
        "Chúng tôi rất xin lỗi, hôm nay tôi sẽ gọi cho bạn. Lan",
    ],
    "th": ["ขอบคุณที่ถามค่ะ เด็กอายุ 8 ปีขึ้นไปร่วมได้ค่ะ ไหม", "ขออภัยจริงๆ ค่ะ วันนี้จะโทรหาเพื่อแก้ไขค่ะ ลัน"],
    "zh": ["谢谢提问！8岁以上的孩子都可以参加。小麦", "非常抱歉，我今天会打电话给您处理。小兰"],
    "el": ["Ευχαριστούμε! Ναι, παιδιά από 8 ετών. Μάι", "Λυπούμαστε πολύ, σας καλώ σήμερα. Λαν"],
    "fa": [
        "ممنون از سؤالتان! بچه‌های بالای ۸ سال می‌توانند بیایند. مای",
        "خیلی متأسفیم، امروز با شما تماس می‌گیرم. لان",
    ],
}
CANNED = "Thank you for your message. Please contact customer service."
REFUSAL = "No comment."
TOOLS = ("Buffer", "Hootsuite", "Meta Business Suite", "Twitter Web App", "Telegram Desktop")


@dataclass(frozen=True)
class Sizes:
    """How much to generate."""

    posts: int = 600
    comments_per_post: float = 3.0
    days: int = 240
    seed: int = 7


def _languages(rng: random.Random) -> str:
    return rng.choices(("en", "vi", "th", "zh", "el", "fa"), weights=(4, 2, 2, 2, 1, 2))[0]


def items(sizes: Sizes, end: dt.datetime) -> Iterator[dict[str, object]]:
    """Rows in the generic CSV layout for posts, comments and replies."""
    rng = random.Random(sizes.seed)
    start = end - dt.timedelta(days=sizes.days)
    comment_id = 0
    for number in range(sizes.posts):
        network = rng.choice(NETWORKS[:4]) if rng.random() < 0.9 else rng.choice(NETWORKS[4:])
        # A gap of five weeks in the middle, then a burst before the sale: an uneven presence.
        offset = rng.random() * sizes.days
        if sizes.days * 0.45 < offset < sizes.days * 0.6:
            offset = sizes.days * 0.6 + rng.random() * 2
        at = start + dt.timedelta(days=offset)
        if rng.random() < 0.3:
            at = at.replace(hour=9, minute=0, second=0)
        lang = _languages(rng)
        text = rng.choice(POSTS[lang])
        post_id = f"p{number}"
        yield {
            "network": network,
            "id": post_id,
            "author": BRAND,
            "author_kind": "brand",
            "kind": "post",
            "created_at": at.isoformat(),
            "text": text,
            "language": lang,
            "client": rng.choice(TOOLS),
            "likes": rng.randint(0, 400),
        }
        for _ in range(int(rng.expovariate(1 / sizes.comments_per_post))):
            comment_id += 1
            cid = f"c{comment_id}"
            lang_c = lang if rng.random() < 0.8 else _languages(rng)
            roll = rng.random()
            pool = QUESTIONS if roll < 0.4 else PRAISE if roll < 0.8 else COMPLAINTS
            c_at = at + dt.timedelta(minutes=rng.randint(5, 60 * 48))
            author = f"user{rng.randint(1, 5000)}"
            yield {
                "network": network,
                "id": cid,
                "author": author,
                "author_kind": "audience",
                "kind": "comment",
                "created_at": c_at.isoformat(),
                "text": rng.choice(pool[lang_c]),
                "parent_id": post_id,
                "thread_id": post_id,
            }
            answer = rng.random()
            if answer < 0.45:
                continue
            # Personal replies greet the person; canned ones are the same text every time.
            reply = (
                f"@{author} {rng.choice(REPLIES[lang_c])}"
                if answer < 0.8
                else CANNED
                if answer < 0.97
                else REFUSAL
            )
            r_at = c_at + dt.timedelta(minutes=int(rng.expovariate(1 / 600)) + 3)
            yield {
                "network": network,
                "id": f"r{comment_id}",
                "author": BRAND,
                "author_kind": "brand",
                "kind": "reply",
                "created_at": r_at.isoformat(),
                "text": reply,
                "parent_id": cid,
                "thread_id": post_id,
            }


def write_export(folder: Path, sizes: Sizes | None = None, end: dt.datetime | None = None) -> Path:
    """Write the data set as generic CSV files (items, metrics, moderation, KPIs) into *folder*."""
    sizes = sizes or Sizes()
    end = end or dt.datetime(2026, 10, 31, 18, tzinfo=dt.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    columns = [
        "network",
        "id",
        "author",
        "author_kind",
        "kind",
        "created_at",
        "text",
        "parent_id",
        "thread_id",
        "language",
        "client",
        "likes",
    ]
    complaints: list[dict[str, object]] = []
    with (folder / "items.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for row in items(sizes, end):
            writer.writerow(row)
            texts = [t for v in COMPLAINTS.values() for t in v]
            if row["author_kind"] == "audience" and row["text"] in texts and len(complaints) < 12:
                complaints.append(row)
    with (folder / "moderation.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["network", "id", "action", "at", "actor", "reason"])
        writer.writeheader()
        for row in complaints[::2]:
            writer.writerow(
                {
                    "network": row["network"],
                    "id": row["id"],
                    "action": "deleted",
                    "at": row["created_at"],
                    "actor": BRAND,
                    "reason": "",
                }
            )
    rng = random.Random(sizes.seed + 1)
    with (folder / "metrics.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            ["network", "account", "day", "followers", "impressions", "reach", "engagements"],
        )
        writer.writeheader()
        for network in NETWORKS[:4]:
            followers = rng.randint(2000, 9000)
            for day in range(sizes.days):
                date = (end - dt.timedelta(days=sizes.days - day)).date()
                followers += rng.randint(-5, 30) + (4000 if day == sizes.days // 3 else 0)
                impressions = rng.randint(500, 6000)
                writer.writerow(
                    {
                        "network": network,
                        "account": BRAND,
                        "day": date.isoformat(),
                        "followers": followers,
                        "impressions": impressions,
                        "reach": int(impressions * 0.7),
                        "engagements": rng.randint(10, 300),
                    }
                )
    first = (end - dt.timedelta(days=sizes.days)).date()
    _write_kpis(folder / "kpis.csv", first, end.date(), random.Random(sizes.seed + 2))
    return folder


def _write_kpis(path: Path, first: dt.date, last: dt.date, rng: random.Random) -> None:
    """The booking system's repeat bookings of every month that ends between the two days."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["kpi", "period", "value"])
        writer.writeheader()
        for day in _month_ends(first, last):
            writer.writerow(
                {"kpi": "Repeat bookings", "period": day.isoformat(), "value": rng.randint(38, 62)}
            )


def _month_ends(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """The last day of every month that ends between *first* and *last*, both included."""
    month = dt.date(first.year, first.month, 1)
    while True:
        following = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        month_end = following - dt.timedelta(days=1)
        if month_end > last:
            return
        if month_end >= first:
            yield month_end
        month = following
