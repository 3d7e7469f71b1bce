"""Private to bot.nlp.message_kind: the small trained model that reads what a message is.

A multinomial logistic regression over three blocks of features:

- words: lemma unigrams and bigrams (spaCy blank("en") + lookup lemmas, negation marked: "did not
  NEG_work"), tf-idf;
- characters: n-grams of 2-4 characters within words, which carry typos, abbreviations ("ppl",
  "thx"), emoji and other languages;
- signs ("meta"): how the message is written and what the rest of bot.nlp reads in it: the person's
  role (alone and with the length and a question mark), length, a question mark, a question word or
  a request verb first, past-tense verbs and people ("a patient", "she") as in a story, tone words of a
  great or an irritating moment, the tone by VADER's lexicon (counts, balance and how the last clause
  ends: "the system crashed, but Kim remembered every appointment" ends well), negation, another language, emoji, small-talk and command phrases,
  a named period ("last week"), and the managers' question parser (bot.nlp.question): the intent it
  finds, its confidence and whether a moment of truth is named.

The model's labels are the kinds with a customer's feedback split by tone: a great moment is
`story`, an irritating or dull one `problem`, whoever tells it; the role then decides (see
message_kind.py). It trains in a few seconds from bot/nlp/data/message_kinds*.yaml (our two authors' phrasings and a sample of the
development question and story authors' messages, devkit/message_kind_corpus.py); training is
deterministic, so nothing needs to be shipped but the phrasings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from bot.nlp.analyzer import NEGATIONS, Analyzer, Token, _negation_marked, build_analyzer, tone_lexicon
from bot.nlp.dataset import load_yaml
from bot.nlp.fitted import digest_of, once_per_process
from bot.nlp.message_kind_lexicon import (
    AUX_WORDS,
    COMMAND_PHRASES,
    ENGLISH_WORDS,
    FIRST_PERSON,
    FOREIGN_WORDS,
    FRAGMENT_WORDS,
    IRRITATING_PHRASES,
    IRRITATING_WORDS,
    PEOPLE_NOUNS,
    REQUEST_VERBS,
    RESOLUTION_VERBS,
    SHINING_PHRASES,
    SHINING_WORDS,
    SMALLTALK_PADDING,
    SMALLTALK_PHRASES,
    START_CUES,
    START_OBJECTS,
    STAFF_NAMES_HINT,
    WH_WORDS,
    fold,
    has_emoji,
    squeeze,
    strip_emoji,
)
from bot.nlp.question import MotRef, Question, parse_question
from bot.nlp.tfidf import hstack_csr

_DATA = Path(__file__).resolve().parent / "data"
# our two authors' phrasings, and the development question and story authors' (devkit/message_kind_corpus.py)
PHRASINGS = (_DATA / "message_kinds.yaml", _DATA / "message_kinds_second_author.yaml", _DATA / "message_kinds_authors.yaml")
ROLES = ("staff", "manager", "customer")
LABELS = ("story", "problem", "question", "smalltalk", "command", "unclear")
TONES = {"shining": "story", "irritating": "problem", "dull": "problem"}
MAX_CHARS = 1_000  # the first thousand characters decide; a story is rarely longer


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One labelled message: `kind` is what it is for its `role`; `label` is what the model learns."""

    text: str
    role: str
    kind: str
    label: str
    shared: bool = False  # written for any role (expanded to all three for training)


def load_phrasings(paths: Path | str | Sequence[Path | str] = PHRASINGS) -> list[Phrasing]:
    """kind -> role -> lines (or, for customers' feedback, -> tone -> lines), from one file or several;
    role `any` gives one row per role, marked `shared`."""
    if isinstance(paths, (str, Path)):
        paths = (paths,)
    rows: list[Phrasing] = []
    for path in paths:
        rows.extend(_phrasings_of(load_yaml(Path(path).read_text(encoding="utf-8")) or {}))
    return rows


def _phrasings_of(data: dict) -> list[Phrasing]:  # type: ignore[type-arg]
    rows: list[Phrasing] = []
    for kind, by_role in data.items():
        for role, block in (by_role or {}).items():
            roles = ROLES if role == "any" else (role,)
            for tone, lines in _blocks(block):
                label = TONES.get(tone or "", kind) if kind == "feedback" else kind
                if kind == "feedback" and tone is None:
                    label = "feedback"  # untoned feedback: fine to measure, not to train on
                for text in lines:
                    rows.extend(Phrasing(text, r, kind, label, role == "any") for r in roles)
    return rows


def _blocks(block: object) -> Iterable[tuple[str | None, list[str]]]:
    if isinstance(block, str):
        yield None, _lines(block)
    elif isinstance(block, dict):
        for tone, lines in block.items():
            yield str(tone), _lines(lines or "")


def _lines(block: str) -> list[str]:
    return [line.strip() for line in block.splitlines() if line.strip() and not line.lstrip().startswith("# ")]


# ---------------------------------------------------------------------------------------------
# Signs

# Generic moments of truth (clinic and restaurant), so the question parser can see a named moment
# ("how was parking") whatever the team's cycle.
GENERIC_MOTS = tuple(MotRef(i, n) for i, n in (
    ("call-appointment", "Call for an appointment"), ("find-parking", "Find a parking place"),
    ("enter-building", "Enter the building"), ("read-signs", "Read the signs"),
    ("ask-directions", "Ask for directions"), ("check-in", "Check in"),
    ("insurance-forms", "Insurance card and forms"), ("waiting-room", "Sit in the waiting room"),
    ("escort-exam", "Go to the exam area"), ("vital-signs", "Vital signs taken"),
    ("interview", "Interview about your condition"), ("tests", "Tests and measurements"),
    ("physician", "Seen by the physician"), ("checkout-pay", "Check out and pay"),
    ("back-to-car", "Find your way back to the car"), ("drive-out", "Drive out of the parking lot"),
    ("wait-results", "Wait for results"), ("receive-results", "Receive results"),
    ("follow-up", "Call for follow-up"), ("book-table", "Book a table"), ("arrive-greeted", "Arrive and be greeted"),
    ("seated", "Be seated"), ("order", "Order food and drinks"), ("served", "Food is served"),
    ("check-back", "Check back during the meal"), ("pay-bill", "Pay the bill"), ("leave", "Leave and say goodbye"),
))
_NOW = datetime(2026, 1, 14, 12, 0)  # any moment: only the question's intent is used, never its period
_PERIOD = re.compile(
    r"\b(?:(?:this|last|past|previous|next)\s+(?:\d+\s+)?(?:week|month|year|quarter|fortnight|days|weeks|months)"
    r"|yesterday|since\s+\w+|lately|so far|(?:in|during|since)\s+(?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december))\b"
)
_APPEAL = re.compile(r"(?:can|could|will|would|is|does) (?:someone|somebody|anyone|anybody|no one|nobody)\b|"
                    r"(?:how are we supposed|when will|when is|when are) ")
_RATING = re.compile(r"\b(?:\d+(?:\.\d)?\s*(?:/|out of)\s*(?:5|10)|(?:\d+|zero|one|two|three|four|five)\s*stars?)\b")
_NOT_PAST = frozenset("is are am 's 're 'm n't 'll 've 'd better worse best worst men women children people "
                      "feet teeth ca wo sha gon wan data media was were".split())
# Words that small talk is made of: a message of nothing else says nothing about a visit.
SMALLTALK_WORDS = frozenset(w for phrase in SMALLTALK_PHRASES for w in phrase.split()) | SMALLTALK_PADDING | ENGLISH_WORDS
_PAST_FORMS = frozenset("was were did had".split())
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f"{edges[-1]}+"


def _phrase_hits(words: Sequence[str], phrases: Iterable[str]) -> int:
    joined = f" {' '.join(words)} "
    return sum(1 for p in phrases if f" {p} " in joined)


@dataclass(frozen=True, slots=True)
class _Read:
    folded: str
    word_text: str  # lemmas, negation marked, for the word n-grams
    signs: list[str]


def read_text(text: str, role: str, analyzer: Analyzer) -> _Read:
    """Tokenize once; the word-feature text and the signs of one message."""
    folded = squeeze(fold(text[:MAX_CHARS]))
    tokens = [t for t in analyzer.tokens(folded) if not t.is_space]
    word_text = " ".join(_negation_marked((t.lemma, t.is_punct) for t in tokens))
    return _Read(folded, word_text, signs(folded, tokens, role))


def signs(folded: str, tokens: Sequence[Token], role: str) -> list[str]:
    """The sign features of one message (see the module docstring)."""
    words = [t.lower for t in tokens if t.is_alpha or _TOKEN.fullmatch(t.lower)]
    lemmas = [t.lemma for t in tokens if t.is_alpha]
    n = len(words)
    length = _bucket(n, (0, 1, 2, 3, 5, 8, 15, 30))
    out = [f"role={role}", f"len={length}", f"{role}|len={length}"]
    tail = strip_emoji(folded[-12:]).rstrip(" !.)")
    if tail.endswith("?"):
        out += ["qmark_end", f"{role}|qmark"]
    elif "?" in folded:
        out.append("qmark_inside")
    if "!" in folded:
        out.append("exclaim")
    first = words[0] if words else ""
    if first in WH_WORDS:
        out += ["wh_first", f"{role}|wh_first"]
    elif first in AUX_WORDS:
        out.append("aux_first")
    elif first in REQUEST_VERBS:
        out += ["request_first", f"{role}|request_first"]
    past = sum(1 for t in tokens if t.is_alpha and (t.lower in _PAST_FORMS or (
        t.lemma != t.lower and t.lower not in _NOT_PAST and not t.lower.endswith(("s", "ing")))))
    out.append(f"past={_bucket(past, (0, 1, 2))}")
    if any(w in FIRST_PERSON for w in words):
        out.append("first_person")
        resolved = sum(1 for t in tokens if t.lemma in RESOLUTION_VERBS and t.lower != t.lemma
                       and not t.lower.endswith(("s", "ing")))
        if resolved:
            out.append(f"resolved={_bucket(resolved, (1, 2))}")
    joined = f" {' '.join(words)} "
    for cue in START_CUES:
        at = joined.find(f" {cue} ")
        if at >= 0 and set(joined[at:].split()[len(cue.split()):len(cue.split()) + 6]) & START_OBJECTS:
            out.append("start_cue")
            break
    if any(w in PEOPLE_NOUNS for w in lemmas) or any(w in STAFF_NAMES_HINT for w in words):
        out.append("people")
    shining = sum(1 for w in lemmas if w in SHINING_WORDS) + _phrase_hits(words, SHINING_PHRASES)
    irritating = sum(1 for w in lemmas if w in IRRITATING_WORDS) + _phrase_hits(words, IRRITATING_PHRASES)
    out += [f"shine={_bucket(shining, (0, 1, 2))}", f"irritate={_bucket(irritating, (0, 1, 2))}"]
    if shining or irritating:
        tone = "+" if shining > irritating else "-" if irritating > shining else "="
        out += [f"tone={tone}", f"{role}|tone={tone}"]
        if tone == "-" and (first == "why" or _APPEAL.match(" ".join(words))):
            out.append("complaint_question")  # "why is the card machine always broken?"
    out += _lexicon_tone(tokens, role)
    if words and all(w in FRAGMENT_WORDS for w in words):
        out.append("fragment")
    content = sum(1 for w in words if w not in SMALLTALK_WORDS)
    out.append(f"content={_bucket(content, (0, 1, 2, 4))}")
    if any(w in ("not", "no", "never", "nobody", "nothing", "cannot") for w in lemmas):
        out.append("negation")
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    if foreign >= 2 and foreign > sum(1 for w in words if w in ENGLISH_WORDS):
        out += ["foreign", f"{role}|foreign"]
    if has_emoji(folded):
        out.append("emoji")
    if any(" ".join(words[i:i + k]) in SMALLTALK_PHRASES for k in (1, 2, 3) for i in range(min(n, 4))):
        out.append("smalltalk_phrase")
    if first and (first in COMMAND_PHRASES or " ".join(words[:2]) in COMMAND_PHRASES):
        out.append("command_first")
    if _RATING.search(folded):
        out.append("rating")
    if _PERIOD.search(folded):
        out += ["period", f"{role}|period"]
    if n > 30:  # a question is short; parsing a long story would only cost time
        return out
    question = question_reading(folded)
    if question.intent != "unknown":
        strength = "high" if question.confidence >= 0.7 else "mid"
        out += [f"qp={question.intent}", f"qp_conf={strength}", f"{role}|qp_conf={strength}"]
    elif question.alternatives:
        out.append("qp_maybe")
    if question.mot_id:
        out.append("qp_mot")
    return out


def question_reading(folded: str) -> Question:
    """What the managers' question parser reads in a (folded) message, with generic moments: only its intent
    and confidence are used, never its period or moment."""
    return parse_question(folded[:300], now=_NOW, tz="UTC", mots=GENERIC_MOTS)


_TONE_BREAKS = frozenset(".!?;") | {"but", "however", "although", "though", "so"}


def _lexicon_tone(tokens: Sequence[Token], role: str) -> list[str]:
    """The tone of the message by VADER's lexicon (7,500 words rated by people, see bot.nlp.analyzer):
    how many clearly positive and negative words (a negation flips the three words after it, within its
    clause), the balance, and the tone of the last clause that has one ("the card machine went down, but
    Leah set up transfers and everyone left happy" ends well). Words too rare in the phrasings to have a
    weight of their own still count here."""
    lexicon = tone_lexicon()
    pos = neg = 0
    clause = last = 0.0
    negated = -1  # the position of the last negation word; it flips the next three words (as VADER does)
    for i, t in enumerate(tokens):
        if t.is_punct or t.lower in _TONE_BREAKS:
            negated = -1
            if clause:
                last, clause = clause, 0.0
            continue
        if t.lower in NEGATIONS or t.lower == "n't" or t.lemma in NEGATIONS:
            negated = i
            continue
        valence = lexicon.get(t.lower, lexicon.get(t.lemma))
        if valence is None or abs(valence) < 1.0:
            continue
        valence = -valence if negated >= 0 and i - negated <= 3 else valence
        pos += valence > 0
        neg += valence < 0
        clause += valence
    last = clause or last
    if not (pos or neg):
        return ["vtone=none"]
    balance = "+" if pos > neg else "-" if neg > pos else "="
    end = "+" if last > 0 else "-" if last < 0 else "="
    return [f"vpos={_bucket(pos, (0, 1, 2))}", f"vneg={_bucket(neg, (0, 1, 2))}", f"vtone={balance}",
            f"{role}|vtone={balance}", f"vend={end}", f"vtone={balance}|vend={end}"]


# ---------------------------------------------------------------------------------------------
# The model

@dataclass(frozen=True, slots=True)
class ModelConfig:
    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 4)
    char_weight: float = 0.7
    sign_weight: float = 0.5
    c: float = 8.0
    class_weight: str | None = "balanced"


class KindModel:
    """Fitted by `fit_kind_model`; `scores(text, role)` -> probability per label (`LABELS` order) and the
    features that pushed the best label most."""

    def __init__(self, config: ModelConfig, word: TfidfVectorizer, char: TfidfVectorizer,
                 sign_index: dict[str, int], classifier: LogisticRegression, analyzer: Analyzer) -> None:
        self.config = config
        self._analyzer = analyzer
        self._word, self._char = _Block(word, 0, 1.0), _Block(char, len(word.vocabulary_), config.char_weight)
        self._signs = sign_index
        self._sign_offset = len(word.vocabulary_) + len(char.vocabulary_)
        self._coef, self._intercept = _per_label(classifier)
        self._names: list[str] | None = None
        self._vocabularies = (word.vocabulary_, char.vocabulary_)

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the spaCy analyzer, which is shared and rebuilt on load (`build_analyzer`)."""
        return {name: value for name, value in self.__dict__.items() if name not in ("_analyzer", "_names")}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state, _analyzer=build_analyzer(), _names=None)

    def scores(self, text: str, role: str) -> tuple[np.ndarray, list[tuple[str, float]]]:
        read = read_text(text, role, self._analyzer)
        cols_w, vals_w = self._word.row(read.word_text)
        cols_c, vals_c = self._char.row(read.folded)
        sign_cols = sorted({self._signs[s] for s in read.signs if s in self._signs})
        sign_vals = np.full(len(sign_cols), self.config.sign_weight / np.sqrt(max(len(sign_cols), 1)))
        cols = np.concatenate([cols_w, cols_c, np.asarray(sign_cols, dtype=np.int64) + self._sign_offset])
        vals = np.concatenate([vals_w, vals_c, sign_vals])
        contributions = self._coef[:, cols] * vals
        logits = contributions.sum(axis=1) + self._intercept
        probs = np.exp(logits - logits.max())
        probs /= probs.sum()
        best = int(probs.argmax())
        top = np.argsort(-contributions[best])[:6]
        names = self._feature_names()
        pushes = [(names[cols[i]], float(contributions[best, i])) for i in top if contributions[best, i] > 0]
        return probs, pushes

    def _feature_names(self) -> list[str]:
        if self._names is None:
            words, chars = self._vocabularies
            names = [""] * (self._sign_offset + len(self._signs))
            for word, j in words.items():
                names[j] = f"'{word}'"
            for gram, j in chars.items():
                names[len(words) + j] = f"chars '{gram.strip()}'"
            for sign, j in self._signs.items():
                names[self._sign_offset + j] = sign
            self._names = names
        return self._names


def _per_label(classifier: LogisticRegression) -> tuple[np.ndarray, np.ndarray]:
    """Weights and intercepts in `LABELS` order; a label never trained on can never win."""
    classes = list(classifier.classes_)
    coef, intercept = classifier.coef_, classifier.intercept_
    if len(classes) == 2:  # one row of weights: the second class against the first
        coef, intercept = np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    weights = np.zeros((len(LABELS), coef.shape[1]))
    bias = np.full(len(LABELS), -50.0)
    for row, label in enumerate(LABELS):
        if label in classes:
            weights[row], bias[row] = coef[classes.index(label)], intercept[classes.index(label)]
    return np.ascontiguousarray(weights), bias


class _Block:
    """One fitted tf-idf vectorizer's row for one text, as (columns, values): what
    `vectorizer.transform([text])` gives (sublinear tf, idf, l2 norm), without building a matrix."""

    def __init__(self, vectorizer: TfidfVectorizer, offset: int, weight: float) -> None:
        self._analyze = vectorizer.build_analyzer()
        self._vocabulary = vectorizer.vocabulary_
        self._idf = np.asarray(vectorizer.idf_, dtype=np.float64)
        self._offset = offset
        self._weight = weight

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts: dict[int, int] = {}
        vocabulary = self._vocabulary
        for feature in self._analyze(text):
            j = vocabulary.get(feature)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0)
        cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
        vals = (np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))) + 1) * self._idf[cols]
        vals *= self._weight / np.sqrt(np.dot(vals, vals))
        return cols + self._offset, vals


def _sign_matrix(rows: Sequence[Sequence[str]], index: dict[str, int]) -> sparse.csr_matrix:
    """Binary signs, each row scaled to unit length."""
    indptr, cols = [0], []
    for row in rows:
        found = sorted({index[s] for s in row if s in index})
        cols.extend(found)
        indptr.append(len(cols))
    lengths = np.diff(indptr)
    data = 1 / np.sqrt(np.repeat(np.maximum(lengths, 1), lengths).astype(np.float64))
    return sparse.csr_matrix((data, np.asarray(cols, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
                             shape=(len(rows), len(index)))


def fit_kind_model(phrasings: Sequence[Phrasing], config: ModelConfig | None = None) -> KindModel:
    """Train on labelled phrasings (those with a model label); deterministic, single-threaded."""
    config = config or ModelConfig()
    analyzer = build_analyzer()
    rows = [p for p in phrasings if p.label in LABELS]
    reads = [read_text(p.text, p.role, analyzer) for p in rows]
    word = TfidfVectorizer(ngram_range=config.word_ngrams, sublinear_tf=True, lowercase=False,
                           token_pattern=r"\S+", dtype=np.float64)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=config.char_ngrams, sublinear_tf=True,
                           lowercase=False, dtype=np.float64)
    word_x = word.fit_transform([r.word_text for r in reads]).tocsr()
    char_x = char.fit_transform([r.folded for r in reads]).tocsr()
    for vectorizer in (word, char):
        vectorizer.stop_words_ = None
    index = {s: j for j, s in enumerate(sorted({s for r in reads for s in r.signs}))}
    x = hstack_csr([word_x, char_x, _sign_matrix([r.signs for r in reads], index)],
                   [1.0, config.char_weight, config.sign_weight], dtype=np.float64)
    classifier = LogisticRegression(C=config.c, max_iter=5_000, class_weight=config.class_weight)
    with threadpool_limits(1):  # BLAS threads only fight each other on a small problem like this
        classifier.fit(x, [p.label for p in rows])
    return KindModel(config, word, char, index, classifier, analyzer)


def default_kind_model() -> KindModel:
    """The model trained on the shipped phrasings, fitted once per process (see `shipped_kind_model`)."""
    return shipped_kind_model(None)


def shipped_kind_model(directory: Path | None) -> KindModel:
    """The model trained on the shipped phrasings, once per process. Fitting takes seconds of CPU (every
    phrasing is read by the question parser too), so with `directory` (the app's model directory) it is
    also fitted once per machine (`bot.nlp.fitted`: `message-kind-<digest>.pkl`, the digest naming the
    phrasings, bot/nlp's code and the library versions), or read from the fit shipped with the code."""
    return once_per_process(directory, "message-kind", _shipped_digest(), lambda: fit_kind_model(load_phrasings()),
                            KindModel)


@cache
def _shipped_digest() -> str:
    """Once per process: `read_message` asks for the model on every message, and this reads the phrasings. Every
    phrasing is read by the question parser, whose intent model's corpus is in the digest too."""
    from bot.nlp.question_model import CORPUS

    return digest_of([*(Path(path).read_bytes() for path in PHRASINGS), CORPUS.read_bytes()])
