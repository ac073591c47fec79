"""TF-IDF + logistic regression baseline for the FULCRA value evaluator (run outside the product).

Uses the exact split Fulcrum made (`fulcrum values train --split-out split.json`), so the figures
compare with `fulcrum values train`'s held-out report.

  python values_baseline.py DATA.jsonl split.json [--mode plain|tuned]
  python values_baseline.py DATA.jsonl --folds folds.json [--mode …]   (the folds `fulcrum values eval --cross-source --folds-out` wrote)
  python values_baseline.py DATA.jsonl --save-model M.pkl [--mode …]                (train on all of DATA)
  python values_baseline.py DATA.jsonl --model M.pkl --score-only IN.jsonl --out OUT.jsonl   (speed benchmark)

plain: one TF-IDF over the whole dialogue, default LogisticRegression (the "simple baseline").
tuned: prompt and response in separate word(1-2) + char(2-5) TF-IDF spaces, class-balanced LR, C=10
       (the same design as Fulcrum's native model, solved exactly by liblinear/lbfgs).
Macro-F1 is scikit-learn's default: averaged over the classes present in truth or predictions.
"""
import argparse, json, pickle, sys, time, warnings
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

warnings.filterwarnings("ignore")
VALUES = ["self-direction", "stimulation", "hedonism", "achievement", "power", "security",
          "tradition", "conformity", "benevolence", "universalism"]
SIGNS = {"+1": 1, "1": 1, "1+": 1, "=1": 1, "+ 1": 1, "-1": -1, "1-": -1, "- 1": -1, "0": 0}


def split_dialogue(d):
    i = d.find("\nBob:")
    if i < 0:
        return "", d.strip()
    p = d[:i]
    if p.startswith("Human:"):
        p = p[len("Human:"):]
    return p.strip(), d[i + 5:].strip()


def labels_vector(types):
    """Same reading as Fulcrum's ValueLabels: noisy signs repaired, humility→conformity, conflicts→0."""
    y, seen = [0] * 10, {}
    for t in types:
        name, sign = t.rsplit(":", 1)
        name = name.strip().lower().replace("_", "-").replace(" ", "-")
        if name == "humility":
            name = "conformity"
        k, s = VALUES.index(name), SIGNS[sign.strip()]
        if k in seen and seen[k] != s:
            y[k] = 0
            continue
        seen[k] = s
        y[k] = s
    return y


def load(path):
    rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    pr = [split_dialogue(r["dialogue"]) if "dialogue" in r else (r["prompt"], r["response"]) for r in rows]
    ys = np.array([labels_vector(r["value_types"]) for r in rows]) if rows and "value_types" in rows[0] else None
    return rows, pr, ys


class Featurizer:
    def __init__(self, mode):
        self.mode = mode

    def fit(self, pr):
        if self.mode == "plain":
            self.v = [TfidfVectorizer()]
            self.v[0].fit([p + "\n" + r for p, r in pr])
        else:
            self.v = []
            for field in (0, 1):
                for kw in (dict(ngram_range=(1, 2), sublinear_tf=True, min_df=2),
                           dict(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)):
                    v = TfidfVectorizer(**kw)
                    v.fit([x[field] for x in pr])
                    self.v.append((field, v))
        return self

    def transform(self, pr):
        if self.mode == "plain":
            return self.v[0].transform([p + "\n" + r for p, r in pr])
        return hstack([v.transform([x[f] for x in pr]) for f, v in self.v]).tocsr()


def train(pr, ys, mode):
    feat = Featurizer(mode).fit(pr)
    X = feat.transform(pr)
    models = []
    for k in range(10):
        y = ys[:, k]
        if len(set(y)) < 2:
            models.append(int(y[0]))
            continue
        m = LogisticRegression(max_iter=3000) if mode == "plain" else \
            LogisticRegression(C=10, class_weight="balanced", max_iter=3000)
        models.append(m.fit(X, y))
    return feat, models


def predict(feat, models, pr):
    X = feat.transform(pr)
    out = np.zeros((len(pr), 10), dtype=int)
    conf = np.ones((len(pr), 10))
    for k, m in enumerate(models):
        if isinstance(m, int):
            out[:, k] = m
        else:
            p = m.predict_proba(X)
            out[:, k] = m.classes_[p.argmax(1)]
            conf[:, k] = p.max(1)
    return out, conf


def scores(truth, pred):
    f1s = [f1_score(truth[:, k], pred[:, k], average="macro") for k in range(10)]
    accs = [(truth[:, k] == pred[:, k]).mean() for k in range(10)]
    return float(np.mean(f1s)), float(np.mean(accs)), float((pred == truth).all(1).mean())


def run_folds(pr, ys, mode, folds):
    """Per fold: train on its train indices, score its test indices; then mean and worst per scheme."""
    by_scheme = {}
    for fold in folds["folds"]:
        tr, te = fold["train"], fold["test"]
        feat, models = train([pr[i] for i in tr], ys[tr], mode)
        pred, _ = predict(feat, models, [pr[i] for i in te])
        f1, acc, exact = scores(ys[te], pred)
        by_scheme.setdefault(fold["scheme"], []).append((f1, acc, exact))
        print(json.dumps({"scheme": fold["scheme"], "fold": fold["name"], "train": len(tr), "test": len(te),
                          "meanMacroF1": f1, "meanAccuracy": acc, "exactVectorMatch": exact}), flush=True)
    for scheme, r in by_scheme.items():
        r = np.array(r)
        print(json.dumps({"mode": mode, "scheme": scheme, "folds": len(r),
                          "meanMacroF1": r[:, 0].mean(), "worstMacroF1": r[:, 0].min(),
                          "meanAccuracy": r[:, 1].mean(), "worstAccuracy": r[:, 1].min(),
                          "meanExact": r[:, 2].mean(), "worstExact": r[:, 2].min()}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data")
    ap.add_argument("split", nargs="?")
    ap.add_argument("--mode", default="plain", choices=["plain", "tuned"])
    ap.add_argument("--save-model", help="train on all of DATA and pickle the model here")
    ap.add_argument("--model", help="pickled model for --score-only")
    ap.add_argument("--score-only")
    ap.add_argument("--out")
    ap.add_argument("--folds", help="cross-source folds file from `fulcrum values eval --cross-source --folds-out`")
    a = ap.parse_args()
    if a.score_only:
        # Speed benchmark, end to end: load model, read input, featurise, predict, write.
        t0 = time.time()
        with open(a.model, "rb") as f:
            feat, models = pickle.load(f)
        load_seconds = time.time() - t0
        srows = [json.loads(l) for l in open(a.score_only, encoding="utf-8") if l.strip()]
        spr = [split_dialogue(r["dialogue"]) if "dialogue" in r else (r["prompt"], r["response"]) for r in srows]
        pred, conf = predict(feat, models, spr)
        with open(a.out, "w", encoding="utf-8") as f:
            for i in range(len(spr)):
                f.write(json.dumps({"vector": pred[i].tolist(), "confidence": conf[i].round(4).tolist()}) + "\n")
        dt = time.time() - t0
        print(json.dumps({"samples": len(spr), "seconds": dt, "samplesPerSecond": len(spr) / dt,
                          "modelLoadSeconds": load_seconds}))
        return
    rows, pr, ys = load(a.data)
    if a.save_model:
        with open(a.save_model, "wb") as f:
            pickle.dump(train(pr, ys, a.mode), f)
        return
    if a.folds:
        run_folds(pr, ys, a.mode, json.load(open(a.folds)))
        return
    split = json.load(open(a.split))
    tr, te = split["train"], split["test"]
    feat, models = train([pr[i] for i in tr], ys[tr], a.mode)
    pred, _ = predict(feat, models, [pr[i] for i in te])
    truth = ys[te]
    f1s = [f1_score(truth[:, k], pred[:, k], average="macro") for k in range(10)]
    accs = [(truth[:, k] == pred[:, k]).mean() for k in range(10)]
    for k in range(10):
        print(f"{VALUES[k]:16s} {accs[k]:8.3f} {f1s[k]:8.3f}")
    print(json.dumps({"mode": a.mode, "train": len(tr), "test": len(te), "meanAccuracy": float(np.mean(accs)),
                      "meanMacroF1": float(np.mean(f1s)), "exactVectorMatch": float((pred == truth).all(1).mean())}))


if __name__ == "__main__":
    main()
