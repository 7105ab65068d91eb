"""Language identification: documents, sentences (a Swedish article quoting English), short texts, every language."""

from __future__ import annotations

import pytest
from tests.conftest import require_shared

from wirescope.lang import SUPPORTED_LANGUAGES
from wirescope.model import Document
from wirescope.nlp import language, segment

#: one or two sentences per language, written for these tests
SAMPLES: dict[str, str] = {
    "en": "The city council approved the new budget on Tuesday after a long debate about school funding.",
    "sv": "Kommunfullmäktige godkände på tisdagen den nya budgeten efter en lång debatt om skolornas pengar.",
    "nl": "De gemeenteraad keurde dinsdag de nieuwe begroting goed na een lang debat over het geld voor scholen.",
    "de": "Der Stadtrat hat am Dienstag nach einer langen Debatte über die Finanzierung der Schulen den Haushalt "
          "beschlossen.",
    "fr": "Le conseil municipal a approuvé mardi le nouveau budget après un long débat sur le financement des écoles.",
    "es": "El ayuntamiento aprobó el martes el nuevo presupuesto tras un largo debate sobre la financiación escolar.",
    "it": "Il consiglio comunale ha approvato martedì il nuovo bilancio dopo un lungo dibattito sui fondi per le "
          "scuole.",
    "pt": "A câmara municipal aprovou na terça-feira o novo orçamento depois de um longo debate sobre as escolas.",
    "ru": "Городской совет во вторник утвердил новый бюджет после долгих споров о финансировании школ.",
    "uk": "Міська рада у вівторок затвердила новий бюджет після тривалої дискусії щодо фінансування шкіл.",
    "pl": "Rada miasta zatwierdziła we wtorek nowy budżet po długiej debacie o finansowaniu szkół.",
    "ko": "시의회는 화요일 학교 예산에 대한 긴 토론 끝에 새 예산안을 승인했다.",
    "ja": "市議会は火曜日、学校の予算をめぐる長い議論の末に新しい予算案を承認した。",
    "zh": "市议会周二在就学校经费进行长时间辩论后批准了新的预算。",
    "ar": "وافق مجلس المدينة يوم الثلاثاء على الميزانية الجديدة بعد نقاش طويل حول تمويل المدارس.",
}

SHORT: dict[str, str] = {
    "en": "Prices rose again.",
    "sv": "Priserna steg igen.",
    "nl": "De prijzen stegen weer.",
    "de": "Die Preise stiegen.",
    "fr": "Les prix ont monté.",
    "es": "Los precios subieron.",
    "it": "I prezzi sono saliti.",
    "pt": "Os preços subiram.",
    "ru": "Цены снова выросли.",
    "uk": "Ціни знову зросли.",
    "pl": "Ceny znowu wzrosły.",
    "ko": "물가가 올랐다.",
    "ja": "物価が上がった。",
    "zh": "物价又上涨了。",
    "ar": "ارتفعت الأسعار مجددا.",
}


def test_samples_cover_every_language() -> None:
    assert set(SAMPLES) == set(SUPPORTED_LANGUAGES) == set(SHORT)


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_each_language(lang: str) -> None:
    assert language.detect(SAMPLES[lang]) == lang


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_short_text(lang: str) -> None:
    assert len(SHORT[lang]) < language.SHORT_TEXT
    assert language.detect(SHORT[lang]) == lang


@pytest.mark.parametrize("text", ["", "   ", "12:30", "2023-09-14", "—", "!!", "OK"])
def test_undeterminable_is_none(text: str) -> None:
    assert language.detect(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Kaupunginvaltuusto hyväksyi tiistaina uuden talousarvion pitkän keskustelun jälkeen koulujen rahoituksesta.",
        "Belediye meclisi salı günü okulların finansmanı konusunda uzun bir tartışmanın ardından bütçeyi onayladı.",
        "Městská rada v úterý po dlouhé debatě o financování škol schválila nový rozpočet na příští rok.",
    ],
)
def test_unsupported_language_is_none_not_the_nearest_supported_one(text: str) -> None:
    assert language.detect(text) is None
    assert language.detect(text, prior="sv") is None


def test_swedish_article_quoting_english() -> None:
    text = (
        "Regeringen presenterade i dag sin nya budget för nästa år.\n\n"
        "Finansministern sade att läget är allvarligt men att ekonomin ändå växer.\n\n"
        "En brittisk ekonom kommenterade beskedet i en intervju:\n\n"
        "“This budget is far more cautious than anyone in the markets had expected.”\n\n"
        "Oppositionen kritiserade förslaget och krävde mer pengar till skolan och vården."
    )
    doc = segment.run(language.run(Document(text=text)))
    assert doc.language == "sv"
    labels = [(s.language, doc.sentence_text(s.index)[:10]) for s in doc.sentences]
    assert [lang for lang, _ in labels] == ["sv", "sv", "sv", "en", "sv"], labels
    assert set(doc.languages) == {"sv", "en"}
    assert doc.languages["sv"] > doc.languages["en"] > 0.1
    assert abs(sum(doc.languages.values()) - 1.0) < 1e-3


def test_explicit_language_is_kept_but_sentences_are_labelled() -> None:
    text = "Die Regierung hat heute den Haushalt vorgestellt. The markets reacted calmly to the announcement today."
    doc = segment.run(language.run(Document(text=text, language="nl")))
    assert doc.language == "nl"
    assert [s.language for s in doc.sentences] == ["de", "en"]


def test_short_names_keep_the_document_language() -> None:
    text = "Statsministern träffade Boris Johnson i London på måndagen. Kim Jong Un. Mötet varade i två timmar."
    doc = segment.run(language.run(Document(text=text)))
    assert [s.language for s in doc.sentences] == ["sv", "sv", "sv"]


def test_sentence_without_letters_has_no_language() -> None:
    doc = segment.run(language.run(Document(text="Il mercato è salito oggi del due per cento. 12.30 – 14.45.")))
    assert [s.language for s in doc.sentences] == ["it", None]


def test_run_before_segmentation_labels_the_document() -> None:
    doc = language.run(Document(text=SAMPLES["pl"]))
    assert doc.language == "pl" and doc.languages == {"pl": 1.0} and doc.sentences == []


def test_seeds() -> None:
    seeds = require_shared("seeds")
    for path in sorted(seeds.glob("*.txt")):
        expected = path.name[:2]
        doc = segment.run(language.run(Document(text=path.read_text(encoding="utf-8"))))
        assert doc.language == expected
        assert doc.languages[expected] > 0.8
        labelled = [s.language for s in doc.sentences]
        assert labelled.count(expected) / len(labelled) > 0.85
    swedish = segment.run(language.run(Document(text=(seeds / "sv-putin-kim-2023.txt").read_text(encoding="utf-8"))))
    assert "en" in swedish.languages  # the seed quotes an English paragraph


def test_restricted_identifier_shares_the_full_model_and_classifies_as_a_separately_loaded_one() -> None:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full, restricted = language._langid(False), language.supported_identifier()
    assert restricted._full_model[0] is full.nb_ptc  # one copy of the model's largest array per process
    # one object per kind however it is asked for (a bounded cache keyed on the call's spelling reloaded it)
    assert restricted is language._langid(True) is language._langid() is language._langid(restricted=True)
    assert full is language._langid(restricted=False)
    separate = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    separate.set_languages(list(SUPPORTED_LANGUAGES))
    for text in SAMPLES.values():
        assert restricted.classify(text) == separate.classify(text)
    assert set(restricted.nb_classes) <= set(SUPPORTED_LANGUAGES)
