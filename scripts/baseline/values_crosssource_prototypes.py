"""Cross-source model selection prototypes (issue 13 item 2): the Swift design emulated in scikit-learn
(values_prototypes.Feat), run on the folds `fulcrum values eval --cross-source --folds-out` wrote.

  python values_crosssource_prototypes.py folds.json NAME KEY=VALUE ...
  keys: C (=1/(l2·n)), power (class-balancing exponent), pw (prompt weight), char=2-3, word=1-2, offsets=0|1,
        hw (weight of the safety judge's head probabilities as extra features), harmx (a copy of the row scaled by its harm
        probability, times harmx); both read HEADS=file from
        `values_cv_release.sh safety-heads DATA SAFETY_MODEL FILE`, in the data's order);
        lex (weight of per-value word counts from Schwartz's value definitions, values_lexicon.py)
Prints one line per configuration: mean and worst fold of mean macro-F1, accuracy, exact match."""
import json, os, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scipy.sparse import csr_matrix, hstack
from values_prototypes import Feat, PR, Y, score


def fit_predict(Xtr, ytr, Xte, C, power):
    cls, cnt = np.unique(ytr, return_counts=True)
    if len(cls) < 2:
        return np.full(Xte.shape[0], cls[0]), None
    w = {c: (len(ytr) / (len(cls) * n)) ** power for c, n in zip(cls, cnt)}
    m = LogisticRegression(C=C, class_weight=w, max_iter=2000, tol=1e-3).fit(Xtr, ytr)
    return m.predict(Xte), m


def predict_values(Xtr, tr, Xte, C, power):
    """Every value's class-balanced head on the same rows: the predicted −1/0/+1 labels of the test rows."""
    P = np.zeros((Xte.shape[0], 10), dtype=int)
    for k in range(10):
        P[:, k], _ = fit_predict(Xtr, Y[tr, k], Xte, C, power)
    return P


def safety_heads(path):
    """Per dialogue: log-odds of every binary head's positive class and the action head's six classes' log-probabilities, centred."""
    rows = [json.loads(l) for l in open(path, encoding="utf-8")]
    assert len(rows) == len(PR) and all(PR[i][0].startswith(r["prompt"][0][:20]) for i, r in enumerate(rows[:50]))
    names = sorted(k for k in rows[0] if k != "prompt")
    cols = []
    for r in rows:
        v = []
        for k in names:
            p = np.clip(np.array([float(x) for x in r[k]]), 1e-6, 1 - 1e-6)
            v += [np.log(p[1] / p[0])] if len(p) == 2 else list(np.log(p))
        cols.append(v)
    X = np.array(cols)
    global HARM, MEAN_HARM, SD_HARM
    HARM = names.index("harmful") + 5 * (names.index("harmful") > names.index("action"))  # the action head takes six columns
    MEAN_HARM, SD_HARM = X[:, HARM].mean(), X[:, HARM].std() + 1e-9
    return (X - X.mean(0)) / (X.std(0) + 1e-9)


def run(folds, C=10.0, power=1.0, pw=1.0, char=(2, 3), word=(1, 2), hw=0.0, harmx=0.0, lex=0.0):
    res = []
    H = safety_heads(os.environ["HEADS"]) if hw > 0 or harmx > 0 else None
    if lex > 0:
        from values_lexicon import lexicon_features
        H = lexicon_features(PR, pw)
        hw = lex
    for fold in folds:
        tr, te = np.array(fold["train"]), np.array(fold["test"])
        f = Feat(char=char, word=word, pw=pw).fit([PR[i] for i in tr])
        Xtr, Xte = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te])
        if harmx > 0:
            # A second copy of the features, scaled by the harm head's probability: separate weights for harmful answers.
            h = 1 / (1 + np.exp(-(H[:, HARM] * SD_HARM + MEAN_HARM)))
            Xtr = hstack([Xtr, Xtr.multiply(h[tr, None] * harmx)]).tocsr()
            Xte = hstack([Xte, Xte.multiply(h[te, None] * harmx)]).tocsr()
        if hw > 0:
            Xtr, Xte = hstack([Xtr, csr_matrix(H[tr] * hw)]).tocsr(), hstack([Xte, csr_matrix(H[te] * hw)]).tocsr()
        res.append(score(Y[te], predict_values(Xtr, tr, Xte, C, power)))
    return np.array(res)


if __name__ == "__main__":
    folds = [f for f in json.load(open(sys.argv[1]))["folds"] if f["scheme"] == "response_source"]
    name, kw = sys.argv[2], {}
    for a in sys.argv[3:]:
        k, v = a.split("=")
        kw[k] = tuple(int(x) for x in v.split("-")) if k in ("char", "word") else float(v)
    t0 = time.time()
    r = run(folds, **kw)
    print(f"{name:40s} F1 mean {r[:,1].mean():.3f} worst {r[:,1].min():.3f}  acc {r[:,0].mean():.3f}/{r[:,0].min():.3f}  "
          f"exact {r[:,2].mean():.3f}/{r[:,2].min():.3f}  folds F1 [{' '.join(f'{x:.3f}' for x in r[:,1])}]  ({time.time()-t0:.0f}s)", flush=True)
