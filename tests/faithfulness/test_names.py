"""Which forms of a source name back a name in a generated sentence."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from summarizer.faithfulness import check
from summarizer.faithfulness.names import find_names, variant


def names(output: str, source: str, language: str = "en") -> list[tuple[str, bool]]:
    report = check(output, [source], embeddings=False, language=language)
    return [(i.text, i.supported) for s in report.sentences for i in s.items if i.kind == "name"]


@pytest.mark.parametrize("source, output", [
    ("China", "Chinese"), ("Greece", "Greek"), ("Israel", "Israeli"), ("Canada", "Canadian"),
    ("Afghanistan", "Afghan"), ("Brazil", "Brazilian"), ("Italy", "Italian"),
    ("Palestine", "Palestinians"), ("Iran", "Iranian"), ("Kazakhstan", "Kazakh"),
    ("Thailand", "Thai"), ("Obama", "Obamas"), ("Commissioner", "Commission"),
    # and the other way round
    ("Chinese", "China"), ("Greek", "Greece"), ("Israeli", "Israel"), ("Canadian", "Canada"),
    ("Afghan", "Afghanistan"), ("Brazilian", "Brazil"),
    # passed before the English suffix rule (e63618a), which relates neither: the country
    # adds to its people what no suffix of a people adds (German-y, Serb-ia), an alias
    ("Germany", "German"), ("Germany", "Germans"), ("German", "Germany"),
    ("Serbia", "Serbs"), ("Croats", "Croatia"), ("Slovakia", "Slovak"), ("Somalia", "Somalis"),
    ("Kurdistan", "Kurds"), ("Kurdistan", "Kurdish"), ("Congo", "Congolese"),
    ("Panama", "Panamanian"), ("Texas", "Texans"), ("Argentina", "Argentine"),
    ("Kosovo", "Kosovar"), ("Peru", "Peruvian"),
])
def test_a_people_or_adjective_backs_its_country_and_back(source, output):
    assert names(f"{output} officials met in the capital.",
                 f"The talks with {source} officials went on in the capital.") == [(output, True)]


@pytest.mark.parametrize("source, output", [
    # both passed as variants (all but one letter of the shorter shared): the shorter
    # ends in a consonant, no vowel or -s that a suffix replaces ("Chin-a", "Chin-ese")
    ("Laurentino Cortizo", "Laurel Cortizo"),
    ("Laurence Cortizo", "Laurel Cortizo"),
    # one the start of the other, but what the longer adds is no English suffix
    ("Laurentino Cortizo", "Lauren Cortizo"),
    ("Martina Navratilova", "Martin Navratilova"),
])
def test_a_name_sharing_a_stem_with_another_ending_is_another_name(source, output):
    found = names(f"{output} spoke in Panama City.", f"President {source} spoke in Panama City.")
    assert found == [(output, False), ("Panama City", True)]


@pytest.mark.parametrize("a, b, language", [
    # inflection in other languages (accents folded): Czech "Martina" is also Martin's
    # genitive, which English does not write
    ("obama", "obamy", "czech"), ("britanie", "britu", "czech"), ("martin", "martina", "czech"),
    ("pekingske", "peking", "czech"), ("κολομβιανοσ", "κολομβιασ", "greek"),
    ("москва", "москве", "russian"),
])
def test_case_endings_of_other_languages_are_variants(a, b, language):
    assert variant(a, b, language) and variant(b, a, language)
    assert not variant(a, b, "english")  # English adds none of these to a name


_LETTERS = st.sampled_from("abcdefghijklmnopqrstuvwxyzéüöçşğıńřžčßñ"
                           "αβγδεζηθικλμνξοπρστυφχψωабвгдежзиклмнопрстуфхцчшщыэюя")
_WORD = st.builds(lambda first, rest: first.upper() + rest, _LETTERS,
                  st.text(_LETTERS, min_size=1, max_size=10))


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=3), st.sampled_from(["'s", "", "-Smith"]))
def test_a_name_as_the_sources_write_it_is_backed(words, ending):
    name = " ".join(words) + ending
    source = f"Reporters said that {name} arrived in the city on foot."
    output = f"The crowd cheered when {name} arrived in the city."
    assume(find_names(output))  # "Da" alone is a connecting word ("da Silva"), no name
    assert all(ok for _, ok in names(output, source)), (output, names(output, source))


@pytest.mark.parametrize("code", ["en", "EN", "en-US"])
def test_a_cluster_named_by_its_code_is_read_in_its_language(code):
    # a hand-made Cluster keeps the code it is given: the index reads it as the language,
    # so "en" gets English stems and English's name rule, not a language without either
    from summarizer.documents.model import Cluster, Document
    from summarizer.faithfulness.checker import SourceIndex

    source = "Martin Cortizo visited the schools."
    by_name, by_code = (SourceIndex(Cluster([Document(source, language=lang)], language=lang))
                        for lang in ("english", code))
    assert by_code.language == "english" and by_code.stems == by_name.stems
    report = check("Martina Cortizo visited a school.", by_code, embeddings=False)
    assert [(i.text, i.supported) for s in report.sentences for i in s.items] == [
        ("Martina Cortizo", False)]


_FORMS = st.text(st.sampled_from("aeinrsty"), min_size=4, max_size=9)


@settings(max_examples=300, deadline=None)
@given(_FORMS, _FORMS, st.sampled_from(["english", "czech"]))
def test_variant_is_symmetric(a, b, language):
    # two words of one length were compared one way only: "Texan" was no form of
    # "Texas", "Texas" one of "Texan"
    assert variant(a, b, language) == variant(b, a, language)
    assert variant("texas", "texan", language) and variant("texan", "texas", language)


@pytest.mark.parametrize("source, output", [
    ("Christian", "Christianity"), ("Christianity", "Christian"), ("Christians", "Christianity"),
    ("Hindu", "Hinduism"), ("Hinduism", "Hindu"), ("Nazi", "Nazism"), ("Nazism", "Nazi"),
    ("Marx", "Marxist"), ("Marxists", "Marx"), ("Buddhist", "Buddhism"), ("Buddha", "Buddhism"),
    ("Marxism", "Marxists")])
def test_a_belief_and_its_followers_are_forms_of_one_name(source, output):
    # -ism, -ist and -ity made no English name variant: "Hinduism" was unbacked by "Hindu"
    assert names(f"The rise of {output} worried them.",
                 f"Reporters said the {source} leaders met.") == [(output, True)]


@pytest.mark.parametrize("source, output", [
    ("tourists", "Tour"), ("tourist", "Tour"), ("realists", "Real"), ("reality", "Real")])
def test_a_common_word_with_such_a_suffix_backs_no_name(source, output):
    # the same suffixes on a word the sources write in lower case: "Tour" is no form of
    # "tourists" (an earlier try at -ist related them)
    assert names(f"He praised the {output} organisers.",
                 f"The {source} praised the organisers.") == [(output, False)]


@pytest.mark.parametrize("source, output, backed", [
    # another given name before the surname the sources write: "Julian" passed as a
    # form of "Julia" (English adds -n to names: Asia, Asian), "Martina" of "Martin"
    # in languages that inflect names
    ("Julia Gillard", "Julian Gillard", False), ("Julian Assange", "Julia Assange", False),
    ("Julia Gillard", "Julia Gillard", True),
    # alone, where the sources write the name only before a surname
    ("Julia Gillard", "Julian", False), ("Anna Politkovskaya", "Annan", False),
    # a surname or place varies as before
    ("Barack Obama", "Obama's", True), ("Barack Obama", "Obamas", True),
    ("Russia's president Vladimir Putin", "Russian President Vladimir Putin", True),
    ("China's Xinhua", "Chinese Xinhua", True), ("China and the Commission", "Chinese Commission",
                                                 True)])
def test_a_given_name_is_backed_by_no_other_given_name(source, output, backed):
    found = names(f"On Monday {output} arrived in Panama City.",
                  f"On Monday {source} arrived in Panama City.")
    assert found == [(output, backed), ("Panama City", True)]


@pytest.mark.parametrize("output", ["Martina Cortizo", "Martin Cortizo", "Martina Cortiza",
                                    "Francouzskou Polynésii"])
def test_a_given_name_may_take_a_case_ending_in_czech(output):
    # Czech inflects given names, and a surname or noun need not change with them
    # ("Francouzskou Polynésii", "Francouzské Polynésii": one form of Polynésie in both)
    found = names(f"V pondělí {output} přijel do Prahy.",
                  "V pondělí Martin Cortizo přijel do Francouzské Polynésii a do Prahy.",
                  language="cs")
    assert found == [(output, True), ("Prahy", True)]


@pytest.mark.parametrize("output, items", [
    # a month before a surname was read as a date the sources did not state, the
    # surname as a name of its own: "August Müller" was flagged for its "August"
    ("August Müller was arrested in Berlin.", [("name", "August Müller", True), ("name", "Berlin", True)]),
    ("Police said April Ryan was arrested.", [("name", "April Ryan", True)]),
    ("Police said June Carter was arrested.", [("name", "June Carter", False)]),
    # after a word that makes it a time, the month is a date as before
    ("In June Britain said it had arrested him.", [("date", "June", False), ("name", "Britain", True)]),
])
def test_a_month_before_a_surname_is_a_given_name(output, items):
    source = ("Police arrested August Müller and April Ryan in Berlin on Monday, "
              "Britain said on 3 May.")
    report = check(output, [source], embeddings=False, language="en")
    assert [(i.kind, i.text, i.supported) for s in report.sentences for i in s.items] == items


@pytest.mark.parametrize("output, source, language, expected", [
    # a month abbreviated without its period is a given name too: "Jan" was left out of
    # the name (read as a month, which the date checker reads as no date), so a summary's
    # "Jan Smith" was backed by any Smith
    ("Officials met Jan Smith.", "Officials met Tom Smith in Oslo.", "english",
     [("Jan Smith", False)]),
    ("Officials met Jan Egeland.", "UN official Jan Egeland said so.", "english",
     [("Jan Egeland", True)]),
    ("Ministr Jan Novák odešel.", "Ministr Petr Novák odešel z Prahy.", "czech",
     [("Ministr Jan Novák", False)]),
    # with its period it is the month's abbreviation, and after a word that makes it a
    # time the month's
    ("In Jan Britain said so.", "In May Britain said so.", "english", [("Britain", True)]),
])
def test_a_month_abbreviated_before_a_surname_is_a_given_name(output, source, language,
                                                              expected):
    assert names(output, source, language) == expected


@pytest.mark.parametrize("output, language", [
    ("Ukázalo se, že zemřelo více žen než mužů.", "czech"),
    ("Následovaly ničivé vlny tsunami.", "czech"),
    ("Όμως περίπου 500 διαδηλωτές διαμαρτυρήθηκαν.", "greek"),
    ("Ensuite des corps ont été repêchés.", "french")])
def test_a_common_word_opening_a_sentence_is_no_name(output, language):
    # a capitalised common word the sources do not use opened a name that no source
    # backed: a fifth of TAC Czech and Greek reference sentences were flagged, many so.
    # The language's Punkt model saw these in lower case, never capitalised mid-sentence.
    source = {"czech": "Zemřelo více žen než mužů, vlny tsunami byly ničivé.",
              "greek": "Περίπου 500 διαδηλωτές διαμαρτυρήθηκαν στο Πεκίνο.",
              "french": "Les corps ont été repêchés."}[language]
    assert names(output, source, language=language) == []


@pytest.mark.parametrize("output, language, name", [
    ("Contador vyhrál závod.", "czech", "Contador"), ("Keňa poslala pomoc.", "czech", "Keňa"),
    ("Londres a rendu hommage aux victimes.", "french", "Londres"),
    ("Obama visited the site.", "english", "Obama")])
def test_a_name_opening_a_sentence_stays_a_name(output, language, name):
    # the swap the benchmark makes: a name no source writes, opening the sentence
    assert names(output, "Vlny tsunami zasáhly pobřeží. Les victimes.", language=language) == [
        (name, False)]


@pytest.mark.parametrize("output, source, language", [
    ("Útočníci zaútočili v noci.", "V noci zaútočili útočníci na město.", "czech"),
    ("Όμως οι διαδηλωτές έφυγαν.", "Οι διαδηλωτές όμως έφυγαν από την πόλη.", "greek"),
    ("Ensuite les soldats sont partis.", "Les soldats sont partis ensuite.", "french"),
])
def test_an_opening_word_the_sources_write_in_lower_case_is_no_name(output, source, language):
    # the sources' lower-case words were compared as written with a name's words, whose
    # accents are folded: an accented word ("útočníci") was never found among them
    assert names(output, source, language) == []


@pytest.mark.parametrize("output, source, language", [
    # function words their Punkt model also saw capitalised inside a sentence (titles:
    # "Les Misérables", "Der Spiegel", "Il Messaggero"), which the sources do not write: each
    # opened an unbacked name
    ("Les soldats sont partis hier.", "Des soldats sont partis hier.", "french"),
    ("Il a quitté Paris hier.", "Le ministre a quitté Paris hier.", "french"),
    ("Il governo ha lasciato Roma.", "Un governo ha lasciato Roma.", "italian"),
    ("El gobierno dejó Madrid.", "Un gobierno dejó Madrid.", "spanish"),
    ("Der Minister verließ Berlin.", "Ein Minister verließ Berlin.", "german"),
    ("Το υπουργείο έφυγε από την Αθήνα.", "Ένα υπουργείο έφυγε από την Αθήνα.", "greek"),
    ("Της είπε ότι έφυγε από την Αθήνα.", "Είπε ότι έφυγε από την Αθήνα.", "greek"),
    # a language without a Punkt model: its own list (languages.py)
    ("Các quan chức rời Hà Nội.", "Quan chức rời Hà Nội.", "vietnamese"),
    # without a list either: the wordfreq list's most frequent words (none before)
    ("Și guvernul a plecat din Cluj.", "Guvernul a plecat din Cluj.", "romanian"),
    ("Hogy a kormány elhagyta Szegedet.", "A kormány elhagyta Szegedet.", "hungarian"),
    ("Това правителство напусна Пловдив.", "Правителството напусна Пловдив.", "bulgarian"),
    ("Але уряд залишив Львів.", "Уряд залишив Львів.", "ukrainian"),
    ("Dan pemerintah meninggalkan Bandung.", "Pemerintah meninggalkan Bandung.", "indonesian"),
    ("Però el govern va deixar Girona.", "El govern va deixar Girona.", "catalan"),
])
def test_a_function_word_opening_a_sentence_is_no_name(output, source, language):
    found = names(output, source, language)
    assert all(not text.startswith(output.split()[0]) for text, _ in found)
    assert all(backed for _, backed in found)


@pytest.mark.parametrize("output, language, expected", [
    # names that are also common words stay names inside a sentence
    ("Officials said Rice met Bush and Will Smith.", "english",
     [("Rice", True), ("Bush", True), ("Will Smith", False)]),
    # an acronym is no function word ("US" is not "us"), a country in the background
    # list's top words no function word ("france": Punkt never saw it in lower case)
    ("US officials met Rice.", "english", [("US", True), ("Rice", True)]),
    ("France a reçu Rice.", "french", [("France", True), ("Rice", True)]),
    # a function word opening a name is left out, the name after it checked, where the
    # sources write that word before the name nowhere inside a sentence
    ("Will Smith met Rice.", "english", [("Smith", False), ("Rice", True)]),
])
def test_a_name_that_is_also_a_common_word_stays_a_name(output, language, expected):
    source = "Condoleezza Rice met President Bush in the United States and in France."
    assert names(output, source, language) == expected


def test_the_orthographic_flags_are_nltks():
    from nltk.tokenize import punkt

    from summarizer.faithfulness.names import ORTHO_LC, ORTHO_MID_UC

    assert (ORTHO_MID_UC, ORTHO_LC) == (punkt._ORTHO_MID_UC, punkt._ORTHO_LC)


@pytest.mark.parametrize("language, source, output, name", [
    ("cs", "Mise Organizace spojených národů pomáhá na Haiti.", "Mise OSN pomáhá na Haiti.", "OSN"),
    ("cs", "Vojáci Spojených států odešli z Iráku.", "Vojáci USA odešli z Iráku.", "USA"),
    ("fr", "Les soldats des États-Unis ont quitté l'Irak.", "Les soldats des USA ont quitté l'Irak.",
     "USA"),
    ("el", "Η αποστολή των Ηνωμένων Εθνών βοηθά την Αϊτή.", "Η αποστολή του ΟΗΕ βοηθά την Αϊτή.",
     "ΟΗΕ"),
    ("el", "Οι στρατιώτες των Ηνωμένων Πολιτειών έφυγαν.", "Οι στρατιώτες των ΗΠΑ έφυγαν.", "ΗΠΑ"),
    ("el", "Η απόφαση της Ευρωπαϊκής Ένωσης ήρθε.", "Η απόφαση της ΕΕ ήρθε.", "ΕΕ"),
])
def test_an_abbreviation_is_backed_by_its_full_name_in_other_languages(language, source, output,
                                                                      name):
    # the alias table was English's only, and a "ΟΗΕ" unbacked where the sources write
    # the full name (the TAC Greek sources: "Ηνωμένα Έθνη" 58 times, "ΟΗΕ" 6)
    assert (name, True) in names(output, source, language)


def test_an_abbreviation_is_not_backed_by_another_full_name():
    assert ("OSN", False) in names("Mise OSN pomáhá na Haiti.",
                                   "Mise Spojených států pomáhá na Haiti.", "cs")


def spans(text: str, language: str) -> list[tuple[str, int]]:
    lower = {w for w in re.findall(r"[^\W\d_]+", text) if w.islower()}  # as the checker's
    return [(n.text, n.start) for n in find_names(text, lower, language)]


@pytest.mark.parametrize("language, text, expected", [
    # an article or preposition elided against a name (before: no name, the word opening
    # in lower case; or "L'ONU", the article's letter a word of the name)
    ("french", "Le chef de l'ONU est arrivé.", [("ONU", 13)]),
    ("french", "Le convoi est arrivé d'Haïti hier.", [("Haïti", 23)]),
    ("french", "L'ONU a envoyé des soldats.", [("ONU", 2)]),
    ("french", "Le ministre a dit qu'Obama viendra.", [("Obama", 21)]),
    ("french", "Le ministre attendra jusqu\u2019Obama.", [("Obama", 27)]),  # typographic
    ("french", "Le contingent est parti en Côte d'Ivoire.", [("Côte d'Ivoire", 27)]),
    ("italian", "La sede dell'Interno è a Roma.", [("Interno", 13), ("Roma", 25)]),
    ("catalan", "El cap de l'ONU va parlar amb el de Catalunya.", [("ONU", 12), ("Catalunya", 36)]),
    # a capitalised one inside a sentence is a name's ("D'Alema"), as always in English,
    # which elides nothing
    ("italian", "La sede di Massimo D'Alema è a Roma.", [("Massimo D'Alema", 11), ("Roma", 31)]),
    ("english", "O'Brien met D'Angelo in Dublin.", [("O'Brien", 0), ("D'Angelo", 12),
                                                  ("Dublin", 24)]),
    ("english", "The head of l'ONU spoke.", []),
])
def test_an_elided_article_is_not_part_of_a_name(language, text, expected):
    found = spans(text, language)
    assert found == expected
    assert all(text[start:start + len(name)] == name for name, start in found)


def test_a_name_after_an_elided_article_is_checked():
    # "d'Haïti" was no name: unbacked, it passed
    assert names("Le président est arrivé d'Haïti hier.",
                 "Le président est arrivé de Cuba hier soir avec ses ministres.",
                 "fr") == [("Haïti", False)]
    assert names("Le président est arrivé d'Haïti hier.",
                 "Le président est venu d\u2019Haïti hier soir avec ses ministres.",
                 "fr") == [("Haïti", True)]


def test_a_name_after_a_sentence_initial_elided_article_is_backed_without_it():
    # "L'ONU" was the words "l" and "onu": unbacked where no source elides an "l'"
    assert names("L'ONU a envoyé des soldats.",
                 "Les soldats de ONU sont arrivés hier au Liban.", "fr") == [("ONU", True)]


_ABBREVIATED = ("U.S.", "E.U.", "Inc.", "Gen.", "W.")  # dots that are the word's, not full stops
_PIECES = st.sampled_from(["Washington", "Paris", "Ban Ki-moon", "O'Brien", "Côte d'Ivoire",
                           "U.S.", "E.U.", "George W. Bush", "Gen.", "Apple Inc.", "Blair's",
                           "met", "in", "the", "said", "officials", "talks"])
_BREAKS = st.sampled_from([" ", " ", ". ", ", ", "; ", ": ", "! ", " - "])


@given(st.lists(st.tuples(_PIECES, _BREAKS), min_size=1, max_size=8),
       st.sampled_from([".", "", "?", "...", ". "]))
def test_a_names_text_is_the_text_its_offsets_span(pieces, end):
    # a name's end took in a full stop its text dropped ("Washington."), the text of an
    # abbreviation lost its own last dot ("U.S" for "U.S."), and a name ran on over a full
    # stop ("Paris. Officials")
    text = "".join(p + b for p, b in pieces).rstrip(" ") + end
    found = find_names(text)
    assert all(n.text == text[n.start:n.end] and n.text.strip() == n.text for n in found)
    last = [n.text.split()[-1] for n in found]
    assert all(not w.endswith(".") or w in _ABBREVIATED for w in last)
    assert all(text[n.end:n.end + 1] != "." or w + "." not in _ABBREVIATED
               for n, w in zip(found, last, strict=True))
    inside = [w for n in found for w in n.text.split()[:-1]]  # the words a name runs on after
    assert all(not w.endswith(".") or w in _ABBREVIATED for w in inside)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


@pytest.mark.parametrize("text, expected", [
    ("The talks were held in Washington.", [("Washington", 23)]),
    ("The talks were held with the U.S.", [("U.S.", 29)]),
    ("The U.S. delegation left Paris. Officials said so.", [("U.S.", 4), ("Paris", 25)]),
    # and so do the abbreviations the sentence splitter knows ("Bros.", "Calif.": Punkt's
    # model)
    ("Officials met Warner Bros. Pictures in Burbank, Calif. on Monday.",
     [("Warner Bros. Pictures", 14), ("Burbank", 39), ("Calif.", 48)]),
    ("Rice met George W. Bush, Gen. Petraeus and Apple Inc.",
     [("Rice", 0), ("George W. Bush", 9), ("Petraeus", 30), ("Apple Inc.", 43)]),
])
def test_a_full_stop_ends_a_name_an_abbreviations_dots_are_its_own(text, expected):
    assert spans(text, "english") == expected


@pytest.mark.parametrize("text, expected", [
    # "ill." is an abbreviation of the English Punkt model (Illinois), yet the splitter ends
    # a sentence after it before "Witnesses", "Prosecutors": no name there ("Witnesses" was
    # one, read inside a sentence)
    ("The mayor fell ill. Witnesses said he would recover.", []),
    ("The judge fell ill. Prosecutors asked for a delay.", []),
    # where the splitter reads on, as before: "Calif." inside the name's sentence
    ("A fire near San Anselmo, Calif. Kestrel County burned.",
     [("San Anselmo", 12), ("Calif. Kestrel County", 25)]),
])
def test_a_sentence_ends_after_an_abbreviation_where_the_splitter_ends_one(text, expected):
    assert spans(text, "english") == expected


@pytest.mark.parametrize("language, text, expected", [
    # the sources (here the text itself) write the name inside a sentence, where no word
    # opens it but its own: its opener is the name's ("Will Smith" was read as "Smith",
    # "Le Monde" as "Monde")
    ("english", "Will Smith left. Fans of Will Smith cheered.", [("Will Smith", 0),
                                                                  ("Will Smith", 25)]),
    ("french", "Le Monde a publié la lettre. La lettre du journal Le Monde.",
     [("Le Monde", 0), ("Le Monde", 50)]),
    # before another name too: there "Will" is a given name ("Will Jones" was "Jones")
    ("english", "Will Jones left. Fans of Will Smith cheered.", [("Will Jones", 0),
                                                                 ("Will Smith", 25)]),
    # not before a word in lower case, nor where the sources open no name with it
    ("english", "Will the court rule? Fans of Will Smith cheered.", [("Will Smith", 29)]),
    ("english", "Will Jones left. Fans of Smith cheered.", [("Jones", 5), ("Smith", 25)]),
])
def test_a_function_word_opening_a_name_the_sources_write_is_the_names(language, text, expected):
    assert spans(text, language) == expected


@pytest.mark.parametrize("output, source, expected", [
    ("Will Smith met Rice.", "The actor Will Smith met Condoleezza Rice.",
     [("Will Smith", True), ("Rice", True)]),
    ("Le Monde a publié la lettre.", "La lettre publiée par Le Monde.", [("Le Monde", True)]),
    # a given name there, before a name they do not write: the name the summary wrote is
    # flagged ("Jones" was)
    ("Will Jones met Rice.", "The actor Will Smith met Condoleezza Rice.",
     [("Will Jones", False), ("Rice", True)]),
    ("Will the court meet Rice?", "The actor Will Smith met Condoleezza Rice.", [("Rice", True)]),
])
def test_a_function_word_opening_a_name_is_the_names_where_the_sources_say_so(output, source,
                                                                             expected):
    language = "french" if output.startswith("Le") else "english"
    assert names(output, source, language) == expected


@pytest.mark.parametrize("text, expected", [
    # a saint, a fort or a mount is part of the place's name ("St. Louis" was "Louis")
    ("Fans in St. Louis cheered.", [("St. Louis", 8)]),
    ("St. Louis won the series.", [("St. Louis", 0)]),
    ("Troops left Ft. Bragg and climbed Mt. Everest.", [("Ft. Bragg", 12),
                                                         ("Mt. Everest", 34)]),
    ("Fans in St Petersburg cheered.", [("St Petersburg", 8)]),
    # a title is not the person's ("Dr. Smith" is Smith, as "Mr. Smith" is)
    ("Dr. Smith met Mr. Jones and Gen. Petraeus.", [("Smith", 4), ("Jones", 18),
                                                    ("Petraeus", 33)]),
])
def test_a_places_abbreviation_is_part_of_its_name(text, expected):
    assert spans(text, "english") == expected


@pytest.mark.parametrize("language, text, expected", [
    # a title is no word of the name, wherever it stands: "Gen. Petraeus" was "Petraeus" but
    # "Maj. Gen. Miller" kept both ("Maj." opened the name, "Gen." ran on in it)
    ("english", "Officials said Maj. Gen. Miller left.", [("Miller", 25)]),
    ("english", "Maj. Gen. Miller left.", [("Miller", 10)]),
    ("english", "Maj Gen Miller left.", [("Miller", 8)]),  # without the periods
    ("english", "Officials said Army Gen. Petraeus left.", [("Army", 15), ("Petraeus", 25)]),
    ("english", "Officials said Army Gen Petraeus left.", [("Army", 15), ("Petraeus", 24)]),
    ("english", "Officials said Adm. Mike Mullen left.", [("Mike Mullen", 20)]),
    # the language's own titles (sentence_ends.titles)
    ("czech", "Ing. Petr Novák odešel.", [("Petr Novák", 5)]),
    # the name's own word where no capitalised word follows it
    ("english", "Rice met Amartya Sen in Delhi.", [("Rice", 0), ("Amartya Sen", 9),
                                                   ("Delhi", 24)]),
    ("english", "Mr. and Mrs. Smith left.", [("Smith", 13)]),
])
def test_a_title_is_no_part_of_a_name(language, text, expected):
    assert spans(text, language) == expected


@pytest.mark.parametrize("output, source, expected", [
    ("Officials said Maj. Gen. Miller left.", "Officials said Miller left.", [("Miller", True)]),
    ("Officials said Army Gen. Petraeus left.", "The Army said Petraeus left.",
     [("Army", True), ("Petraeus", True)]),
    ("Officials said Maj. Gen. Miller left.", "Officials said Petraeus left.",
     [("Miller", False)]),
])
def test_a_name_is_backed_without_its_titles(output, source, expected):
    # "Maj." and "Gen." were words of the name no source wrote: "Miller" was unbacked
    assert names(output, source) == expected


@pytest.mark.parametrize("output, source, backed", [
    ("Fans in St. Louis cheered.", "Fans of King Louis cheered.", False),
    ("Fans in St. Louis cheered.", "Fans in Saint Louis cheered.", True),
    ("Fans in Saint Louis cheered.", "Fans in St. Louis cheered.", True),
    ("Troops left Ft. Bragg.", "Troops left Fort Bragg.", True),
    ("They climbed Mt. Everest.", "They climbed Mount Everest.", True),
])
def test_a_places_abbreviation_is_backed_by_itself_or_its_word(output, source, backed):
    assert [b for _, b in names(output, source)] == [backed]


@pytest.mark.parametrize("language, text, expected", [
    # a full stop written without the space after it ends the sentence ("Paris.Les" was one
    # word, the name "Paris.Les")
    ("french", "Le convoi a quitté Paris.Les soldats sont partis.", [("Paris", 19)]),
    ("english", "The convoy left Paris.Officials said so.", [("Paris", 16)]),
    ("english", "The convoy left Paris.Smith said so.", [("Paris", 16), ("Smith", 22)]),
    # not the dots of an abbreviation, an acronym or an address
    ("english", "The U.S.Army and Ph.D. holders met.", [("U.S.Army", 4), ("Ph.D.", 17)]),
    ("english", "See www.Example.com for it.", []),
])
def test_a_full_stop_without_a_space_ends_a_name(language, text, expected):
    assert spans(text, language) == expected


@pytest.mark.parametrize("output, language, name", [
    ("România a trimis ajutoare.", "romanian", "România"),
    ("Budapest segítséget küldött.", "hungarian", "Budapest"),
    ("София изпрати помощ.", "bulgarian", "София"),
    ("Indonesia mengirim bantuan.", "indonesian", "Indonesia"),
])
def test_a_name_among_a_wordlists_frequent_words_stays_a_name(output, language, name):
    # the swap the benchmark makes, in a language whose function words are its wordfreq
    # list's most frequent words: that list holds its country or capital too
    assert (name, False) in names(output, "Guvernul. Vlny tsunami zasáhly pobřeží.", language)


def test_the_names_read_in_wordlists_are_in_them():
    # read by hand in wordfreq's frozen lists: a list that changed would need a new reading
    from summarizer.faithfulness.names import WORDLIST_NAMES, function_words
    from summarizer.summarizers.background import background_for

    for language, listed in WORDLIST_NAMES.items():
        background = background_for(language)
        assert background is not None and listed <= background.stopwords()
        assert function_words(language) and not listed & function_words(language)


PEOPLE = "Yesterday Tom Jones met Will Smith and Gen. David Petraeus in Panama City."


@pytest.mark.parametrize("output, found", [
    # each word is the sources', but not the pairing: a new person (each passed before)
    ("Tom Smith", [("Tom Smith", False)]), ("Will Jones", [("Will Jones", False)]),
    ("David Smith", [("David Smith", False)]), ("Tom Petraeus", [("Tom Petraeus", False)]),
    # the sources' people, by full name, surname, title or initial
    ("Tom Jones", [("Tom Jones", True)]), ("Smith", [("Smith", True)]),
    ("Mr. Smith", [("Smith", True)]), ("T. Jones", [("T. Jones", True)]),
    ("General Petraeus", [("General Petraeus", True)]),
    ("General David Petraeus", [("General David Petraeus", True)]),
    ("David H. Petraeus", [("David H. Petraeus", True)]),
    # an initial the sources' given names do not open
    ("J. Smith", [("J. Smith", False)]),
])
def test_a_full_name_is_backed_only_as_the_sources_pair_its_words(output, found):
    assert names(f"Yesterday {output} arrived.", PEOPLE) == found


def test_a_middle_name_or_title_the_output_leaves_out_still_names_the_person():
    source = ("On Monday President George W. Bush met Prime Minister Gordon Brown in London. "
              "George Walker Bush is his full name.")
    for output, name in (("George Bush", "George Bush"), ("President Bush", "Bush"),
                         ("Gordon Brown", "Gordon Brown"),
                         ("Mr. Gordon Brown", "Gordon Brown"),
                         ("George Walker Bush", "George Walker Bush")):
        assert names(f"On Monday {output} was in London.", source) == [
            (name, True), ("London", True)]


@pytest.mark.parametrize("output, backed", [
    # Czech inflects given names and surnames: any case of the sources' pairing backs it
    ("Baracka Obamy", True), ("Barackem Obamou", True), ("Tomáše Obamy", False)])
def test_czech_cases_of_a_full_name(output, backed):
    found = names(f"V pondělí {output} přijel do Prahy.",
                  "V pondělí Barack Obama a Tomáš Jones přijeli do Prahy. Obama řekl.",
                  language="cs")
    assert found == [(output, backed), ("Prahy", True)]


def test_french_full_names_and_titles():
    source = "Lundi, Nicolas Sarkozy a rencontré François Fillon à Paris. M. Sarkozy a dit."
    assert names("Lundi, M. Sarkozy est arrivé à Paris.", source, "fr") == [
        ("Sarkozy", True), ("Paris", True)]
    assert names("Lundi, François Sarkozy est arrivé à Paris.", source, "fr") == [
        ("François Sarkozy", False), ("Paris", True)]


def test_a_company_opening_with_a_title_word_stays_one_name():
    # "General" written in full is no title that find_names leaves out: "General Motors"
    # is read whole, and backed by the sources' "General Motors", not by "Motors" alone
    source = "On Monday General Motors and Ford cut jobs in Detroit."
    assert names("On Monday General Motors cut jobs.", source) == [("General Motors", True)]
    assert [n.text for n in find_names("The firm General Electric grew.")] == [
        "General Electric"]


_NAME = st.from_regex(r"[BDFGKLMNPRTVZ][aeiou][bdfgklmnprtvz]{2}[aeiou][rnl]", fullmatch=True)


@settings(max_examples=40, deadline=None)
@given(_NAME, _NAME, _NAME, _NAME)
def test_any_given_name_before_another_persons_surname_is_flagged(a, b, c, d):
    # four made-up words, no two sharing a stem: "A B" and "C D" are two people, "A D" none
    assume(len({w[:4] for w in (a, b, c, d)}) == 4)
    source = f"Yesterday {a} {b} met {c} {d} in Panama City. {b} said so."
    assert names(f"Yesterday {a} {d} arrived.", source) == [(f"{a} {d}", False)]
    assert names(f"Yesterday {c} {d} arrived.", source) == [(f"{c} {d}", True)]
    assert names(f"Yesterday {a} {b} arrived.", source) == [(f"{a} {b}", True)]


def test_a_people_or_place_before_a_surname_is_no_given_name():
    # "Spaniard" and "Chinese" name no person: the sources write them as names of their own
    source = ("On Monday the Spaniard Alberto Contador and Li Peng met in China. "
              "The Spaniard won.")
    for output in ("Spaniard Contador", "Chinese Peng"):
        assert names(f"On Monday {output} arrived.", source) == [(output, True)]
    assert names("On Monday Alberto Peng arrived.", source) == [("Alberto Peng", False)]


def test_a_czech_people_before_a_surname_is_no_given_name():
    # Czech writes a people before a surname ("Švýcar Cancellara", the Swiss Cancellara):
    # no given name of the sources, though they name this person otherwise
    source = ("V pondělí Fabian Cancellara vyhrál. Švýcar řekl, že Cancellara "
              "a Michael Rasmussen přijeli. Tomáš Jones také.")
    for output in ("Švýcar Cancellara", "Michaela Rasmussena"):
        assert names(f"V pondělí {output} vyhrál.", source, "cs") == [(output, True)]
    assert names("V pondělí Tomáš Rasmussen vyhrál.", source, "cs") == [
        ("Tomáš Rasmussen", False)]


def test_an_ending_after_a_surname_is_no_surname():
    # "Jr." and "Inc." end a name without being its surname: "George Bush Jr." was a new
    # person where the sources write "Martin Luther King Jr.", and "Google Inc." one where
    # they write "Apple Inc."
    source = ("On Monday Martin Luther King Jr. and George Bush met at Apple Inc. in Boston. "
              "Google said so.")
    for output in ("George Bush Jr.", "Google Inc."):
        assert names(f"On Monday {output} arrived.", source) == [(output, True)]
    assert names("On Monday George King Jr. arrived.", source) == [("George King Jr.", False)]


_TEMPLATES = ["Yesterday {} met {} in Panama City.", "On Monday Gen. {} said {} had left.",
              "Police said {} and Mr. {} were arrested.", "The court heard {} and {}."]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_NAME, _NAME, st.booleans()), min_size=2, max_size=6),
       st.data())
def test_a_sentence_of_the_sources_has_every_name_backed(people, data):
    # what the default's extractive summaries are: any full name, surname alone or initial
    # the sources write backs itself, whatever else they pair its words with
    def named(given_name: str, surname: str, initial: bool) -> str:
        return f"{given_name[0]}. {surname}" if initial else f"{given_name} {surname}"

    sentences = [_TEMPLATES[k % len(_TEMPLATES)].format(named(*a), named(*b))
                 for k, (a, b) in enumerate(zip(people, people[1:], strict=False))]
    sentences.append(f"{people[0][1]} said so.")
    picked = data.draw(st.sampled_from(sentences))
    found = names(picked, " ".join(sentences))
    assert found and all(backed for _, backed in found)


@pytest.mark.parametrize("output, backed", [
    # a short form stands for its long form where the sources write that before the surname
    ("Bill Clinton", True), ("Tony Blair", True), ("Ted Kennedy", True),
    # not before another surname, nor one the sources write alone only, nor the reverse
    ("Bill Blair", False), ("Bill Smith", False), ("Tony Kennedy", False),
    ("Tom Kennedy", False), ("Edward Blair", False)])
def test_an_english_short_form_stands_for_its_long_form_before_the_same_surname(output, backed):
    source = ("On Monday William Jefferson Clinton met Anthony Blair, Edward Kennedy and "
              "Mr. Smith in London. Clinton said so.")
    assert names(f"On Monday {output} arrived.", source) == [(output, backed)]


def test_a_short_form_is_no_long_form_in_another_language():
    # the table is English's: Czech "Bill Clinton" needs the sources' "Bill"
    source = "V pondělí William Clinton přijel do Prahy. Clinton řekl."
    assert names("V pondělí Bill Clinton přijel do Prahy.", source, "cs") == [
        ("Bill Clinton", False), ("Prahy", True)]


@pytest.mark.parametrize("output, backed", [
    # the sources write "Smith" alone only: no given name of theirs is his
    ("Tom Smith", False), ("Will Smith", False),
    # what they write: the surname, with a title, an initial (judged by no given name)
    ("Smith", True), ("Mr. Smith", True), ("Dr. Smith", True), ("T. Smith", True)])
def test_a_surname_written_alone_only_takes_no_given_name(output, backed):
    source = ("Yesterday Tom Jones and Will Brown met Mr. Smith in Panama City. "
              "Smith said so.")
    expected = [("Smith" if output.startswith(("Mr.", "Dr.")) else output, backed)]
    assert names(f"Yesterday {output} arrived.", source) == expected


def test_a_given_name_next_to_the_surname_across_a_line_break_is_his():
    # the sentence splitter parts "Mayor Tom" and "Smith" at the line break: no name of
    # the sources pairs them, but the text writes them next to each other
    assert names("Yesterday Tom Smith arrived.",
                 "Yesterday Tom Jones met Mayor Tom\nSmith in Panama City. Smith said so."
                 ) == [("Tom Smith", True)]
    # a full stop between them ends a sentence: two people
    assert names("Yesterday Tom Smith arrived.",
                 "Yesterday Tom Jones met Mayor Tom.\nSmith said so.") == [("Tom Smith", False)]


def test_decomposed_accents_in_the_sources_split_none_of_their_names():
    # NFD sources (a Mac, a PDF) were read with their names broken at each accent
    # ("Τσι" of "Τσίπρας"), so no full name of theirs paired its words: a swapped one
    # passed, and a full name of theirs whose surname ended up alone was flagged
    import unicodedata

    source = unicodedata.normalize(
        "NFD", "Ο πρωθυπουργός Αλέξης Τσίπρας συναντήθηκε με τον Ζαν-Κλοντ Γιούνκερ. "
        "Ο Γιούνκερ είπε ότι ο Τσίπρας έφυγε.")
    for output, backed in (("Αλέξης Τσίπρας", True), ("Ζαν-Κλοντ Γιούνκερ", True),
                           ("Αλέξης Γιούνκερ", False)):
        assert names(f"Ο πρωθυπουργός {output} έφυγε.", source, "el") == [(output, backed)]



def test_croatian_function_words_open_no_name_and_the_wordlist_languages_keep_theirs():
    # Croatian had no function words (no Punkt model, no wordfreq list): "Prema" (according
    # to) opening a sentence was a name. Hungarian and Romanian, given short lists
    # for guess_language, keep their wordfreq lists (less the names read in them).
    from summarizer.faithfulness.names import WORDLIST_NAMES, function_words
    from summarizer.summarizers.background import background_for

    assert [n.text for n in find_names("Prema policiji, Ivan Horvat je otišao.", language="hr")
            ] == ["Ivan Horvat"]
    for language in ("hungarian", "romanian"):
        background = background_for(language)
        assert background is not None
        assert function_words(language) == background.stopwords() - WORDLIST_NAMES[language]
