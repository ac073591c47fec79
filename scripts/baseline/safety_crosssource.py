"""TF-IDF + logistic-regression baselines for the safety judge on Fulcrum's own cross-source folds.

  fulcrum judge eval --cross-source --data ../shared/data/safety --folds-out folds.jsonl
  python safety_crosssource.py folds.jsonl --mode plain   # one word TF-IDF over question + answer
  python safety_crosssource.py folds.jsonl --mode char    # char 1-4 TF-IDF, question and answer apart

Each fold's model is trained on every other answer (vectoriser fitted on the training part only),
class-balanced, threshold 0.5; figures are pooled per data set over its folds, as Fulcrum reports
them, and for whole data sets held out.
"""
import argparse, json, warnings
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_score, recall_score

warnings.filterwarnings("ignore")
ap = argparse.ArgumentParser()
ap.add_argument("folds")
ap.add_argument("--mode", choices=["plain", "char"], default="plain")
args = ap.parse_args()
rows = [json.loads(l) for l in open(args.folds, encoding="utf-8")]
y = np.array([int(r["harmful"]) for r in rows])


def fit_predict(train, test):
    if args.mode == "plain":
        v = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=200000)
        text = lambda i: rows[i]["question"] + "\n" + rows[i]["answer"]
        v.fit([text(i) for i in train])
        X = lambda ix: v.transform([text(i) for i in ix])
        clf = LogisticRegression(C=1, class_weight="balanced", max_iter=2000)
    else:
        vs = []
        for f in ("question", "answer"):
            v = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=5, max_features=100000)
            v.fit([rows[i][f][:4096] for i in train])
            vs.append((f, v))
        X = lambda ix: hstack([v.transform([rows[i][f][:4096] for i in ix]) for f, v in vs]).tocsr()
        clf = LogisticRegression(C=10, class_weight="balanced", max_iter=2000)
    clf.fit(X(train), y[train])
    return clf.predict_proba(X(test))[:, 1] >= 0.5


def figures(idx, pred):
    t = y[idx]
    return {"samples": len(idx), "harmful": int(t.sum()), "precision": round(precision_score(t, pred, zero_division=0), 3),
            "recall": round(recall_score(t, pred, zero_division=0), 3), "f1": round(f1_score(t, pred, zero_division=0), 3)}


out = {"mode": args.mode, "withinDataSet": {}, "pooled": {}, "leaveDataSetOut": {}}
verdict = np.zeros(len(rows), bool)
for fold in sorted({r["fold"] for r in rows}):
    test = [i for i, r in enumerate(rows) if r["fold"] == fold]
    train = [i for i, r in enumerate(rows) if r["fold"] != fold]
    verdict[test] = fit_predict(train, test)
    out["withinDataSet"][fold] = figures(test, verdict[test])
for source in sorted({r["source"] for r in rows}):
    idx = [i for i, r in enumerate(rows) if r["source"] == source]
    out["pooled"][source] = figures(idx, verdict[idx])
for fold in sorted({r["dataSetFold"] for r in rows if r.get("dataSetFold")}):
    test = [i for i, r in enumerate(rows) if r.get("dataSetFold") == fold]
    train = [i for i, r in enumerate(rows) if r.get("dataSetFold") != fold]
    out["leaveDataSetOut"][fold] = figures(test, fit_predict(train, test))
scored = [v["f1"] for v in out["pooled"].values() if v["harmful"] > 0]
out["meanPooledF1"] = round(float(np.mean(scored)), 3)
print(json.dumps(out, indent=1))
