"""Language guesses between sister languages: Danish and Norwegian (whose function-word
lists were mostly the same words, so neither was ever guessed), and Russian against
Bulgarian (one Russian "объявил" made a short text Bulgarian)."""

from __future__ import annotations

import pytest

from summarizer.languages import guess_language

DANISH = ("Regeringen har besluttet at hæve skatten på benzin fra næste år. Ministeren sagde, at "
          "det var nødvendigt for at nå klimamålene. Oppositionen kritiserede forslaget og sagde, "
          "at det vil ramme familier uden for byerne hårdt. Der blev holdt et møde i Folketinget "
          "i går, og nogle partier havde krævet en ny afstemning. Hvad der sker nu, er uklart, "
          "siger eksperter.")
NORWEGIAN = ("Regjeringen har besluttet å heve avgiften på bensin fra neste år. Ministeren sa at "
             "det var nødvendig for å nå klimamålene. Opposisjonen kritiserte forslaget og sa at "
             "det vil ramme familier utenfor byene hardt. Det ble holdt et møte i Stortinget i "
             "går, og noen partier hadde krevd en ny avstemning. Hva som skjer etter dette, er "
             "uklart, sier eksperter.")
SWEDISH = ("Regeringen har beslutat att höja skatten på bensin från nästa år. Ministern sade att "
           "det var nödvändigt för att nå klimatmålen. Oppositionen kritiserade förslaget och "
           "sade att det kommer att drabba familjer utanför städerna hårt. Det hölls ett möte i "
           "riksdagen i går, och några partier hade krävt en ny omröstning. Vad som händer nu "
           "är oklart, säger experter.")


@pytest.mark.parametrize("text, language", [(DANISH, "danish"), (NORWEGIAN, "norwegian"),
                                            (SWEDISH, "swedish")])
def test_scandinavian_news_is_guessed(text, language):
    assert guess_language(text) == language
    assert guess_language(text * 5) == language


@pytest.mark.parametrize("text, language", [
    ("Президент объявил о начале переговоров с соседними странами. Встреча пройдёт в Москве "
     "на следующей неделе.", "russian"),
    ("Съезд партии начался в понедельник в Москве.", "russian"),
    ("Президентът на България обяви във вторник, че правителството ще подаде оставка.",
     "bulgarian"),
    ("Той каза, че пътят към решението е дълъг.", "bulgarian"),
])
def test_russian_writes_its_hard_sign_only_before_a_vowel(text, language):
    assert guess_language(text) == language


@pytest.mark.parametrize("tag, language", [
    ("pt-BR", "portuguese"), ("zh-Hant-TW", "chinese"), ("en_US.UTF-8", "english"),
    ("sr-Latn", "serbian"), ("de-DE@euro", "german"), ("es-419", "spanish"), ("EN", "english"),
])
def test_language_tags_are_read(tag, language):
    from summarizer.languages import normalize_language

    assert normalize_language(tag) == language


@pytest.mark.parametrize("tag", ["no-such-language", "en-gibberish", "de-xyzzy-1"])
def test_a_name_that_only_starts_like_a_code_is_refused(tag):
    # cut at its first hyphen, "no-such-language" was Norwegian
    from summarizer.errors import UnknownLanguageError
    from summarizer.languages import normalize_language

    with pytest.raises(UnknownLanguageError):
        normalize_language(tag)
