"""Would a second, differently built model next to the native safety judge carry over better?

  scripts/baseline/values_cv_release.sh safety-oof /tmp/oof.jsonl ../shared/data/safety   # native out-of-fold
  python safety_ensemble.py /tmp/oof.jsonl [--weights 0,0.25,0.5] [--cache plain.npz]

The second model, plain word TF-IDF + LR over question and answer (as `safety_crosssource.py --mode
plain`), is trained on exactly the native judge's folds (within data sets and each whole
data set held out; vectoriser fitted per fold). The two are combined in log-odds,
(1 − w)·native + w·second, and one threshold is chosen for each w by the mean over data sets of
the pooled within-data-set F1 — the same rule for w = 0 (the native judge alone), so rows compare.
The threshold is chosen on all out-of-fold predictions (slightly optimistic for every row alike).
"""
import argparse, json, warnings
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

warnings.filterwarnings("ignore")
ap = argparse.ArgumentParser()
ap.add_argument("oof")
ap.add_argument("--weights", default="0,0.1,0.2,0.3,0.4,0.5")
ap.add_argument("--C", type=float, default=1.0)
ap.add_argument("--cache", default=None)
args = ap.parse_args()
rows = [json.loads(l) for l in open(args.oof, encoding="utf-8")]
y = np.array([int(r["harmful"]) for r in rows])
sources = sorted({r["source"] for r in rows})


def text(i):
    return rows[i]["question"] + "\n" + rows[i]["answer"]


def fit_predict(train, test):
    v = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=200000)
    Xtr = v.fit_transform([text(i) for i in train])
    Xte = v.transform([text(i) for i in test])
    clf = LogisticRegression(C=args.C, class_weight="balanced", max_iter=2000)
    clf.fit(Xtr, y[train])
    return clf.predict_proba(Xte)[:, 1]


def oof(key):
    p = np.full(len(rows), np.nan)
    for fold in sorted({r[key] for r in rows}):
        test = [i for i, r in enumerate(rows) if r[key] == fold]
        train = [i for i, r in enumerate(rows) if r[key] != fold]
        p[test] = fit_predict(train, test)
    return p


if args.cache:
    try:
        c = np.load(args.cache)
        second, second_ds = c["within"], c["dataset"]
    except FileNotFoundError:
        second, second_ds = oof("fold"), oof("dataSetFold")
        np.savez(args.cache, within=second, dataset=second_ds)
else:
    second, second_ds = oof("fold"), oof("dataSetFold")
native = np.array([r["oof"] for r in rows])
native_ds = np.array([r["dataSetOof"] for r in rows])
logit = lambda p: np.log(np.clip(p, 1e-6, 1 - 1e-6) / (1 - np.clip(p, 1e-6, 1 - 1e-6)))
by_source = {s: np.array([r["source"] == s for r in rows]) for s in sources}


def mean_f1(score, t):
    return np.mean([f1_score(y[m], score[m] >= t) for m in by_source.values()])


print(f"second model: plain, C {args.C}")
print("w     threshold  " + "  ".join(s[:12].ljust(12) for s in sources) + "  mean   | whole set out: " + " ".join(s[:10] for s in sources) + "  mean")
for w in [float(x) for x in args.weights.split(",")]:
    z = (1 - w) * logit(native) + w * logit(second)
    zd = (1 - w) * logit(native_ds) + w * logit(second_ds)
    grid = np.quantile(z, np.linspace(0.3, 0.95, 131))
    t = max(grid, key=lambda t: mean_f1(z, t))
    within = [f1_score(y[m], z[m] >= t) for m in by_source.values()]
    whole = [f1_score(y[m], zd[m] >= t) for m in by_source.values()]
    print(f"{w:<5} {t:9.3f}  " + "  ".join(f"{x:.3f}".ljust(12) for x in within) + f"  {np.mean(within):.3f}  | "
          + " ".join(f"{x:.3f}".ljust(10) for x in whole) + f"  {np.mean(whole):.3f}")
