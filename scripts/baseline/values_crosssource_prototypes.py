"""Cross-source model selection prototypes (issue 13 item 2): the Swift design emulated in scikit-learn
(values_prototypes.Feat), run on the folds `fulcrum values eval --cross-source --folds-out` wrote.

  python values_crosssource_prototypes.py folds.json NAME KEY=VALUE ...
  keys: C (=1/(l2·n)), power (class-balancing exponent), pw (prompt weight), char=2-3, word=1-2, offsets=0|1
Prints one line per configuration: mean and worst fold of mean macro-F1, accuracy, exact match."""
import json, os, sys, time
import numpy as np
from sklearn.linear_model import LogisticRegression
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Feat, PR, Y, score


def fit_predict(Xtr, ytr, Xte, C, power):
    cls, cnt = np.unique(ytr, return_counts=True)
    if len(cls) < 2:
        return np.full(Xte.shape[0], cls[0]), None
    w = {c: (len(ytr) / (len(cls) * n)) ** power for c, n in zip(cls, cnt)}
    m = LogisticRegression(C=C, class_weight=w, max_iter=2000, tol=1e-3).fit(Xtr, ytr)
    return m.predict(Xte), m


def run(folds, C=10.0, power=1.0, pw=1.0, char=(2, 3), word=(1, 2)):
    res = []
    for fold in folds:
        tr, te = np.array(fold["train"]), np.array(fold["test"])
        f = Feat(char=char, word=word, pw=pw).fit([PR[i] for i in tr])
        Xtr, Xte = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te])
        P = np.zeros((len(te), 10), dtype=int)
        for k in range(10):
            P[:, k], _ = fit_predict(Xtr, Y[tr, k], Xte, C, power)
        res.append(score(Y[te], P))
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
