"""The default: budgeted coverage maximisation with cross-document redundancy control.

The summary S maximises a monotone submodular objective (greedy with
cost-scaled gains, Lin & Bilmes 2010/2011), made of

* concept coverage (Gillick & Favre 2009): each word bigram that recurs
  across documents is a concept worth its document frequency -- each document
  counting ``1 / (1 + r)`` where r is the rank of the bigram's first sentence
  there, since news states its main facts first -- times its two words' mean
  background IDF (how rare they are in the language at large, from wordfreq's
  list, whose 100 most frequent words are also the function words no concept
  is made of alone; ``background``), and counts once however many chosen sentences
  contain it: repeating a fact earns nothing;
* semantic coverage (Lin & Bilmes 2011): every cluster sentence i is covered
  by the chosen ones as ``min(sum_{j in S} sim(i, j), alpha * sum_j sim(i, j))``
  on sentence-embedding cosine (TF-IDF outside English);
* a lead prior: each chosen sentence earns ``1 / (1 + rank in its document)``,
  divided by the number of typical sentences the budget holds.

The coverage terms are normalised to [0, 1] on the cluster before weighting.
On top, the hard redundancy rule refuses any sentence too similar to a chosen
one (content-word cosine, or embedding cosine), so the same fact reported by
two articles never appears twice. The budget is filled by the shared rule
(``budget.Filler``): with truncation, the best sentence that no longer fits
whole is cut to fill the budget, placed last, and ends the summary.

The weights are generic news settings, checked on TAC 2011 English (see
eval/tac2011_methods.py): all terms weighted 1, alpha 0.3, gains divided by
sqrt(length).
"""

from __future__ import annotations

import copy
import heapq
import math
from typing import Any, Literal

import numpy as np

from summarizer.errors import OptionError, value_repr
from summarizer.languages import unicode_tokens
from summarizer.sampling import choice_without_replacement
from summarizer.summarizers.background import (
    BACKGROUND_USES,
    background_for,
    concept_factors,
    concept_stopwords,
    require_wordfreq,
    source,
)
from summarizer.summarizers.budget import Budget, Filler
from summarizer.summarizers.candidates import CHARS, Pool, check_pairwise, first_distinct
from summarizer.summarizers.concepts import (
    CONCEPT_CENTRALITIES,
    CONCEPT_WEIGHTINGS,
    LSA_ENTRIES,
    UNIT_NAMES,
    check_concept_units,
    check_lsa_rank,
    check_single_df_weight,
    check_window,
    document_centrality,
    extract_concepts,
    lsa_weights,
    sentence_centrality,
    sentence_ranks,
    units_settings,
)
from summarizer.summarizers.consensus import OVERLAPS, SCALED, central, grams, members
from summarizer.summarizers.entities import entity_words
from summarizer.summarizers.extractive import MAX_WEIGHT, ExtractiveSummarizer, check_weights
from summarizer.summarizers.learned_weights import concept_features, load_model
from summarizer.summarizers.snowball import require_snowball, snowball_language, stemmer
from summarizer.summarizers.snowball import source as stemmer_source
from summarizer.summarizers.word_forms import WORD_FORMS, stemmed_forms, word_forms
from summarizer.summarizers.word_position import WORD_POSITIONS, word_position_weights

# Candidate pruning (see select): the full objective, with its embeddings and
# pairwise similarities, is evaluated on at most this many sentences. News
# clusters of ten articles (about 150 candidates) are never pruned; it bounds
# time and memory on long input.
MAX_CANDIDATES = 500
# diversity_clusters' default: one home, so that the check that it was not given (with the
# reward off, where nothing reads it) follows the default
DIVERSITY_CLUSTERS = 0.2
ALPHA = 0.3  # semantic coverage saturates at this share of a sentence's similarity
# The seed of diversity_parts' sample of first k-means centres: one home, read by the
# summarisers that record it with their settings (kmeans_seed: coverage's, with the
# diversity reward on, as it is by default, and submodular's)
KMEANS_SEED = 0


class CoverageSummarizer(ExtractiveSummarizer):
    """Default summariser: coverage of recurring concepts and of the cluster's
    meaning, with explicit redundancy control (see module docstring).

    Options: ``concept_weight``, ``semantic_weight``, ``lead_weight`` (weights
    of the three terms), ``alpha`` (saturation of semantic coverage),
    ``min_df`` (documents a bigram must occur in to be a concept; at most all of them),
    ``length_power`` (gains are divided by length**power when choosing),
    ``position_decay`` (exponent of the position weighting of concepts; 0 =
    plain document frequency), ``max_rank`` (only the first ``max_rank``
    sentences of each document are candidates; None = all),
    ``max_candidates`` (the full objective, with its embeddings and pairwise
    similarities, is evaluated on at most this many sentences: those with the
    best concept + lead gain per unit of length; None = all; each summary
    records ``candidates_scored`` of ``candidates_total``), ``diversity_weight``
    (Lin & Bilmes' 2011 diversity reward over a k-means partition of the candidates
    into ``diversity_clusters`` x n parts, per sentence that fits the budget; 0 =
    off; the default 16 is what leave-one-cluster-out CV over the 70 TAC 2011
    clusters of 7 languages chose for both budgets, eval/tac2011_cv.py),
    ``stem_prefix`` (concepts compare words by their first this many characters,
    a language-blind stemmer; None = whole words, the default),
    ``concept_weighting`` (what a concept is worth: ``"df"``, its position-weighted
    document frequency, the default; ``"lsa"``, OCCAMS' latent-semantic weight, the
    norm of its row of U_k S_k in the SVD of the candidates' concept x sentence matrix
    (Davis, Conroy & Schlesinger 2012); ``"lsa-df"``, the product of the two;
    ``"learned"``, a supervised model's prediction from the concept's language-blind
    statistics, :mod:`summarizer.summarizers.learned_weights`, with ``concept_model`` the
    path of its coefficients file, None for the packaged one; ``"learned-df"``, that
    prediction times the default's weight), with ``lsa_rank`` (k: ``"budget"``, the number of typical sentences the budget holds;
    an int; or a share in (0, 1) of the squared singular values) and ``lsa_entries``
    (``"binary"`` or ``"tfidf"`` matrix entries),
    ``background`` (how common a concept's words are outside the cluster, from
    ``wordfreq``'s background word list of its language,
    :mod:`summarizer.summarizers.background`: ``"idf-stopwords"``, the default since
    leave-one-cluster-out CV over the 70 TAC 2011 clusters chose it (issue 12), takes the
    list's 100 most frequent words as the concepts' function words, in every language, and
    multiplies a concept's weight by its words' mean background IDF; ``"stopwords"`` or
    ``"idf"`` does one of the two; ``"signature"`` multiplies it by 1 + the number of its
    words that are topic signature terms, Lin & Hovy 2000; None uses no background, the
    default before. Settings record ``background_source``, the lists and wordfreq's
    version, and per summary ``background_list``, the list's language code, or ``"none for
    <language>"`` for a language wordfreq has no list for, summarised as with None),
    ``word_position`` (None, the default: the
    sentence-rank weighting above; ``"first"``, ``"all"``, ``"first-rank"`` or ``"offset"``
    weigh concepts by their words' relative positions in each document instead,
    :mod:`summarizer.summarizers.word_position`), ``word_forms`` (None, the default:
    concepts read words as written; ``"suffix"``, ``"prefix"`` or ``"affix"`` merge the
    word forms that share a stem by endings, prefixes or both, learned from the cluster's
    own vocabulary, :mod:`summarizer.summarizers.word_forms`, an affix counting when at
    least ``word_forms_share`` of the vocabulary's size shows it; ``"snowball"`` merges the
    words that the language's Snowball stemmer gives one stem,
    :mod:`summarizer.summarizers.snowball`, the optional extra ``stem``: settings record
    ``word_forms_source``, the package's version, and per summary ``word_forms_stemmer``,
    the stemmer's language, or ``"none for <language>"`` for a language Snowball has none
    for, summarised as with None), ``concept_centrality`` (None, the default: every
    document and sentence counts alike; ``"document"``: each
    document adds to a concept's weight in proportion to its TF-IDF cosine to the cluster's
    centroid, so an off-topic article counts less; ``"sentence"`` or ``"sentence-max"``: a
    concept's weight times the mean or the highest LexRank centrality, on the semantic
    term's similarities, of the candidate sentences holding it; ``"document-sentence"``:
    the document weights and the mean; :mod:`summarizer.summarizers.concepts`),
    ``concept_units`` (``"bigrams"``, the default: the concepts above; ``"unigrams"``: the
    content words instead, each word that is no function word, with the same ``min_df``,
    position weighting, stemming, word forms and background IDF; ``"both"``: bigrams and
    content words side by side, a word's weight times ``unigram_weight``, 1 by default;
    not with ``word_position`` or a learned weighting, which read concepts as bigrams),
    ``single_df_weight`` (None, the default: off; with ``min_df=1`` only, a number in [0, 1]
    that multiplies the weight of every concept found in one document only, before the
    background factor; with ``concept_weighting`` ``"df"`` and no ``word_position``),
    ``lead_decay`` (None, the default: the lead prior is ``1 / (1 + rank)``; a number d in
    [0, 10] makes it ``1 / (1 + rank) ** d``, flatter below 1, so that later sentences of a
    document lose less of it; needs a ``lead_weight`` above 0),
    ``document_diversity`` (None, the default: off; a weight w > 0 adds a second diversity
    reward, Lin & Bilmes' square root per part with the cluster's source documents as the
    parts, so that a summary gains by spreading over the articles; weighted per sentence
    that fits, as the k-means one; with ``diversity_weight=0`` it replaces that one),
    ``entity_weight`` (None, the default: off; a number > 0 that multiplies the weight of
    every concept holding a name- or number-like word, one with a digit or mostly
    capitalised inside sentences, :mod:`summarizer.summarizers.entities`; with
    ``concept_weighting`` ``"df"`` and words as written, no ``stem_prefix`` nor
    ``word_forms``), ``content_window`` (None, the default: a bigram concept is two adjacent
    words, not both function words; an int k in [1, 5]: two content words at most k content
    words apart in a sentence, the function words dropped before pairing, so that phrases
    split by function words or inflected differently share pairs; 1 makes content bigrams,
    2 and more skip-bigrams; :mod:`summarizer.summarizers.concepts`; not with
    ``concept_units="unigrams"``, ``word_position`` or a learned weighting),
    ``title_weight`` (None, the default: off; a number w > 0 reads the documents' titles,
    which are never candidates, as one more document: each concept a title holds gains w in
    weight, once however many titles hold it, and counts one more document for ``min_df``, so
    a bigram of one article's body that a headline also holds is a concept; with
    ``concept_weighting`` ``"df"`` and no ``word_position``), ``tfidf_chars`` (None, the
    default: off; an int n from 2 to 8 makes the TF-IDF vectors that the semantic term and
    the k-means parts read where the representation is ``tfidf``, as outside English, from
    the words' character n-grams, :class:`~summarizer.summarizers.features.CharGrams`, so
    that inflected forms of a word meet), ``consensus`` (None, the default: off; a factor
    f in (1, 10] selects also with each of ``lead_weight``, ``semantic_weight``,
    ``diversity_weight``, ``position_decay``, ``length_power`` and ``alpha`` divided and
    multiplied by f, one at a time, and keeps the selection whose n-grams agree most with
    the others', :mod:`summarizer.summarizers.consensus`; ``consensus_overlap``,
    ``"bigrams"`` or ``"words"``, is the n-gram; each summary records
    ``consensus_chosen``, the member kept). Plus the
    shared options of :class:`ExtractiveSummarizer`.
    """

    name = "coverage"
    pairwise = False  # prunes its own candidates (max_candidates), linearly

    def __init__(
        self,
        concept_weight: float = 1.0,
        semantic_weight: float = 1.0,
        lead_weight: float = 1.0,
        alpha: float = ALPHA,
        min_df: int = 2,
        length_power: float = 0.5,
        position_decay: float = 1.0,
        max_rank: int | None = None,
        max_candidates: int | None = MAX_CANDIDATES,
        diversity_weight: float = 16.0,
        diversity_clusters: float = DIVERSITY_CLUSTERS,
        stem_prefix: int | None = None,
        concept_weighting: Literal["df", "lsa", "lsa-df", "learned", "learned-df"] = "df",
        lsa_rank: Literal["budget"] | int | float = "budget",
        lsa_entries: Literal["binary", "tfidf"] = "binary",
        background: Literal["idf", "stopwords", "idf-stopwords", "signature"] | None = (
            "idf-stopwords"),
        word_position: Literal["first", "all", "first-rank", "offset"] | None = None,
        concept_model: str | None = None,
        word_forms: Literal["suffix", "prefix", "affix", "snowball"] | None = None,
        word_forms_share: float = 0.01,
        concept_centrality: Literal["document", "sentence", "sentence-max",
                                    "document-sentence"] | None = None,
        concept_units: Literal["bigrams", "unigrams", "both"] = "bigrams",
        unigram_weight: float = 1.0,
        single_df_weight: float | None = None,
        lead_decay: float | None = None,
        document_diversity: float | None = None,
        entity_weight: float | None = None,
        content_window: int | None = None,
        title_weight: float | None = None,
        tfidf_chars: int | None = None,
        consensus: float | None = None,
        consensus_overlap: Literal["bigrams", "words"] = "bigrams",
        # the default method opens readably ("At the meeting, they ..." is traded for a
        # nearly equal self-contained sentence); ROUGE on TAC is unchanged (tac2011_cv).
        # dangling="all" mends later sentences too, but costs English 250-word R2 .0023.
        # Declared here, not set in the options: summarizers.default_options reads it, so
        # that order="readable" given is the job left as it is (one settings fingerprint).
        order: str = "readable",
        **options: Any,
    ) -> None:
        super().__init__(order=order, **options)
        check_weights(concept_weight=concept_weight, semantic_weight=semantic_weight,
                      lead_weight=lead_weight, diversity_weight=diversity_weight)
        if not 0 < alpha <= 1:
            raise OptionError(f"alpha must be in (0, 1], got {alpha}")
        if semantic_weight == 0 and alpha != ALPHA:  # caps of a term left out
            raise OptionError("alpha saturates the semantic coverage: with semantic_weight 0 "
                              "it would not be used")
        if min_df < 1 or not 0 <= length_power <= 10 or position_decay < 0:
            raise OptionError("min_df must be >= 1; length_power in [0, 10]; position_decay >= 0")
        if max_rank is not None and max_rank < 1:
            raise OptionError(f"max_rank must be >= 1 or None, got {max_rank}")
        if max_candidates is not None and max_candidates < 1:
            raise OptionError(f"max_candidates must be >= 1 or None, got {max_candidates}")
        if stem_prefix is not None and stem_prefix < 1:
            raise OptionError(f"stem_prefix must be >= 1 or None, got {stem_prefix}")
        if diversity_weight < 0 or not 0 < diversity_clusters <= 1:
            raise OptionError("diversity_weight must be >= 0 and diversity_clusters in (0, 1]")
        if diversity_weight == 0 and diversity_clusters != DIVERSITY_CLUSTERS:  # as lead_decay below
            raise OptionError("diversity_clusters parts the diversity reward: with "
                              "diversity_weight 0 it would not be used")
        if concept_weighting not in CONCEPT_WEIGHTINGS or lsa_entries not in LSA_ENTRIES:
            raise OptionError(f"concept_weighting must be one of {', '.join(CONCEPT_WEIGHTINGS)} "
                             f"and lsa_entries one of {', '.join(LSA_ENTRIES)}")
        lsa_rank = check_lsa_rank(lsa_rank)
        if not concept_weighting.startswith("lsa") and (lsa_rank, lsa_entries) != ("budget",
                                                                                   "binary"):
            raise OptionError("lsa_rank and lsa_entries are for concept_weighting 'lsa' or "
                              f"'lsa-df' (with {value_repr(concept_weighting)} they would not be used)")
        learned = concept_weighting.startswith("learned")
        if concept_model is not None and not learned:
            raise OptionError("concept_model is for concept_weighting 'learned' or "
                              f"'learned-df' (with {value_repr(concept_weighting)} it would not be used)")
        if learned and word_position is not None:
            raise OptionError("word_position cannot be combined with a learned concept "
                              "weighting: the model's features include the default's weights")
        if background is not None and background not in BACKGROUND_USES:
            raise OptionError(f"background must be None or one of {', '.join(BACKGROUND_USES)}, "
                             f"got {value_repr(background)}")
        if background is not None:
            require_wordfreq()
        if background is not None and stem_prefix:
            raise OptionError(f"stem_prefix needs background=None (--option background=null; it "
                              f"is {value_repr(background)}): "
                              "the background list holds whole words, not prefixes")
        if word_position is not None and word_position not in WORD_POSITIONS:
            raise OptionError(f"word_position must be None or one of {', '.join(WORD_POSITIONS)}, "
                             f"got {value_repr(word_position)}")
        if word_position not in (None, "first-rank") and position_decay != 1.0:
            raise OptionError(f"position_decay is the sentence-rank weighting that "
                             f"word_position={value_repr(word_position)} replaces")
        if word_forms is not None and word_forms not in (*WORD_FORMS, "snowball"):
            raise OptionError(f"word_forms must be None or one of {', '.join(WORD_FORMS)} or "
                             f"snowball, got {value_repr(word_forms)}")
        if not 0 < word_forms_share < 1:
            raise OptionError(f"word_forms_share must be in (0, 1), got {word_forms_share}")
        if word_forms in (None, "snowball") and word_forms_share != 0.01:
            raise OptionError("word_forms_share is for word_forms 'suffix', 'prefix' or 'affix' "
                              f"(with{'out word_forms' if word_forms is None else ' snowball'} "
                              "it would not be used)")
        if word_forms == "snowball":
            require_snowball()
        if word_forms is not None and (stem_prefix or word_position is not None or learned):
            raise OptionError("word_forms cannot be combined with stem_prefix, word_position or "
                              "a learned concept weighting: each reads the concepts' words its "
                              "own way")
        if concept_centrality is not None and concept_centrality not in CONCEPT_CENTRALITIES:
            raise OptionError(f"concept_centrality must be None or one of "
                             f"{', '.join(CONCEPT_CENTRALITIES)}, got {value_repr(concept_centrality)}")
        if concept_centrality is not None and (concept_weighting != "df"
                                               or word_position is not None):
            raise OptionError("concept_centrality scales the default's concept weights: it "
                              "needs concept_weighting 'df' and no word_position, which each "
                              "weigh concepts their own way")
        check_concept_units(concept_units, unigram_weight)
        if concept_units != "bigrams" and (word_position is not None or learned):
            raise OptionError(f"concept_units={value_repr(concept_units)} cannot be combined with "
                              "word_position or a learned concept weighting: both read the "
                              "concepts as bigrams")
        check_single_df_weight(single_df_weight, min_df)
        check_window(content_window, concept_units)
        if content_window is not None and (word_position is not None or learned):
            raise OptionError("content_window cannot be combined with word_position or a "
                              "learned concept weighting: both read a concept as two adjacent "
                              "words")
        if lead_decay is not None and not 0 <= lead_decay <= 10:  # type checked as every option's
            raise OptionError(f"lead_decay must be in [0, 10] or null, got {value_repr(lead_decay)}")
        if lead_decay is not None and lead_weight == 0:
            raise OptionError("lead_decay shapes the lead prior: with lead_weight 0 it would not "
                              "be used")
        if single_df_weight is not None and (concept_weighting != "df"
                                             or word_position is not None):
            raise OptionError("single_df_weight scales the default's concept weights: it needs "
                              "concept_weighting 'df' and no word_position, which each weigh "
                              "concepts their own way")
        # their types are checked with every option's
        if document_diversity is not None and not 0 < document_diversity <= MAX_WEIGHT:
            raise OptionError(f"document_diversity must be a number > 0 and at most "
                              f"{MAX_WEIGHT:g} (weights are relative), or null, got "
                              f"{value_repr(document_diversity)}")
        if entity_weight is not None and not 0 < entity_weight <= MAX_WEIGHT:  # 1e308: NaN
            raise OptionError(f"entity_weight must be a number > 0 and at most {MAX_WEIGHT:g} "
                              f"(weights are relative), or null, got {value_repr(entity_weight)}")
        if entity_weight is not None and (concept_weighting != "df" or stem_prefix
                                          or word_forms is not None):
            raise OptionError("entity_weight scales the concepts of words as written: it "
                              "needs concept_weighting 'df', no stem_prefix and no word_forms")
        if title_weight is not None and not 0 < title_weight <= MAX_WEIGHT:  # types: as above
            raise OptionError(f"title_weight must be a number > 0 and at most {MAX_WEIGHT:g} "
                              f"(weights are relative), or null, got {value_repr(title_weight)}")
        if title_weight is not None and (concept_weighting != "df" or word_position is not None):
            raise OptionError("title_weight adds to the default's concept weights: it needs "
                              "concept_weighting 'df' and no word_position, which each weigh "
                              "concepts their own way")
        if tfidf_chars is not None and not (isinstance(tfidf_chars, int) and 2 <= tfidf_chars <= 8):
            raise OptionError(f"tfidf_chars must be an int from 2 to 8 or null, got "
                              f"{value_repr(tfidf_chars)}")
        if consensus is not None and not 1 < consensus <= 10:  # types: as above
            raise OptionError(f"consensus must be a number > 1 and at most 10 (the factor "
                              f"each weight is scaled by), or null, got {value_repr(consensus)}")
        if consensus_overlap not in OVERLAPS:
            raise OptionError(f"consensus_overlap must be one of {', '.join(OVERLAPS)}, got "
                              f"{value_repr(consensus_overlap)}")
        if consensus is None and consensus_overlap != "bigrams":
            raise OptionError("consensus_overlap is for consensus (without it, it would not be "
                              "used)")
        self.concept_weight = concept_weight
        self.semantic_weight = semantic_weight
        self.lead_weight = lead_weight
        self.alpha = alpha
        self.min_df = min_df
        self.length_power = length_power
        self.position_decay = position_decay
        self.max_rank = max_rank
        self.max_candidates = max_candidates
        self.diversity_weight = diversity_weight
        self.diversity_clusters = diversity_clusters
        self.stem_prefix = stem_prefix
        self.concept_weighting = concept_weighting
        self.lsa_rank = lsa_rank
        self.lsa_entries = lsa_entries
        self.background = background
        self.word_position = word_position
        # read and checked now: a bad file fails here, not at the first summary
        self.concept_model = load_model(concept_model) if learned else None
        self.word_forms = word_forms
        self.word_forms_share = word_forms_share
        self.concept_centrality = concept_centrality
        self.concept_units = concept_units
        self.unigram_weight = unigram_weight
        self.single_df_weight = single_df_weight
        self.lead_decay = lead_decay
        self.document_diversity = document_diversity
        self.entity_weight = entity_weight
        self.content_window = content_window
        self.title_weight = title_weight
        self.tfidf_chars = tfidf_chars
        self.consensus = consensus
        self.consensus_overlap = consensus_overlap

    def method_settings(self) -> dict[str, Any]:
        return {
            "objective": f"concept {UNIT_NAMES[self.concept_units]} coverage + saturated "
                         "semantic coverage + lead prior",
            "concept_weight": self.concept_weight,
            "semantic_weight": self.semantic_weight,
            "lead_weight": self.lead_weight,
            "alpha": self.alpha,
            "min_df": self.min_df,
            "length_power": self.length_power,
            "position_decay": self.position_decay,
            "max_rank": self.max_rank,
            "max_candidates": self.max_candidates,
            **({"stem_prefix": self.stem_prefix} if self.stem_prefix else {}),
            **({"concept_weighting": self.concept_weighting, "lsa_rank": self.lsa_rank,
                "lsa_entries": self.lsa_entries} if self.concept_weighting.startswith("lsa")
               else {}),
            **({"concept_weighting": self.concept_weighting,
                "concept_model": self.concept_model.source,
                "concept_model_sha256": self.concept_model.sha256}
               if self.concept_model else {}),
            **({"background": self.background, "background_source": source()}
               if self.background else {}),
            **({"word_position": self.word_position} if self.word_position else {}),
            **({"word_forms": self.word_forms, "word_forms_share": self.word_forms_share}
               if self.word_forms in WORD_FORMS else {}),
            **({"word_forms": self.word_forms, "word_forms_source": stemmer_source()}
               if self.word_forms == "snowball" else {}),
            **({"concept_centrality": self.concept_centrality}
               if self.concept_centrality else {}),
            **units_settings(self.concept_units, self.unigram_weight),
            **({"single_df_weight": self.single_df_weight}
               if self.single_df_weight is not None else {}),
            **({"lead_decay": self.lead_decay} if self.lead_decay is not None else {}),
            **({"document_diversity": self.document_diversity}
               if self.document_diversity is not None else {}),
            **({"entity_weight": self.entity_weight} if self.entity_weight is not None else {}),
            **({"content_window": self.content_window}
               if self.content_window is not None else {}),
            **({"title_weight": self.title_weight} if self.title_weight is not None else {}),
            **({"tfidf_chars": self.tfidf_chars} if self.tfidf_chars is not None else {}),
            **({"consensus": self.consensus, "consensus_overlap": self.consensus_overlap}
               if self.consensus is not None else {}),
            **({"diversity_weight": self.diversity_weight,
                "diversity_clusters": self.diversity_clusters, "kmeans_seed": KMEANS_SEED}
               if self.diversity_weight else {}),
        }

    # -- the objective's parts -----------------------------------------------
    @staticmethod
    def _ranks(pool: Pool) -> list[int]:
        # pool order is document order, then position
        return sentence_ranks([s.doc_index for s in pool.sentences])

    def swappable(self, pool: Pool) -> np.ndarray | None:
        if self.max_rank is None:
            return None
        return np.array(self._ranks(pool)) < self.max_rank

    def lead_prior(self, pool: Pool) -> np.ndarray:
        """1 / (1 + r) for a sentence of rank r in its document; with ``lead_decay`` d
        (off by default), 1 / (1 + r) ** d: below 1 a flatter prior, above 1 a steeper one."""
        ranks = np.array(self._ranks(pool), dtype=float)
        if self.lead_decay is None:  # the default, as it always was
            return 1.0 / (1.0 + ranks)
        return (1.0 + ranks) ** -self.lead_decay

    def _title_tokens(self, pool: Pool) -> list[list[str]]:
        if not self.title_weight:
            return []
        return [unicode_tokens(d.title) for d in pool.cluster.documents if d.title]

    # -- selection -------------------------------------------------------------
    def select(
        self, pool: Pool, kind: str, budget: Budget
    ) -> tuple[list[int], int | None, np.ndarray]:
        if self.consensus is not None:  # off by default
            return self._consensus_select(pool, kind, budget)
        n = len(pool)
        if kind == "tfidf" and self.tfidf_chars is not None:  # off by default
            kind = f"{CHARS}{self.tfidf_chars}"
        stopwords, bg = pool.stopwords, None
        if self.background:
            bg = background_for(pool.language)
            # which list, or that there was none: then summarised as without a background
            pool.notes.update(background_list=bg.code if bg else f"none for {pool.language}")
            if self.background.endswith("stopwords"):
                stopwords = concept_stopwords(bg, pool.stopwords)
        docs = [s.doc_index for s in pool.sentences]
        forms = None
        if self.word_forms == "snowball":  # the language's stemmer (off by default)
            lang = snowball_language(pool.language)
            # which stemmer, or that there was none: then summarised as without word forms
            pool.notes.update(word_forms_stemmer=lang or f"none for {pool.language}")
            if lang is not None:
                forms = stemmed_forms(pool.tokens, stopwords, stemmer(lang))
            pool.notes.update(word_forms_merged=len(forms or ()))
        elif self.word_forms:  # the cluster's own merges of word forms (off by default)
            forms = word_forms(pool.tokens, stopwords, self.word_forms, self.word_forms_share)
            pool.notes.update(word_forms_merged=len(forms))
        centrality = self.concept_centrality or ""
        doc_weights = (document_centrality(pool.tokens, docs, stopwords)
                       if centrality.startswith("document") else None)  # off by default
        con = extract_concepts(pool.tokens, docs, stopwords, self.min_df, self.position_decay,
                               self.stem_prefix, forms, doc_weights, self.concept_units,
                               self.unigram_weight, 1.0 if self.single_df_weight is None
                               else self.single_df_weight, window=self.content_window,
                               titles=self._title_tokens(pool), title_weight=self.title_weight or 0.0)
        concept_ids, cweights = con.per_sentence, con.weights
        if self.word_position:  # replaces the sentence-rank weights (off by default)
            cweights = word_position_weights(con.names, pool.tokens, docs, self.word_position,
                                             self.stem_prefix, self.position_decay)
        if self.concept_model is not None:  # off by default
            learned = self.concept_model.predict(concept_features(
                con.names, con.weights, pool.tokens, docs, stopwords, self.stem_prefix))
            cweights = learned * cweights if self.concept_weighting == "learned-df" else learned
        del docs  # not held through selection, where coverage peaks
        if bg is not None and self.background is not None and self.background != "stopwords":
            cweights = cweights * concept_factors(con.names, bg, self.background, pool.tokens)
        if self.entity_weight is not None:  # off by default
            named = entity_words(pool.texts, stopwords)
            holds = np.array([not named.isdisjoint(c) for c in con.names], dtype=bool)
            cweights = np.where(holds, cweights * self.entity_weight, cweights)
            pool.notes.update(entity_words=len(named), entity_concepts=int(holds.sum()))
        ctotal = cweights.sum() or 1.0
        prior = self.lead_prior(pool)
        costs = np.array([max(budget.size([s.text]), 1) for s in pool.sentences], dtype=float)
        if budget.unit == "sentences":
            costs[:] = 1.0
        # normalise the modular lead term by the number of sentences that fit
        typical = typical_sentences(budget, costs)
        scale = costs**self.length_power
        # the sentences allowed, as an array: a list held an int object for each (12 MB of
        # a 50 MB text's 336,000 sentences, and as much for their ranks)
        allowed = (np.arange(n) if self.max_rank is None
                   else np.flatnonzero(np.array(self._ranks(pool)) < self.max_rank))

        # Candidate pruning, linear in the input: the concept and lead terms of
        # every sentence's singleton gain cost nothing to compute; only the best
        # ``max_candidates`` sentences by that bound per unit of length are
        # embedded and compared pairwise (the semantic term, the redundancy
        # rule), so time and memory stay bounded however long the input is.
        # The semantic term then measures coverage of these candidates: the
        # sentences that carry the cluster's recurring concepts and leads.
        def singletons() -> np.ndarray:
            sums = np.fromiter((cweights[ids].sum() for ids in concept_ids), float, len(concept_ids))
            return self.concept_weight * sums / ctotal + self.lead_weight * prior / typical

        modular = singletons()
        cap = len(allowed) if self.max_candidates is None else self.max_candidates
        if cap < len(allowed):
            bound = modular[allowed] / scale[allowed]
            ranked = allowed[np.argsort(-bound, kind="stable")].tolist()
            cand = first_distinct(ranked, pool.tokens, cap)  # not 500 variants of one
        else:
            cand = allowed.tolist()
        if self.concept_weighting.startswith("lsa"):
            # on the candidates only: the SVD's size is bounded by max_candidates
            rank = max(1, round(typical)) if self.lsa_rank == "budget" else self.lsa_rank
            lsa = lsa_weights(concept_ids, len(cweights), cand, rank, self.lsa_entries)
            cweights = lsa * cweights if self.concept_weighting == "lsa-df" else lsa
            ctotal = cweights.sum() or 1.0
            modular = singletons()
        # the candidates' documents, for the document reward (off by default)
        doc_part = (np.unique([pool.sentences[i].doc_index for i in cand],
                              return_inverse=True)[1]
                    if self.document_diversity and cand else None)
        check_pairwise(len(cand), "max_candidates", self.max_candidates)
        pool.notes.update(candidates_scored=len(cand), candidates_total=len(allowed))
        local = {i: k for k, i in enumerate(cand)}
        if self.semantic_weight > 0 and cand:
            sim = pool.similarity(kind, self.encoder, cand)  # len(cand)^2, bounded by the cap
        else:
            sim = np.zeros((len(cand), len(cand)))
        if centrality.endswith(("sentence", "sentence-max")) and cand:  # off by default
            # LexRank on the candidates, as the LSA weights: bounded by max_candidates
            graph = sim if self.semantic_weight > 0 else pool.similarity(kind, self.encoder,
                                                                         cand)
            cweights = cweights * sentence_centrality(
                concept_ids, len(cweights), cand, graph,
                "max" if centrality.endswith("max") else "mean")
            ctotal = cweights.sum() or 1.0
            modular = singletons()
        caps = self.alpha * sim.sum(axis=1)
        stotal = caps.sum() or 1.0
        redundancy = self.redundancy(pool, kind, cand)
        covered = np.zeros(len(cweights), dtype=bool)
        cover = np.zeros(len(cand))  # sum_{j in S} sim(i, j) for every candidate i
        # Lin & Bilmes' diversity rewards, each (weight, reward): over k-means parts, and
        # (off by default) over the source documents
        rewards: list[tuple[float, PartReward]] = []
        if self.diversity_weight and cand:
            part, reward = diversity_parts(pool.vectors(kind, self.encoder, cand), sim,
                                           self.diversity_clusters)
            rewards.append((self.diversity_weight, PartReward(part, reward)))
        if doc_part is not None:
            rewards.append((float(self.document_diversity or 0),
                            PartReward(doc_part, singleton_rewards(sim))))

        def gain(i: int) -> float:
            ids = concept_ids[i]
            g = self.concept_weight * cweights[ids[~covered[ids]]].sum() / ctotal
            if self.semantic_weight:
                new = np.minimum(cover + sim[:, local[i]], caps).sum() - np.minimum(cover, caps).sum()
                g += self.semantic_weight * new / stotal
            for weight, r in rewards:
                # per sentence that fits, like the lead term: a new part keeps paying its
                # full reward while concept gains shrink, so an unscaled weight that suits
                # 100 words pulls outliers into a 250-word summary (eval/tac2011_cv.py)
                g += weight * r.step(local[i]) / (r.total * typical)
            return g + self.lead_weight * prior[i] / typical

        scores = modular.copy()  # reported scores: singleton gains (concept + lead outside)
        for i in cand:
            scores[i] = gain(i)
        # Lazy greedy (Minoux 1978): gains only shrink as S grows (the objective is
        # submodular), so a stale gain is an upper bound and most need no update.
        heap = [(-scores[i] / scale[i], i, 0) for i in cand]
        heapq.heapify(heap)
        filler: Filler[int] = Filler(budget)
        while heap and not filler.done:
            neg, best, stamp = heapq.heappop(heap)
            if stamp != len(filler.taken):  # stale bound: refresh and retry
                heapq.heappush(heap, (-gain(best) / scale[best], best, len(filler.taken)))
                continue
            if redundancy.duplicate(best, filler.taken):
                continue  # chosen only grows: a duplicate now stays one
            if filler.offer(best, pool.sentences[best].text):
                covered[concept_ids[best]] = True
                cover += sim[:, local[best]]
                for _, r in rewards:
                    r.take(local[best])
        return filler.taken, filler.cut, scores

    def _consensus_select(
        self, pool: Pool, kind: str, budget: Budget
    ) -> tuple[list[int], int | None, np.ndarray]:
        """The selection of these settings or of one of their neighbours, whichever agrees
        most with the rest (:mod:`summarizer.summarizers.consensus`); all read one pool, so
        its vectors and similarities are computed once."""
        own = {name: getattr(self, name) for name in SCALED}
        runs = []
        for label, moved in members(own, float(self.consensus or 0)):
            member = copy.copy(self)
            member.consensus = None
            for name, value in moved.items():
                setattr(member, name, value)
            runs.append((label, member.select(pool, kind, budget)))
        chosen = central([grams([pool.tokens[i] for i in taken], self.consensus_overlap)
                          for _, (taken, _, _) in runs])
        pool.notes.update(consensus_members=len(runs), consensus_chosen=runs[chosen][0])
        return runs[chosen][1]


def median(values: np.ndarray) -> float:
    """``np.median`` of a 1-D array, to the bit, without the import of ``numpy.ma`` that
    ``np.median`` makes (about 8 ms of a cold start)."""
    ordered = np.sort(np.asarray(values, dtype=float))
    mid = len(ordered) // 2
    if not len(ordered):
        return float("nan")
    return float(ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2)


def typical_sentences(budget: Budget, costs: np.ndarray) -> float:
    """How many sentences of the median size (``costs``: each candidate's size in the
    budget's unit, at least 1) the budget holds, at least 1: the scale of the lead term and
    the LSA rank ``"budget"`` (``coverage``, ``occams``)."""
    if budget.unit == "sentences":
        return budget.limit
    return max(1.0, budget.limit / max(median(costs), 1.0))


class PartReward:
    """Lin & Bilmes' (2011) diversity reward of a set, ``sum_k sqrt(sum of its rewards in
    part k)``, over a partition of the candidates (``part``: each one's part) with each
    candidate's singleton ``reward``; ``total`` is its value on every candidate, the
    scale the gains are divided by."""

    def __init__(self, part: np.ndarray, reward: np.ndarray) -> None:
        self.part, self.reward = part, reward
        self.total = np.sqrt(np.bincount(part, weights=reward)).sum() or 1.0
        self.filled = np.zeros(part.max() + 1)  # sum of rewards chosen in each part

    def step(self, j: int) -> float:
        """How much adding candidate ``j`` raises the reward (before dividing by total)."""
        k = self.part[j]
        return float(np.sqrt(self.filled[k] + self.reward[j]) - np.sqrt(self.filled[k]))

    def take(self, j: int) -> None:
        self.filled[self.part[j]] += self.reward[j]


def singleton_rewards(sim: np.ndarray) -> np.ndarray:
    """Each candidate's singleton reward in Lin & Bilmes' diversity reward, its mean
    similarity to the candidates (uniform where there are no similarities): the k-means
    parts' (:func:`diversity_parts`) and the documents' (``document_diversity``)."""
    return sim.mean(axis=1) if sim.any() else np.ones(len(sim)) / len(sim)


def diversity_parts(vectors: np.ndarray, sim: np.ndarray,
                    fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Lin & Bilmes' (2011) diversity reward, its two inputs: a partition of the
    candidates into ``fraction * n`` k-means clusters (seeded, so reproducible) and each
    candidate's singleton reward (:func:`singleton_rewards`). The reward of a
    set, ``sum_k sqrt(sum of its rewards in part k)``, grows fastest by taking from parts
    not yet used."""
    n = len(vectors)
    k = max(1, min(n, round(fraction * n)))
    reward = singleton_rewards(sim)
    # default_rng(KMEANS_SEED).choice(n, k, replace=False), without importing numpy.random
    centres = vectors[choice_without_replacement(n, k, seed=KMEANS_SEED)].astype(np.float64)
    slack = product_slack(vectors)
    part = np.zeros(n, dtype=int)
    for _ in range(20):
        part = nearest_centres(vectors, centres, slack)  # unit vectors: nearest by cosine
        # each part's mean from its rows in order (one sort, not k masks over all n), one
        # part's copy at a time: a sorted copy of all of them was 40 MB at 2,000 sentences
        order = np.argsort(part, kind="stable")
        ends = np.cumsum(np.bincount(part, minlength=k)).tolist()
        moved = np.array([vectors[order[a:b]].mean(0) if b > a else centres[c]
                          for c, (a, b) in enumerate(zip([0, *ends[:-1]], ends, strict=True))])
        # row by row: allclose's temporaries over all of them were 4 copies of the centres
        if all(np.allclose(m, c) for m, c in zip(moved, centres, strict=True)):
            break
        centres = moved
    return part, reward


def product_slack(vectors: np.ndarray) -> np.ndarray:
    """Per row, a bound on how far a float32 product ``vectors[i] @ c`` (``c`` rounded to
    float32, the terms summed in any order) lies from the exact one, per unit of ``|c|``:
    ``(nonzeros + 1) u`` for the row's nonzero terms (a zero term adds exactly), ``u`` for
    the cast of ``c``, and ``|v| |c|`` bounds the sum of the terms' sizes (Cauchy-Schwarz);
    float32's ``eps`` is ``2u``, so the bound holds twice over."""
    nonzeros = np.count_nonzero(vectors, axis=1)
    norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors, dtype=np.float64))
    return (nonzeros + 4) * float(np.finfo(np.float32).eps) * norms


def nearest_centres(vectors: np.ndarray, centres: np.ndarray, slack: np.ndarray) -> np.ndarray:
    """Each row's centre of largest product, ties to the first, whatever the BLAS threads.

    OpenBLAS sums a product in another order on two threads than on one at some shapes, and
    so picked either of two centres tied in exact arithmetic (eval/results/diversity_threads.md).
    Here float32 products only screen: where a row's runner-up is within twice the bound of
    ``product_slack`` of its best, its close centres are ranked by ``math.fsum`` of the
    float64 products of the row's nonzero terms, correctly rounded, so no order of the terms
    matters. Float32 makes no float64 copy of ``vectors`` (80 MB at 2,000 TF-IDF sentences),
    only of the centres."""
    screen = vectors @ centres.astype(np.float32).T
    part = np.argmax(screen, axis=1)
    widest = float(np.sqrt(np.einsum("ij,ij->i", centres, centres, dtype=np.float64).max()))
    close = screen >= (screen[np.arange(len(part)), part] - 2 * slack * widest)[:, None]
    for i in np.flatnonzero(np.count_nonzero(close, axis=1) > 1).tolist():
        cands = np.flatnonzero(close[i])
        terms = np.flatnonzero(vectors[i])
        exact = [math.fsum(row) for row in (vectors[i, terms].astype(np.float64)
                                            * centres[np.ix_(cands, terms)]).tolist()]
        part[i] = cands[max(range(len(cands)), key=lambda j: (exact[j], -j))]
    return part
