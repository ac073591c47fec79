"""TF-IDF + logistic regression baseline for the native safety judge (run outside the product).

Reads the split Fulcrum made (`fulcrum judge train --data ../shared/data/safety --out M --split-out split.jsonl`):
every sample with its side (by question, seeded). Features: char 1-4-grams (char_wb, so Chinese
works) of question and answer in separate TF-IDF spaces; class-balanced logistic regression for
"harmful"; multinomial logistic regression for the Do-Not-Answer action class.

  python safety_baseline.py split.jsonl
"""
import json, sys, warnings
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support

warnings.filterwarnings("ignore")
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
tr = [r for r in rows if r["part"] == "train"]
te = [r for r in rows if r["part"] == "test"]
vecs = []
for field in ("question", "answer"):
    v = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=5, max_features=200000)
    v.fit([r[field][:4096] for r in tr])
    vecs.append((field, v))
X = lambda rs: hstack([v.transform([r[f][:4096] for r in rs]) for f, v in vecs]).tocsr()
Xtr, Xte = X(tr), X(te)
harm = LogisticRegression(C=10, class_weight="balanced", max_iter=3000).fit(Xtr, [int(r["harmful"]) for r in tr])
pred = harm.predict(Xte)
out = {}
for source in sorted({r["source"] for r in te}) + ["all"]:
    idx = [i for i, r in enumerate(te) if source in ("all", r["source"])]
    y = [int(te[i]["harmful"]) for i in idx]
    p, r_, f, _ = precision_recall_fscore_support(y, pred[idx], average="binary", zero_division=0)
    out[source] = {"samples": len(idx), "precision": round(p, 3), "recall": round(r_, 3), "f1": round(f, 3)}
atr = [i for i, r in enumerate(tr) if r.get("action") is not None]
ate = [i for i, r in enumerate(te) if r.get("action") is not None]
act = LogisticRegression(C=10, max_iter=3000).fit(Xtr[atr], [tr[i]["action"] for i in atr])
acc = float(np.mean(act.predict(Xte[ate]) == np.array([te[i]["action"] for i in ate])))
print(json.dumps({"harmful": out, "actionAccuracy": round(acc, 3), "actionSamples": len(ate)}, indent=1))
