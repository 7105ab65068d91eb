"""Sentence segmentation: tricky cases per language, and the offsets property on the seeds and on random text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from tests.conftest import require_shared

from wirescope.lang import SUPPORTED_LANGUAGES, load_lexicon
from wirescope.model import Document
from wirescope.nlp import segment as segment_stage
from wirescope.nlp.segment import segment


def sentences(text: str, lang: str | None) -> list[str]:
    return [text[s:e] for s, e in segment(text, lang)]


CASES: list[tuple[str, str, list[str]]] = [
    # English: titles, initials, decimals, a.m./p.m., quotes over two sentences, ellipsis
    ("en", "Mr. Hale met Dr. Osei at 9.30 a.m. on Tuesday. They talked for an hour.",
     ["Mr. Hale met Dr. Osei at 9.30 a.m. on Tuesday.", "They talked for an hour."]),
    ("en", "J. R. R. Tolkien taught at Oxford. He wrote in the evenings.",
     ["J. R. R. Tolkien taught at Oxford.", "He wrote in the evenings."]),
    ("en", "The study by Maria P. Olsen is cited on p. 12. It was published in 2019.",
     ["The study by Maria P. Olsen is cited on p. 12.", "It was published in 2019."]),
    ("en", '"We will not move. We stay here," the mayor said. Growth was 3.5 percent.',
     ['"We will not move.', 'We stay here," the mayor said.', "Growth was 3.5 percent."]),
    ("en", "Gen. Adams spoke in St. Louis on Monday. Mrs. Adams did not.",
     ["Gen. Adams spoke in St. Louis on Monday.", "Mrs. Adams did not."]),
    ("en", "She hesitated... Then she signed. See No. 4 for details.",
     ["She hesitated...", "Then she signed.", "See No. 4 for details."]),
    ("en", 'He asked: "Who pays?" Nobody answered. The U.S. Senate voted later.',
     ['He asked: "Who pays?"', "Nobody answered.", "The U.S. Senate voted later."]),
    ("en", "Sanctions were imposed by the U.S. The move angered Moscow. J. A. Smith agreed. Plan B. It failed.",
     ["Sanctions were imposed by the U.S.", "The move angered Moscow.", "J. A. Smith agreed.", "Plan B.",
      "It failed."]),
    # Swedish: bl.a., t.ex., dialogue dash, quotes with ” ”
    ("sv", "Ministern besökte bl.a. Malmö och t.ex. Lund. Sedan åkte hon hem.",
     ["Ministern besökte bl.a. Malmö och t.ex. Lund.", "Sedan åkte hon hem."]),
    ("sv", "– Vi är nöjda. Det här är bra, säger hon. Räntan är 3,5 procent.",
     ["– Vi är nöjda.", "Det här är bra, säger hon.", "Räntan är 3,5 procent."]),
    ("sv", "Han sade: ”Vi kommer att stanna. Ingen ska flytta.” Mötet avslutades kl. 14.",
     ["Han sade: ”Vi kommer att stanna.", "Ingen ska flytta.”", "Mötet avslutades kl. 14."]),
    # Dutch: d.w.z., dhr., initials V. Poetin
    ("nl", "V. Poetin sprak met dhr. Jansen. Dat was kort.", ["V. Poetin sprak met dhr. Jansen.", "Dat was kort."]),
    ("nl", "De minister, d.w.z. de baas, zei o.a. dat het goed ging. Niemand geloofde het.",
     ["De minister, d.w.z. de baas, zei o.a. dat het goed ging.", "Niemand geloofde het."]),
    ("nl", "Het kost 2,5 miljoen euro. Bijv. de brug. Klaar.",
     ["Het kost 2,5 miljoen euro.", "Bijv. de brug.", "Klaar."]),
    # German: ordinal dates, z.B., u.a., „…“ quotes
    ("de", "Am 24. Februar 2022 begann der Angriff. Das war ein Donnerstag.",
     ["Am 24. Februar 2022 begann der Angriff.", "Das war ein Donnerstag."]),
    ("de", "Er nannte z.B. Berlin und u.a. Hamburg. Die 3. Liga spielt heute.",
     ["Er nannte z.B. Berlin und u.a. Hamburg.", "Die 3. Liga spielt heute."]),
    ("de", "„Wir bleiben. Wir kämpfen.“ Das sagte Dr. Weber im Jahr 2019. Dann ging er.",
     ["„Wir bleiben.", "Wir kämpfen.“", "Das sagte Dr. Weber im Jahr 2019.", "Dann ging er."]),
    # French: M., guillemets with spaces, decimals with comma
    ("fr", "M. Dupont a déclaré : « Nous viendrons. Nous resterons. » Puis il est parti.",
     ["M. Dupont a déclaré : « Nous viendrons.", "Nous resterons. »", "Puis il est parti."]),
    ("fr", "Le taux est de 3,5 %. Mme. Martin n'est pas d'accord.",
     ["Le taux est de 3,5 %.", "Mme. Martin n'est pas d'accord."]),
    ("fr", "Il est venu, etc. Ensuite ? Rien.", ["Il est venu, etc.", "Ensuite ?", "Rien."]),
    ("fr", "J.-M. Durand a parlé aux É.-U. Il est parti.", ["J.-M. Durand a parlé aux É.-U.", "Il est parti."]),
    # Spanish: ¿? ¡!, Sr., EE.UU.
    ("es", "¿Vendrá el Sr. García? ¡Claro que sí! Lo dijo ayer.",
     ["¿Vendrá el Sr. García?", "¡Claro que sí!", "Lo dijo ayer."]),
    ("es", "La Dra. López viajó a EE.UU. en mayo. Volvió en junio.",
     ["La Dra. López viajó a EE.UU. en mayo.", "Volvió en junio."]),
    ("es", "El PIB creció un 2.1 por ciento. Fue menos de lo esperado.",
     ["El PIB creció un 2.1 por ciento.", "Fue menos de lo esperado."]),
    # Italian
    ("it", "Il dott. Rossi è arrivato. Ha parlato con il sig. Bianchi.",
     ["Il dott. Rossi è arrivato.", "Ha parlato con il sig. Bianchi."]),
    ("it", "«Non partiremo. Resteremo qui.» Così ha detto. Il tasso è al 4,2%.",
     ["«Non partiremo.", "Resteremo qui.»", "Così ha detto.", "Il tasso è al 4,2%."]),
    ("it", "Ha visitato Roma, Milano ecc. Poi è tornato.", ["Ha visitato Roma, Milano ecc.", "Poi è tornato."]),
    # Portuguese
    ("pt", "O Sr. Silva chegou às 10h. A Dra. Costa também.", ["O Sr. Silva chegou às 10h.", "A Dra. Costa também."]),
    ("pt", "Ele disse: “Vamos ficar. Não saímos.” Depois saiu.",
     ["Ele disse: “Vamos ficar.", "Não saímos.”", "Depois saiu."]),
    ("pt", "A inflação foi de 4,5%. O governo, p.ex. o ministro, reagiu.",
     ["A inflação foi de 4,5%.", "O governo, p.ex. o ministro, reagiu."]),
    # Russian: initials, т.е., «…»
    ("ru", "В. В. Путин прибыл в Пекин. Переговоры начались утром.",
     ["В. В. Путин прибыл в Пекин.", "Переговоры начались утром."]),
    ("ru", "Он сказал, т.е. намекнул, что всё решено. Курс вырос до 92,5 руб. за доллар.",
     ["Он сказал, т.е. намекнул, что всё решено.", "Курс вырос до 92,5 руб. за доллар."]),
    ("ru", "«Мы не уйдём. Мы останемся», — заявил он. Зал молчал.",
     ["«Мы не уйдём.", "Мы останемся», — заявил он.", "Зал молчал."]),
    # Ukrainian
    ("uk", "В. Зеленський виступив у Києві. Він говорив довго.",
     ["В. Зеленський виступив у Києві.", "Він говорив довго."]),
    ("uk", "Ціни зросли на 3,2 %, зокр. на хліб. Уряд реагує.",
     ["Ціни зросли на 3,2 %, зокр. на хліб.", "Уряд реагує."]),
    ("uk", "«Ми тут. Ми стоїмо», — сказав він. Усі погодились.",
     ["«Ми тут.", "Ми стоїмо», — сказав він.", "Усі погодились."]),
    # Polish
    ("pl", "Prof. Nowak przyjechał m.in. do Krakowa. Spotkanie trwało godzinę.",
     ["Prof. Nowak przyjechał m.in. do Krakowa.", "Spotkanie trwało godzinę."]),
    ("pl", "Inflacja wyniosła 3,7 proc. w maju. Rząd, tzn. premier, milczy.",
     ["Inflacja wyniosła 3,7 proc. w maju.", "Rząd, tzn. premier, milczy."]),
    ("pl", "„Zostajemy. Nie odejdziemy” – powiedział. Sala milczała.",
     ["„Zostajemy.", "Nie odejdziemy” – powiedział.", "Sala milczała."]),
    # Korean: no case after the period
    ("ko", "대통령이 오늘 서울에 도착했다. 회담은 내일 열린다. 경제 성장률은 2.5%였다.",
     ["대통령이 오늘 서울에 도착했다.", "회담은 내일 열린다.", "경제 성장률은 2.5%였다."]),
    ("ko", "정말 그럴까? 아무도 모른다! 그러나 기다린다.", ["정말 그럴까?", "아무도 모른다!", "그러나 기다린다."]),
    ("ko", "그는 \"우리는 떠나지 않는다.\" 라고 말했다. 회의가 끝났다.",
     ["그는 \"우리는 떠나지 않는다.\" 라고 말했다.", "회의가 끝났다."]),
    # Japanese: full stops without spaces, a quote closed inside the sentence
    ("ja", "首相は東京に戻った。会談は明日行われる。", ["首相は東京に戻った。", "会談は明日行われる。"]),
    ("ja", "彼は「反対です。」と述べた。本当か？", ["彼は「反対です。」と述べた。", "本当か？"]),
    ("ja", "成長率は2.5%だった！驚きだ。", ["成長率は2.5%だった！", "驚きだ。"]),
    ("ja", "彼は「撤退しない。交渉も続ける。」と語った。会見は短かった。",
     ["彼は「撤退しない。交渉も続ける。」と語った。", "会見は短かった。"]),
    # Chinese
    ("zh", "总统今天抵达北京。会谈将于明天举行。", ["总统今天抵达北京。", "会谈将于明天举行。"]),
    ("zh", "他说：“我们不会离开。”然后他走了。真的吗？", ["他说：“我们不会离开。”然后他走了。", "真的吗？"]),
    ("zh", "增长率为3.5%！这是好消息。", ["增长率为3.5%！", "这是好消息。"]),
    # Arabic: ؟ and ۔ and no case
    ("ar", "وصل الرئيس إلى القاهرة. بدأت المحادثات صباحا.", ["وصل الرئيس إلى القاهرة.", "بدأت المحادثات صباحا."]),
    ("ar", "هل ستنجح المفاوضات؟ لا أحد يعرف.", ["هل ستنجح المفاوضات؟", "لا أحد يعرف."]),
    ("ar", "انتهى الاجتماع۔ غادر الوفد.", ["انتهى الاجتماع۔", "غادر الوفد."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_cases(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_every_language_has_at_least_three_cases() -> None:
    counts = {lang: sum(1 for c in CASES if c[0] == lang) for lang in SUPPORTED_LANGUAGES}
    assert min(counts.values()) >= 3, counts


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_every_language_ships_segmentation_data(lang: str) -> None:
    data = load_lexicon(lang, "segment")
    assert data.get("abbreviations"), lang
    assert all(str(a).endswith(".") for a in data["abbreviations"] + data.get("may_end", []))


def test_paragraphs_and_headlines() -> None:
    text = "Storm closes harbour\n\nBy Kim Lee\n\nThe harbour closed on Monday. Ships waited outside\n\nMore later"
    assert sentences(text, "en") == [
        "Storm closes harbour", "By Kim Lee", "The harbour closed on Monday.", "Ships waited outside", "More later"]


def test_headline_on_its_own_line_but_wrapped_text_joins() -> None:
    text = ("Harbour closes after storm\nThe harbour closed on Monday after a storm damaged the pier and the\n"
            "cranes, the port authority said in a statement on Tuesday morning.")
    assert sentences(text, "en") == [
        "Harbour closes after storm",
        "The harbour closed on Monday after a storm damaged the pier and the\n"
        "cranes, the port authority said in a statement on Tuesday morning.",
    ]


def test_list_items_are_separate() -> None:
    text = "Key points:\n- Rates rise\n- Prices fall"
    assert sentences(text, "en") == ["Key points:", "- Rates rise", "- Prices fall"]
    text = "Agenda:\n1. Budget for schools\n2. New bridge. It opens in May."
    assert sentences(text, "en") == ["Agenda:", "1. Budget for schools", "2. New bridge.", "It opens in May."]


def test_unknown_language_uses_all_abbreviations() -> None:
    assert sentences("Er sagte z.B. nichts. Dann ging er.", None) == ["Er sagte z.B. nichts.", "Dann ging er."]


def test_run_sets_sentences_with_indices() -> None:
    doc = Document(text="Erster Satz. Zweiter Satz.\n\nDritter Satz.", language="de")
    segment_stage.run(doc)
    assert [(s.index, doc.sentence_text(s.index)) for s in doc.sentences] == [
        (0, "Erster Satz."), (1, "Zweiter Satz."), (2, "Dritter Satz.")]
    assert all(s.language == "de" for s in doc.sentences)


def assert_offsets_round_trip(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are ordered, disjoint, stripped, and together cover every non-space character exactly once."""
    previous_end = 0
    covered: list[str] = []
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert text[previous_end:start].strip() == ""
        covered.append(piece)
        previous_end = end
    assert text[previous_end:].strip() == ""
    assert "".join("".join(covered).split()) == "".join(text.split())


def test_offsets_round_trip_on_seeds() -> None:
    seeds = sorted(require_shared("seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        spans = segment(text, path.name[:2])
        assert len(spans) > 20
        assert_offsets_round_trip(text, spans)


ALPHABET = list("abcXYZ åäöéßжЯ漢字かなعر 0123456789 .,!?…:;\"'”»«„“()-–\n\n\t ") + [
    "Mr.", "z.B.", " J. ", "3.5", "。", "？", "؟", "\u00a0", "...", "\r\n", "「", "」", "1. "]


@pytest.mark.parametrize("seed", range(40))
def test_offsets_round_trip_on_random_text(seed: int) -> None:
    rng = random.Random(seed)
    text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 400)))
    for lang in (None, "en", "de", "ja"):
        assert_offsets_round_trip(text, segment(text, lang))


def test_demo_style_text_is_fast(tmp_path: Path) -> None:
    """A long document segments without pathological backtracking (correctness check on a large input)."""
    text = ("Der Minister sagte am 3. Mai, dass z.B. die Preise stiegen. " * 2000) + "Ende"
    spans = segment(text, "de")
    assert len(spans) == 2001
