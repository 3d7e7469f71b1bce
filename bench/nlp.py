"""Topic/sentiment classifier vs a plain baseline on NHS FFT v6 and phase 1, plus costs.

Baseline: TfidfVectorizer(ngram_range=(1, 2)) (otherwise sklearn defaults) + LinearSVC or
LogisticRegression (defaults), one-vs-rest over the labels (multi-label data) or over the classes
(single-label data and sentiment). Ours: bot.nlp.classifier.fit_model with its defaults, trained on the
matching train file, scored on dev with bot.nlp.metric (the `storybot nlp evaluate` numbers; rows carry the
question each comment answers, which ours reads and the baseline does not; "ours, questions not given" is
the same model reading the texts alone). Topic
macro-F1 both ways: over the labels in gold or predictions ("present") and over every training label
("all labels", as sklearn with `labels=`). "sure" = the sentiments the model calls likely right
(probability >= its stored threshold): their precision and the share of rated texts they cover.
Costs (v6 model, measured in a fresh process): load, texts/s in batches, p50/p99 for one text, RSS growth
from loading the model and classifying, size on disk. Last, the shipped model's stored sentiments on our
own comments (bench/data/mot-comments-{dev,heldout}.jsonl, each with a hand-given sentiment): precision
and coverage of what it would store, with and without the negated-praise check (the survey stores what
bot.nlp.comment_sentiment reads instead: bench/comment_sentiment.py, run after the MOT figures). Then the MOT
suggestions (`storybot nlp evaluate-mots` on bench/data/mot-{stories,comments}-*.jsonl, day one and with
the confirmed examples of a freshly seeded demo database; `mot-stories-sixth-author.jsonl` is 200 staff
stories by an author who never saw the classifier, added untouched; `mot-stories-seventh-author.jsonl`, 200
more by another such author, measured once when it arrived and held out the same way (0.765 / 0.955 top-1 / top-3
day one on arrival); `mot-stories-eighth-author.jsonl`, 200 by a third, a development set: 0.735 / 0.920 on arrival,
its misses then read and the cycles' examples given the words they lacked; `mot-stories-ninth-author.jsonl`, 200
by a fourth, a development set the same way: 0.820 / 0.960 day one on arrival; `mot-stories-tenth-author.jsonl`
(an NHS diagnostics hub's staff on their phones, and an Indian restaurant) and `mot-stories-eleventh-author.jsonl`
(a private orthopaedic clinic's polished customer-service English, and a seafood restaurant), 200 each, held out:
0.740 / 0.920 and 0.770 / 0.935 day one on arrival at 41742bc; `mot-stories-twelfth-author.jsonl` (a US urgent
care's front desk and medical assistants, and a diner) and `mot-stories-thirteenth-author.jsonl` (a Welsh community
hospital's outpatients staff, chatty and run-on, and a village pub's carvery), 200 each: 0.645 / 0.875 and
0.820 / 0.980 day one on arrival at 96d2e29 (the thirteenth 0.840 / 0.985 with the labelled stories of the
eighth, ninth and twelfth). The eighth, ninth, twelfth, thirteenth, sixteenth, seventeenth, nineteenth,
twenty-first, twenty-third, twenty-fifth, twenty-seventh to thirtieth, thirty-third to thirty-fifth and
thirty-seventh to thirty-ninth authors' stories are the shipped cycles' labelled stories (`stories:` in data/cycles/*.yaml), so
their figures are in-sample;
`mot-stories-fourteenth-author.jsonl` (an Edinburgh dermatology and physiotherapy clinic's patient-experience
coordinator writing staff nominations in polished third person, and a hotel's fine-dining restaurant), 200, held
out: 0.850 / 0.975 day one and 0.840 / 0.975 with the demo's examples on arrival at 5677843;
`mot-stories-fifteenth-author.jsonl` (a busy Manchester hospital outpatient department's healthcare assistants,
porters and receptionists typing fast on their phones: pt, appt, obs, CP for the car park; and a peri-peri chicken
restaurant's young floor staff), 200, held out: 0.905 / 0.990 day one and 0.915 / 0.990 on arrival at 5677843;
`mot-stories-sixteenth-author.jsonl` (a Perth GP clinic's nurses and receptionists in casual Australian English,
and a family pizzeria) and `mot-stories-seventeenth-author.jsonl` (a Texas community health center's medical
assistants and front desk with the odd Spanish word, and a taqueria), 200 each: 0.845 / 0.970 and 0.860 / 0.960
day one, 0.840 / 0.970 and 0.855 / 0.960 with the demo's examples, on arrival at 64d1775; then added to the shipped
cycles' labelled stories, so their figures since are in-sample); `mot-stories-eighteenth-author.jsonl` (a
Glasgow hospital outpatient clinic's receptionists, healthcare assistants, porter and nurses in Scottish English,
and a café-chippy), 200, held out: 0.885 / 0.985 day one and 0.875 / 0.985 with the demo's examples at 2733f28
(before the sixteenth and seventeenth authors' stories were learnt), 0.880 / 0.990 and 0.885 / 0.990 after);
`mot-stories-nineteenth-author.jsonl` (a Hamilton, New Zealand hospital outpatient clinic's staff in casual Kiwi
English with te reo Maori words, and a beach fish-and-chip shop), 200: 0.910 / 0.990 day one and with the demo's
examples on arrival at 9617d3f, then added to the shipped cycles' labelled stories (in-sample since);
`mot-stories-twentieth-author.jsonl` (a Toronto walk-in clinic's front desk, nurses, lab tech and security guard,
many writing English as a second language, and a dim sum restaurant), 200, held out: 0.875 / 0.990 day one and
0.880 / 0.990 with the demo's examples on arrival at 9617d3f (0.890 / 0.995 and 0.880 / 0.990 after the
nineteenth's stories were learnt); `mot-stories-twentyfirst-author.jsonl` (a Birmingham hospital outpatient
clinic's staff in chatty Brummie English with Punjabi and Urdu words, and a balti house), 200: 0.945 / 0.995 day one
on arrival at 3ee45f1, then added to the shipped cycles' labelled stories; `mot-stories-twentysecond-author.jsonl`
(a Cape Town private GP and day clinic's admins, nurses, security guard and car guard in South African English, and
a Waterfront seafood restaurant), 200, held out: 0.920 / 0.995 day one and with the demo's examples on arrival at
9617d3f (0.930 / 0.995 and 0.925 / 0.995 at 3ee45f1); `mot-stories-twentythird-author.jsonl` (a Queensland
regional hospital's outpatient clinic staff in Australian English, and a surf-club bistro), 200: 0.895 / 1.000 day
one and 0.900 / 1.000 with the demo's examples on arrival at 3e2d1e1, then added to the shipped cycles' labelled
stories; `mot-stories-twentyfourth-author.jsonl` (a Dublin private hospital's outpatient and day-clinic staff in
Irish English, some nurses from the Philippines and India, and a Dublin gastropub), 200, held out: 0.930 / 1.000 day
one and 0.925 / 1.000 with the demo's examples on arrival at 3e2d1e1;
`mot-stories-twentyfifth-author.jsonl` (a Chicago community health center's front desk, medical assistants,
nurses, security and billing staff in American English and texting shorthand, and a family diner), 200: 0.820 /
0.940 day one on arrival at 599fdb7, then added to the shipped cycles' labelled stories;
`mot-stories-twentysixth-author.jsonl` (a Singapore polyclinic's nurses, counter staff and carpark wardens in
Singapore English with some Singlish, and a zi char restaurant), 200, held out: 0.820 / 0.950 day one on arrival
at 599fdb7; `mot-stories-twentyseventh-author.jsonl` (a Bangalore private hospital's outpatient front office,
nurses, lab and billing staff in Indian English, and a South Indian vegetarian restaurant), 200: 0.725 / 0.945 day
one on arrival at 9043f8a (right 0.887 of the time when it suggested one), then added to the shipped cycles'
labelled stories; nine more learnt sets, each 200 stories from a brief that gave the voice only
(devkit/story_author_brief.py), then added to the shipped cycles' labelled stories:
`mot-stories-twentyeighth-author.jsonl` (a south London GP surgery's and a Brixton Caribbean restaurant's staff,
with patois words), `mot-stories-twentyninth-author.jsonl` (an Ohio family medicine practice's front desk, billing
and clinical staff in American office jargon, and a diner) and `mot-stories-thirtieth-author.jsonl` (Filipino-born
nurses and receptionists of a Manchester private clinic, and a hotel restaurant): 0.865 / 0.985, 0.885 / 0.985 and
0.960 / 0.985 day one on arrival at eb1af14; `mot-stories-thirtythird-author.jsonl` (an NHS outpatient
department's clipped clinical shorthand, and the hospital café), `mot-stories-thirtyfourth-author.jsonl` (a private
hospital group's patient-relations officers' formal third-person reports, and a hotel brasserie) and
`mot-stories-thirtyfifth-author.jsonl` (an East London GP hub's staff with Urdu and Bengali words, and a curry
house): 0.930 / 0.990, 0.915 / 0.985 and 0.910 / 0.995 day one on arrival, after the first three were learnt;
`mot-stories-thirtyseventh-author.jsonl` (an Atlanta specialty clinic's patient navigators in warm corporate American
English, and a steakhouse), `mot-stories-thirtyeighth-author.jsonl` (a Belfast GP practice, and a café) and
`mot-stories-thirtyninth-author.jsonl` (a Peterborough urgent treatment centre's Polish- and Romanian-born staff, and
a bakery-café): 0.910 / 0.995, 0.895 / 0.985 and 0.910 / 0.995 day one on arrival, after those six; three
more held out, from the same brief: `mot-stories-thirtyfirst-author.jsonl` (a Lagos private hospital's outpatient
clinic and a Lagos restaurant, Nigerian English), `mot-stories-thirtysecond-author.jsonl` (an Ottawa community
health centre's bilingual staff with French words, and a bistro) and `mot-stories-thirtysixth-author.jsonl` (a
Melbourne bulk-billing medical centre's staff, and a pho restaurant): 0.905 / 0.975, 0.895 / 0.990 and 0.895 /
0.980 day one on arrival at eb1af14 (before any of the six was learnt); and
bench/practices.py's and bench/redaction.py's figures.

    .venv/bin/python bench/nlp.py [--data ../shared/data/nhs-fft] [--only v6|phase1|ours|mots]
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from bot.nlp.classifier import fit_model, load_model, save_model  # noqa: E402
from bot.nlp.dataset import Example, is_single_label, read_examples  # noqa: E402
from bot.nlp.ensemble import SURE_PRECISION  # noqa: E402
from bot.nlp.metric import evaluate, score, sure_scores  # noqa: E402

KEYS = ("topic_macro_f1", "topic_macro_f1_all_labels", "topic_micro_f1", "sentiment_macro_f1", "sentiment_accuracy")
HEADS = ("topic F1 present", "topic F1 all labels", "topic micro-F1", "sentiment F1", "sentiment acc")


def baseline(train: list[Example], dev: list[Example], make) -> dict:
    labelled = [e for e in train if e.labels]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    X = vectorizer.fit_transform([e.text for e in labelled])
    Xd = vectorizer.transform([e.text for e in dev])
    if is_single_label(labelled):
        topics = [(label,) for label in make().fit(X, [e.labels[0] for e in labelled]).predict(Xd)]
    else:
        binarizer = MultiLabelBinarizer()
        Y = binarizer.fit_transform([e.labels for e in labelled])
        topics = binarizer.inverse_transform(OneVsRestClassifier(make()).fit(X, Y).predict(Xd))
    rated = [e for e in train if e.sentiment]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2))
    sentiment = make().fit(vectorizer.fit_transform([e.text for e in rated]), [e.sentiment for e in rated])
    all_labels = sorted({label for e in labelled for label in e.labels})
    return score(dev, topics, list(sentiment.predict(vectorizer.transform([e.text for e in dev]))),
                 all_labels=all_labels)


def row(name: str, metrics: dict) -> str:
    return f"  {name:<26}" + "".join(f"{metrics[k]:>20.4f}" for k in KEYS)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "nhs-fft")
    parser.add_argument("--only", choices=("v6", "phase1", "ours", "mots"),
                        help="one part only (ours: our comments' sentiment; mots: MOT suggestions, practices, redaction)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    header = f"  {'':<26}" + "".join(f"{k:>20}" for k in HEADS)
    if args.only == "mots":
        print_mot_suggestions()
        return
    for name in () if args.only == "ours" else (args.only,) if args.only else ("v6", "phase1"):
        train = read_examples(args.data / f"{name}-train.jsonl")
        dev = read_examples(args.data / f"{name}-dev.jsonl")
        print(f"\n{name}: train {len(train)} texts, dev {len(dev)} texts")
        print(header)
        svc = baseline(train, dev, LinearSVC)
        lr = baseline(train, dev, lambda: LogisticRegression(max_iter=1000))
        print(row("baseline tfidf+LinearSVC", svc))
        print(row("baseline tfidf+LogReg", lr))
        started = time.perf_counter()
        model = fit_model(train, seed=0)
        seconds = time.perf_counter() - started
        ours = evaluate(model, dev)
        print(row("ours", ours))
        best = {k: max(svc[k], lr[k]) for k in KEYS}
        print("  " + f"{'ours - best baseline':<26}" + "".join(f"{ours[k] - best[k]:>+20.4f}" for k in KEYS))
        asked = (f"; texts with their question, by the task that reads it: >= {model.asked_sentiment_sure_above:.3f}"
                 if model.asked_sentiment is not None else "")
        print(f"  sentiment stored only when likely right (probability >= {model.sentiment_sure_above:.3f}{asked}, "
              f"chosen out of fold for precision {SURE_PRECISION}): dev precision {ours['sentiment_sure_precision']:.4f}, "
              f"coverage {ours['sentiment_sure_coverage']:.4f}")
        print(f"  the question each text answers (rows' `question`) read by: sentiment "
              f"{'yes' if model.asked_sentiment is not None else 'no'}, topics "
              f"{'yes' if model.asked_topics is not None else 'no'} (kept when it cross-validates better)")
        if model.asked_sentiment is not None or model.asked_topics is not None:
            unasked = evaluate(model, [replace(e, question="") for e in dev])
            print(row("ours, questions not given", unasked))
        print(f"  training time: {seconds:.1f} s (2 worker processes)")
        if name == "v6":
            with tempfile.TemporaryDirectory() as tmp:
                save_model(model, Path(tmp))
                print_costs(Path(tmp), args.data / f"{name}-dev.jsonl")
    print_own_comments()
    if args.only is None:
        print_mot_suggestions()


MOT_SETS = ("mot-stories-dev", "mot-stories-eighth-author", "mot-stories-ninth-author", "mot-stories-twelfth-author",
            "mot-stories-thirteenth-author", "mot-stories-sixteenth-author", "mot-stories-seventeenth-author",
            "mot-stories-nineteenth-author", "mot-stories-twentyfirst-author", "mot-stories-twentythird-author",
            "mot-stories-twentyfifth-author", "mot-stories-twentyseventh-author", "mot-stories-twentyeighth-author",
            "mot-stories-twentyninth-author", "mot-stories-thirtieth-author", "mot-stories-thirtythird-author",
            "mot-stories-thirtyfourth-author", "mot-stories-thirtyfifth-author", "mot-stories-thirtyseventh-author",
            "mot-stories-thirtyeighth-author", "mot-stories-thirtyninth-author", "mot-stories-heldout", "mot-stories-sixth-author",
            "mot-stories-seventh-author", "mot-stories-tenth-author", "mot-stories-eleventh-author",
            "mot-stories-fourteenth-author", "mot-stories-fifteenth-author", "mot-stories-eighteenth-author",
            "mot-stories-twentieth-author", "mot-stories-twentysecond-author", "mot-stories-twentyfourth-author",
            "mot-stories-twentysixth-author", "mot-stories-thirtyfirst-author", "mot-stories-thirtysecond-author",
            "mot-stories-thirtysixth-author", "mot-comments-dev",
            "mot-comments-heldout", "mot-comments-first-author", "mot-comments-second-author",
            "mot-comments-third-author", "mot-comments-fourth-author", "mot-comments-fifth-author",
            "mot-comments-sixth-author")
# Customers' comments by outside authors (issue 13): none was ever learnt by the MOT classifier; the first, third,
# fourth and sixth are the comment-sentiment model's training data (bot/nlp/data/comment_sentiments.jsonl), the
# second and fifth held out from it (bench/comment_sentiment.py)
# Staff stories by authors the classifier never learnt from: their pooled figures are the issue's targets'
HELD_OUT_STORIES = ("mot-stories-heldout", "mot-stories-sixth-author", "mot-stories-seventh-author",
                    "mot-stories-tenth-author", "mot-stories-eleventh-author", "mot-stories-fourteenth-author",
                    "mot-stories-fifteenth-author", "mot-stories-eighteenth-author", "mot-stories-twentieth-author",
                    "mot-stories-twentysecond-author", "mot-stories-twentyfourth-author",
                    "mot-stories-twentysixth-author", "mot-stories-thirtyfirst-author", "mot-stories-thirtysecond-author",
                    "mot-stories-thirtysixth-author")


def print_mot_suggestions() -> None:
    """`storybot nlp evaluate-mots` on our labelled sets, day one and with the demo's confirmed examples
    (a demo database seeded here), then bench/practices.py and bench/redaction.py's figures."""
    storybot = Path(sys.executable).with_name("storybot")
    print("\nMOT suggestions (storybot nlp evaluate-mots; *-dev tuned on; the eighth, ninth, twelfth, thirteenth, "
          "sixteenth, seventeenth, nineteenth, twenty-first, twenty-third, twenty-fifth, twenty-seventh to thirtieth and "
          "thirty-third to thirty-fifth and thirty-seventh to thirty-ninth authors' stories are the shipped cycles' "
          "labelled stories, so "
          "in-sample; the others held out):")
    print(f"  {'set':<32}{'':<14}{'n':>5}{'top1':>8}{'top3':>8}{'abstain':>9}{'prec. when suggested':>22}{'ms p50':>8}")
    pooled: dict[str, list[float]] = {}  # label -> [n, top-1 right, top-3 right]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/demo.db"
        subprocess.run([str(storybot), "seed", "--database-url", url], check=True, capture_output=True, text=True)
        for name in MOT_SETS:
            data = ROOT / "bench" / "data" / f"{name}.jsonl"
            for label, extra in (("day one", []), ("demo examples", ["--database-url", url])):
                out = subprocess.run([str(storybot), "nlp", "evaluate-mots", "--data", str(data), *extra], check=True,
                                     capture_output=True, text=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                print(f"  {name:<32}{label:<14}{r['n']:>5}{r['top1']:>8.3f}{r['top3']:>8.3f}{r['abstain']:>9.3f}"
                      f"{r['precision_when_suggested']:>22.3f}{r['ms_p50']:>8.2f}")
                if name in HELD_OUT_STORIES:
                    total = pooled.setdefault(label, [0, 0.0, 0.0])
                    total[0] += r["n"]
                    total[1] += r["top1"] * r["n"]
                    total[2] += r["top3"] * r["n"]
    for label, (n, top1, top3) in pooled.items():
        print(f"  {'held-out stories, pooled':<32}{label:<14}{n:>5}{top1 / n:>8.3f}{top3 / n:>8.3f}")
    for script in ("comment_sentiment.py", "practices.py", "redaction.py"):
        print(f"\n{script}:")
        out = subprocess.run([sys.executable, str(ROOT / "bench" / script)], check=True, capture_output=True,
                             text=True).stdout
        print("\n".join("  " + line for line in out.strip().splitlines()))


def print_own_comments(model_dir: Path = ROOT / "data" / "models" / "nhs-fft-v6") -> None:
    """What the NHS model would store for our own comments: its `likely_sentiment` (the survey now stores
    bot.nlp.comment_sentiment's reading: bench/comment_sentiment.py, run with the MOT figures, compares the two)."""
    model = load_model(model_dir)
    print(f"\nour comments, shipped model ({model_dir.name}), sentiment stored when likely right "
          f"(probability >= {model.sentiment_sure_above:.3f}, no negated praise read as positive):")
    for name in ("dev", "heldout"):
        path = ROOT / "bench" / "data" / f"mot-comments-{name}.jsonl"
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        predictions = model.classify([r["text"] for r in rows])
        gold = [r.get("sentiment") for r in rows]
        stored = sure_scores(gold, [p.likely_sentiment for p in predictions])
        unchecked = sure_scores(gold, [p.sentiment if p.sentiment_probability >= p.sentiment_sure_above else None
                                       for p in predictions])
        print(f"  {name:<8} n {sum(1 for g in gold if g):>3}: precision {stored['sentiment_sure_precision']:.4f}, "
              f"coverage {stored['sentiment_sure_coverage']:.4f} (without the check: "
              f"{unchecked['sentiment_sure_precision']:.4f}, {unchecked['sentiment_sure_coverage']:.4f})")


def print_costs(model_dir: Path, dev_path: Path) -> None:
    """Load and time the saved model in a fresh process, so RSS is the model's and nothing else's."""
    out = subprocess.run([sys.executable, __file__, "--costs", str(model_dir), str(dev_path)], check=True,
                         capture_output=True, text=True).stdout
    c = json.loads(out.strip().splitlines()[-1])
    print(f"  load {c['load_s']:.2f} s; batch inference: {c['texts_per_s']:,.0f} texts/s; single text: "
          f"p50 {c['p50_ms']:.2f} ms, p99 {c['p99_ms']:.2f} ms; RSS +{c['rss_mb']:.0f} MB (model loaded and "
          f"used; process {c['rss_total_mb']:.0f} MB); model on disk: {c['size_mb']:.1f} MB")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure_costs(model_dir: Path, dev_path: Path) -> None:
    texts = [e.text for e in read_examples(dev_path)]
    before = _rss_mb()
    started = time.perf_counter()
    model = load_model(model_dir)
    model.classify(texts[:50])  # warm up (first use loads the lemma table and any embedding weights)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(3):
        model.classify(texts)
    throughput = 3 * len(texts) / (time.perf_counter() - started)
    times = []
    for text in texts[:300]:
        t0 = time.perf_counter()
        model.classify([text])
        times.append((time.perf_counter() - t0) * 1000)
    size = sum(p.stat().st_size for p in model_dir.iterdir())
    print(json.dumps({"load_s": load_s, "texts_per_s": throughput, "p50_ms": statistics.median(times),
                      "p99_ms": statistics.quantiles(times, n=100)[98], "rss_mb": _rss_mb() - before,
                      "rss_total_mb": _rss_mb(), "size_mb": size / 1e6}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--costs"]:
        measure_costs(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        main()
