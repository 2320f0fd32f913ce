"""Which Arabic analysis should Marsad use? Measures the candidate stemmers on two judged sets and prints figures.

1. Conflation (Paice 1994): groups of word forms that a searcher expects to match each other, written for
   Marsad from the domain's vocabulary (clitics, plurals, feminine and adjectival endings, hamza spellings,
   broken plurals which no light stemmer can join, and a few pairs that must stay apart: بيان/بيانات,
   عمل/عملة, لبن/لبنان, بحر/البحرين). UI = share of same-group pairs left apart (understemming),
   OI = share of different-group pairs wrongly merged (overstemming).
2. Retrieval: the Arabic labels and descriptions of the vocabularies (WSIS action lines, SDGs, technologies,
   stakeholder types, 55 documents) searched with 40 Arabic queries whose words differ in form from the
   documents' (للتعليم / التعليم, الشبكة / الشبكات ...), relevant documents judged by hand. Ranking is FTS5's
   BM25 with the query words OR-ed; prints recall@10, MRR@10 and MAP@10.

Run: .venv/bin/python bench/analyzer_choice.py
"""

from __future__ import annotations

import itertools
import sqlite3
import statistics
from pathlib import Path

import yaml

from marsad.search.analyzer import Analyzer

VOCAB = Path(__file__).resolve().parents[1] / "src" / "marsad" / "vocab" / "data"

GROUPS = [
    "الذكاء للذكاء بالذكاء وبالذكاء ذكاء والذكاء",
    "الحكومة حكومة للحكومة الحكومات حكومات بالحكومة والحكومات",
    "المعلومات معلومات للمعلومات والمعلومات بالمعلومات معلوماتها",
    "التعليم تعليم للتعليم بالتعليم والتعليم التعليمية",
    "الصحة صحة للصحة بالصحة والصحة",
    "المدرسة مدرسة المدارس مدارس",
    "الشبكة شبكة الشبكات شبكات للشبكات بالشبكة",
    "المبادرة مبادرة المبادرات مبادرات للمبادرات ومبادرات",
    "المنصة منصة المنصات منصات للمنصة بالمنصات",
    "المستخدم المستخدمين المستخدمون مستخدمين للمستخدمين",
    "المعلم المعلمين المعلمون للمعلمين والمعلمين معلمون",
    "الرقمي الرقمية رقمي رقمية والرقمية",
    "الإلكترونية الالكترونية إلكتروني الإلكتروني والإلكترونية",
    "الاقتصاد اقتصاد للاقتصاد والاقتصاد الاقتصادي الاقتصادية اقتصادية",
    "التنمية تنمية للتنمية والتنمية",
    "البيانات بيانات للبيانات وبيانات بالبيانات",
    "الخدمة خدمة الخدمات خدمات للخدمات والخدمات خدماتها",
    "الدولة دولة للدولة والدولة دولتين",
    "المواطن المواطنين المواطنون للمواطنين مواطنين",
    "الأمن أمن للأمن والأمن بالأمن",
    "السيبراني السيبرانية سيبراني سيبرانية",
    "المهارات مهارات للمهارات مهارة",
    "الاستراتيجية استراتيجية الإستراتيجية الاستراتيجيات استراتيجيات للاستراتيجية",
    "التكنولوجيا تكنولوجيا للتكنولوجيا بالتكنولوجيا",
    "المشروع مشروع للمشروع مشروعها والمشروع",
    "الشركة شركة الشركات شركات للشركات والشركات",
    "الجامعة جامعة الجامعات جامعات للجامعات",
    "المؤسسة مؤسسة المؤسسات مؤسسات للمؤسسات ومؤسسات موسسة",
    "المسؤولية مسؤولية المسئولية مسئولية",
    "البيئة بيئة للبيئة البيئية",
    "الهيئة هيئة الهيئات هيئات للهيئة",
    "القرار قرار القرارات قرارات للقرار",
    "التجارة تجارة للتجارة والتجارة التجارية",
    "الزراعة زراعة للزراعة الزراعية",
    "المدينة مدينة للمدينة المدن",
    "الطاقة طاقة للطاقة بالطاقة والطاقة",
    "الاتصالات اتصالات للاتصالات والاتصالات الاتصال اتصال",
    "الابتكار ابتكار للابتكار والابتكار الابتكارات ابتكارات",
    "البيان بيان للبيان",
    "العمل عمل للعمل والعمل",
    "العملة عملة العملات عملات",
    "لبنان ولبنان",
    "اللبن لبن",
    "البحرين والبحرين",
    "البحر بحر للبحر",
    "فلسطين وفلسطين لفلسطين",
]

# (query, relevant document codes), judged on the documents' text.
QUERIES = [
    ("الصحة الإلكترونية والرعاية الصحية", {"C7.4", "SDG3"}),
    ("بالتعليم الجيد", {"SDG4", "C7.3"}),
    ("تعليم إلكتروني للطلاب", {"C7.3", "SDG4"}),
    ("المهارات الرقمية وبناء قدرات المعلمين", {"C4"}),
    ("للذكاء الاصطناعي", {"ai", "ai-generative"}),
    ("حماية خصوصية البيانات الشخصية", {"C5", "C10"}),
    ("بالأمن السيبراني والجريمة الإلكترونية", {"C5", "cybersecurity"}),
    ("الزراعات المستدامة والريف", {"SDG2", "C7.7"}),
    ("المياه والصرف الصحي", {"SDG6"}),
    ("الطاقات الحديثة", {"SDG7", "smart-cities"}),
    ("تغيرات المناخ", {"SDG13", "C7.6"}),
    ("البحوث العلمية والمنشورات", {"C7.8"}),
    ("رقمنة التراث الثقافي ولغات متعددة", {"C8"}),
    ("حرية التعبير والإعلام", {"C9"}),
    ("التعاون الإقليمي والدولي", {"C11"}),
    ("شبكة الجيل الخامس", {"5g"}),
    ("النطاق العريض للمدارس", {"C2"}),
    ("المدينة الذكية", {"smart-cities"}),
    ("الطائرة دون طيار", {"drones"}),
    ("البيئة الافتراضية", {"ar-vr"}),
    ("التوأم الرقمي", {"digital-twins"}),
    ("الحوسبة السحابية والتخزين", {"cloud"}),
    ("الحوسبة الكمومية", {"quantum", "cloud"}),
    ("آلة ذاتية", {"ai-robotics"}),
    ("اللهجة العربية والترجمة", {"ai-arabic-nlp"}),
    ("المساواة بين الجنسين وتمكين المرأة", {"SDG5"}),
    ("المنشأة الصغيرة والتجارة الإلكترونية", {"C7.2"}),
    ("العمل عن بعد والوظيفة", {"C7.5", "SDG8"}),
    ("الفقر", {"SDG1"}),
    ("الغابة والتصحر", {"SDG15"}),
    ("المحيط والبحر", {"SDG14"}),
    ("العدالة والمؤسسة الفعالة", {"SDG16"}),
    ("شركة تجارية", {"private-sector"}),
    ("جامعة ومركز بحث", {"academia"}),
    ("منظمة غير حكومية وجمعية", {"civil-society"}),
    ("الهويات الرقمية والمعاملة", {"blockchain"}),
    ("جهاز استشعار متصل", {"iot", "quantum"}),
    ("البيانات الكبيرة وتحليلها", {"big-data"}),
    ("بيانات القطاع العام المفتوحة", {"C3"}),
    ("القوانين والاستثمار والمنافسة", {"C6"}),
]

CONFIGS = {
    "raw text (unicode61 only)": None,
    "normalisation only": Analyzer(arabic_stemmer="none"),
    "snowball arabic": Analyzer(arabic_stemmer="snowball"),
    "light10 (Larkey)": Analyzer(arabic_stemmer="light10"),
    "light10 + hamza seats": Analyzer(arabic_stemmer="light10", hamza_seats=True),
    "light10-stacked": Analyzer(arabic_stemmer="light10-stacked"),
    "light10-stacked + hamza seats": Analyzer(arabic_stemmer="light10-stacked", hamza_seats=True),
}


def documents() -> list[tuple[str, str]]:
    docs = []
    for name in ("action_lines", "sdgs", "technologies", "stakeholder_types"):
        for item in yaml.safe_load((VOCAB / f"{name}.yaml").read_text("utf-8"))["items"]:
            docs.append(
                (item["code"], item["label"]["ar"] + " " + (item.get("description") or {}).get("ar", ""))
            )
    return docs


def conflation(analyzer: Analyzer | None) -> tuple[float, float]:
    stem = (lambda w: w) if analyzer is None else (lambda w: tuple(analyzer.tokens(w)))
    groups = [[stem(w) for w in g.split()] for g in GROUPS]
    within = [a == b for g in groups for a, b in itertools.combinations(g, 2)]
    between = [a == b for g, h in itertools.combinations(groups, 2) for a in g for b in h]
    return 1 - sum(within) / len(within), sum(between) / len(between)


def retrieval(analyzer: Analyzer | None) -> tuple[float, float, float]:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE doc USING fts5(code UNINDEXED, body, tokenize='unicode61 remove_diacritics 2')"
    )
    for code, text in documents():
        conn.execute(
            "INSERT INTO doc VALUES (?, ?)", [code, text if analyzer is None else analyzer.index_text(text)]
        )
    recalls, ranks, aps = [], [], []
    for text, relevant in QUERIES:
        words = text.split() if analyzer is None else analyzer.tokens(text)
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        hits = [
            c
            for (c,) in conn.execute(
                "SELECT code FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT 10", [match]
            )
        ]
        found = [i for i, code in enumerate(hits, 1) if code in relevant]
        recalls.append(len(found) / len(relevant))
        ranks.append(1 / found[0] if found else 0.0)
        aps.append(sum((n + 1) / rank for n, rank in enumerate(found)) / len(relevant))
    return statistics.mean(recalls), statistics.mean(ranks), statistics.mean(aps)


def main() -> None:
    docs = documents()
    pairs = sum(len(g.split()) * (len(g.split()) - 1) // 2 for g in GROUPS)
    print(
        f"conflation set: {len(GROUPS)} groups, {sum(len(g.split()) for g in GROUPS)} forms, {pairs} same-group pairs"
    )
    print(f"retrieval set: {len(docs)} documents, {len(QUERIES)} queries")
    print(f"{'configuration':32} {'UI':>6} {'OI':>7} {'R@10':>6} {'MRR@10':>7} {'MAP@10':>7}")
    for name, analyzer in CONFIGS.items():
        ui, oi = conflation(analyzer)
        recall, mrr, map10 = retrieval(analyzer)
        print(f"{name:32} {ui:6.3f} {oi:7.4f} {recall:6.3f} {mrr:7.3f} {map10:7.3f}")


if __name__ == "__main__":
    main()
