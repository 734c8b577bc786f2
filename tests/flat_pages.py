"""Hand-written flattened pages that exercise every scan of the flat-text features.

Each is (url, text). ``tests/test_flat_equivalence.py`` holds ``extract_text`` to the Article
JSON recorded for them in ``tests/data/flat_equivalence.json``.
"""

from __future__ import annotations

STORY = [
    "The harbour board agreed on Monday to rebuild the north pier, which storms damaged twice "
    "last winter, and to open it to fishing boats and ferries by the end of next summer.",
    "Work will start in March. The board said the cost, about four million euros, would be "
    "shared with the regional government, which has promised to pay two thirds of it.",
    "Fishermen welcomed the plan but asked for a temporary landing place while the work goes "
    "on; the board said it would look at the old slipway beside the lifeboat station.",
    "A public meeting about the timetable will be held in the town hall on the first Thursday "
    "of the month, and the plans can be seen at the harbour office until then.",
]

NEWS = "\n".join([
    "Skip to content",
    "Home | News | Sport | Weather | Business",
    "Subscribe", "Sign in", "Log in",
    "",
    "Harbour board approves rebuilding of the storm-damaged north pier",
    "",
    "By Anna Byrne",
    "Updated 12:30, 3 March 2021",
    "",
    STORY[0], "", STORY[1],
    "Photo: the north pier after the January storm",
    "",
    "Read more: Lifeboat crew rescues two kayakers off the point",
    "Ferry fares to rise in April",
    "",
    STORY[2], "", STORY[3],
    "",
    "More from Coastal News",
    "Share this article", "Facebook", "Twitter", "E-mail this",
    "12",
    "Comments",
    "Mary on March 3, 2021 at 6:34 pm said:",
    "About time too, the old pier has been falling apart for years.",
    "joe says:",
    "Will the ferry timetable change while they build it?",
    "Advertisement",
    "Contact us at news@coastal.example.org or visit www.coastal-news.example.com",
    "© 2021 Coastal News. All rights reserved. Privacy policy | Cookie settings",
])

SHOP = "\n".join([
    "Menu", "Cart (0)", "",
    "Hand-thrown stoneware mug, 350 ml",
    "",
    "Price 24",
    "$19.99 per month for the subscription box",
    "€25 or 30 EUR in the shop",
    "Only 3 left",
    "",
    "Each mug is thrown by hand in our workshop and glazed in a deep sea green that varies "
    "a little from piece to piece, so no two are quite the same.",
    "Dishwasher safe. Not for the microwave.",
    "",
    "  • Free delivery over £50",
    "  • Returns within 30 days",
    "1. Choose a colour",
    "2) Add to basket",
    "Questions? Write to help@mugs.example.io",
    "Follow us on Instagram · Pinterest / Facebook » Newsletter",
])

MIXED = "\n".join([
    "HABERLER | SPOR | EKONOMİ",
    "İstanbul'da yeni köprü için çalışmalar başladı",
    "Belediye, boğazdaki yeni köprünün temel atma töreninin gelecek ay yapılacağını açıkladı; "
    "proje üç yıl içinde tamamlanacak ve şehir içi trafiği önemli ölçüde azaltacak.",
    "Yorumlar (4)",
    "ſays the long s, and dotless ı in a comment",
    "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke bis zum Frühjahr zu sperren, "
    "damit die Reparaturen endlich beginnen können.",
    "Lesen Sie auch: Neue Radwege in der Innenstadt",
    "Городской совет во вторник проголосовал за закрытие старого моста до весны.",
    "Читайте также: новый мост через реку",
    "市议会周二投票决定关闭旧桥进行维修，直到明年春天。",
    "Anna schreibt:",
    "Fuente: Ayuntamiento",
])

CAPTIONS = "\n".join([
    "Gallery", "",
    "Volunteers planted four hundred oak saplings along the river bank on Saturday morning "
    "before the rain came. Children from the primary school help plant trees by the river "
    "Children from the primary school help plant trees by the river",
    "",
    "The council hopes the new woodland will slow flooding in the lower town within a decade, "
    "and more planting days are planned for the autumn. A volunteer waters a sapling near "
    "the old mill bridge",
    "A volunteer waters a sapling near the old mill bridge",
    "",
    "Continue reading",
    "Related stories",
    "River clean-up draws record crowd",
    "New footbridge opens at the weir",
])

PAGES: list[tuple[str | None, str]] = [
    ("https://coastal.example.com/news/harbour-board-approves-rebuilding-north-pier", NEWS),
    ("https://mugs.example.io/shop/stoneware-mug", SHOP),
    (None, MIXED),
    ("https://example.org/2021/05/volunteers-plant-oak-saplings-river", CAPTIONS),
    (None, NEWS.upper()),
    ("https://example.net/a", "\n\n".join(STORY)),
]
