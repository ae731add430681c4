"""Synthetic journal entries: real-looking words, a little French, Spanish and Chinese.

Entries come from one seeded generator, so entry ``i`` is the same on every run and
the first 1,000 entries of a 10,000-entry journal are the 1,000-entry journal. Word
frequencies fall off like natural text (a Zipf curve), so the search queries below
hit anything from about 1% of entries to half of them. About a third of the
entries are plain ASCII; the rest carry an accented word or name, and one in twenty
a paragraph of Chinese (search folds non-ASCII text more slowly, so this matters).
A body is sized so that the entry's sealed payload (JSON: dates, title, body, tags)
averages about 1.5 KB.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import accumulate

# Raise when the generated text changes, so cached vaults are rebuilt.
GENERATOR_VERSION = 3
SEED = 20261121


def _split(text: str) -> list[str]:
    return text.split()


# Roughly most common first; the position sets the word's frequency.
_ENGLISH = _split("""
the and to of a in i it was that my for with on is at we but this had so not all be
have about what me out just they up from there when one like day today time were
some more then after back after got it's morning really been felt little think still
work going long again because home night first good much did would know could feel
new how went last into make over something people way before thought while need even
walk went coffee friend around came together always week tired write better things
through quiet talked house kitchen made told room window rain sun light tea evening
called dinner bread maybe started began tomorrow sleep woke early late garden book
read reading mother father sister brother kids dog cat train bus office meeting
project email call phone worry worried happy calm anxious grateful slow small old
young warm cold finally almost enough city street park river lake hill mountain road
market shop bought cooked soup rice walked lunch breakfast music song listened played
guitar piano letter wrote notebook page words remember remembered forgot plan plans
weekend holiday summer winter spring autumn snow wind cloud clouds sky afternoon
yesterday hospital doctor appointment class lesson teacher student school exam
library museum painting photo photos camera bicycle ride running ran swim swimming
neighbour neighbours birthday party cake gift visit visited stayed trip station
airport flight hotel tired stress deadline boss colleague team review report budget
laundry dishes cleaning tidy mess garden tomatoes roses flowers seeds soil weeds rake
harvest apples pears plums jam honey bees birds sparrow crow heron owl fox deer moss
fern oak willow birch pine lantern candle fireplace blanket sofa chair desk lamp
stairs attic cellar roof porch fence gate path bridge harbour boat sail ferry island
coast beach shells tide waves lighthouse cliff valley meadow orchard vineyard barn
stranger conversation argument apology promise secret dream dreams nightmare memory
childhood grandmother grandfather cousin aunt uncle wedding funeral anniversary
patience courage habit habits routine goal goals progress setback lesson learned
meditation breathing stretching yoga journal gratitude kindness honest honesty
thunderstorm drizzle fog frost sunrise sunset moonlight stars constellation
telescope puzzle chess crossword novel poem poetry chapter author translation
recipe oven baking sourdough cinnamon ginger lemon garlic onion pepper basil thyme
""")

# Accented words (some typed without accents in the queries: cafe, creme, zurich).
_ACCENTED = _split("""
café naïve résumé déjà vu façade crème brûlée fiancée piñata jalapeño mañana
señora niño año corazón canción São Paulo Zürich Köln über Ångström smörgåsbord
Dvořák Chopin Brontë Saint-Étienne Montréal Québec éclair soufflé purée entrée
rosé protégé cliché naïveté Málaga Sevilla Córdoba Kraków Łódź Gdańsk Tromsø
""")

# Short Chinese phrases; a few entries carry a whole Chinese paragraph.
_CHINESE = _split("""
今天 天气 很好 我们 朋友 咖啡 公园 散步 工作 家人 周末 早上 晚上 下雨 阳光 读书 写字
音乐 电影 晚饭 米饭 茶 花园 妈妈 爸爸 孩子 学校 老师 火车 旅行 城市 河边 山上 开心
累了 休息 想念 记得 明天 昨天 春天 秋天 冬天 夏天 月亮 星星 安静 慢慢 希望 梦想
""")

# People and places: each turns up in about one entry in a hundred, as names do.
_NAMES = _split("""
Marguerite Björn Zoë José Renée Chloé Søren Ingrid Tomasz Agnieszka Hiroshi Keiko
Priya Arjun Fatima Omar Leila Yusuf Amara Kofi Ngozi Thandiwe Mateo Lucía Valentina
Joaquín Inés Benoît Hélène Gaëlle Jürgen Günther Dörte Małgorzata Wojciech Eleni
Nikos Dimitra Aoife Siobhán Ciarán Eilidh Hamish Rhiannon Dafydd Astrid Sigrún
Ólafur Henrik Kirsten Annika Pekka Aino Mirela Bogdan Vesna Dragan Zeynep Emre
Ayşe Mehmet Nadia Karim Samir Yasmin Rafael Beatriz João Conceição Tiago Camila
Santiago Ximena Diego Paloma Raúl Rocío Alejandro Guadalupe 李娜 王伟 张敏 刘洋 陈静
Wen Mei Jun Hana Minji Seojun Jiwoo Thuy Minh Linh Arnav Meera Kavya Rohan Ishaan
Ottoline Barnaby Clementine Rosalind Percival Wilhelmina Theodora Augustin
""")

TAGS = ("work", "family", "health", "travel", "reading", "garden", "ideas", "gratitude")

# Twenty queries, run in this order: common words, rare names, accented words typed
# without accents, one in Chinese, one of two words, one in capitals.
QUERIES = (
    "coffee",
    "garden",
    "cafe",
    "lighthouse",
    "咖啡",
    "quiet morning",
    "zurich",
    "creme",
    "sourdough",
    "grandmother",
    "marguerite",
    "sao",
    "Telescope",
    "bjorn",
    "malaga",
    "deadline",
    "river",
    "naive",
    "constellation",
    "zoe",
)

_LOCAL = timezone(timedelta(hours=1))
_START = datetime(2012, 1, 1, 7, 0, tzinfo=_LOCAL)


@dataclass(frozen=True, slots=True)
class SyntheticEntry:
    created: datetime
    title: str
    body: str
    tags: tuple[str, ...]


def _weights(count: int) -> list[float]:
    return [1.0 / (rank + 8) for rank in range(count)]


class Generator:
    """Entries ``0, 1, 2, ...`` of the one synthetic journal, in date order.

    Drawing every word afresh costs ~20 s for 100,000 entries, so the generator
    first draws a pool of distinct sentences and builds entries from those; the
    words keep their Zipf frequencies and each entry is still a different text.
    """

    def __init__(self, seed: int = SEED, pool_size: int = 30_000) -> None:
        self._random = random.Random(seed)
        words = list(dict.fromkeys(_ENGLISH))
        self._words = words
        self._cum = list(accumulate(_weights(len(words))))
        self._chinese_cum = list(accumulate(_weights(len(_CHINESE))))
        self._pool = [self._sentence() for _ in range(pool_size)]
        self._pool_bytes = [len(sentence.encode()) + 1 for sentence in self._pool]
        self._when = _START

    def _sentence(self) -> str:
        rnd = self._random
        words = rnd.choices(self._words, cum_weights=self._cum, k=rnd.randint(6, 18))
        # Rates per sentence; about a third of the entries come out plain ASCII.
        for rate, extra in ((0.025, _ACCENTED), (0.06, _NAMES), (0.01, _CHINESE)):
            if rnd.random() < rate:
                words.insert(rnd.randrange(len(words)), rnd.choice(extra))
        text = " ".join(words)
        return text[0].upper() + text[1:] + rnd.choice(".....!?")

    def _chinese_paragraph(self) -> str:
        rnd = self._random
        clauses = []
        for _ in range(rnd.randint(3, 6)):
            phrase = rnd.choices(_CHINESE, cum_weights=self._chinese_cum, k=rnd.randint(3, 7))
            clauses.append("".join(phrase))
        return "，".join(clauses) + "。"

    def entry(self) -> SyntheticEntry:
        rnd = self._random
        self._when += timedelta(minutes=rnd.randint(60, 60 * 30))
        budget = rnd.randint(1000, 1640)
        paragraphs: list[str] = []
        if rnd.random() < 0.05:
            paragraphs.append(self._chinese_paragraph())
            budget -= len(paragraphs[0].encode())
        picks = rnd.choices(range(len(self._pool)), k=24)
        sentences: list[str] = []
        size = 0
        for index in picks:
            if size >= budget:
                break
            sentences.append(self._pool[index])
            size += self._pool_bytes[index]
            if len(sentences) >= 4 and rnd.random() < 0.25:
                paragraphs.append(" ".join(sentences))
                sentences = []
        if sentences:
            paragraphs.append(" ".join(sentences))
        title = ""
        if rnd.random() < 0.8:
            title = rnd.choice(self._pool).rstrip(".!?").split(" ")[: rnd.randint(2, 5)]
            title = " ".join(title)
        tags = tuple(dict.fromkeys(rnd.choices(TAGS, k=rnd.choice((0, 1, 1, 2, 3)))))
        return SyntheticEntry(self._when, title, "\n\n".join(paragraphs), tags)

    def entries(self, count: int) -> Iterator[SyntheticEntry]:
        for _ in range(count):
            yield self.entry()


def new_entry_text(index: int) -> str:
    """A ~1.4 KB body for the entries the save benchmark writes."""
    generator = Generator(SEED + 1 + index, pool_size=40)
    return generator.entry().body
