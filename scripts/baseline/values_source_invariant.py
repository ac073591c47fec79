"""Ninth round (issue 13): drop the features that tell answering models apart. Within each fold's training part,
every feature column is scored by how well it identifies the answering model (chi² of its tf-idf against
`response_source`); the top fraction `drop` is zeroed in training and test rows, or every column is scaled by
1 / (1 + `shrink` · chi²/median). The idea: the evaluator may learn one model's style as a shortcut to its labels,
which does not carry over to a model it never saw (down-weighting the prompt, which differs less by source, was
the one clear gain so far). Emulation as values_crosssource_prototypes.py (pw 0.5, C 2.53, tol 1e-3).

  python values_source_invariant.py folds.json NAME drop=0.05 | shrink=1"""
import json, os, sys, time
import numpy as np
from sklearn.feature_selection import chi2
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Feat, PR, Y, score, rows
from values_crosssource_prototypes import predict_values

SOURCE = np.array([r["response_source"] for r in rows])


def column_scale(Xtr, sources, drop, shrink):
    stat, _ = chi2(Xtr, sources)
    stat = np.nan_to_num(stat)
    scale = np.ones(Xtr.shape[1])
    present = np.asarray((Xtr != 0).sum(0)).ravel() > 0
    if drop > 0:
        order = np.argsort(-stat[present])
        cut = np.flatnonzero(present)[order[: int(drop * present.sum())]]
        scale[cut] = 0
    if shrink > 0:
        scale /= 1 + shrink * stat / np.median(stat[present])
    return scale


def run(folds, drop=0.0, shrink=0.0, C=2.53, pw=0.5, power=1.0):
    res = []
    for fold in folds:
        tr, te = np.array(fold["train"]), np.array(fold["test"])
        f = Feat(pw=pw).fit([PR[i] for i in tr])
        Xtr, Xte = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te])
        if drop > 0 or shrink > 0:
            s = column_scale(Xtr, SOURCE[tr], drop, shrink)
            Xtr, Xte = Xtr.multiply(s).tocsr(), Xte.multiply(s).tocsr()
        res.append(score(Y[te], predict_values(Xtr, tr, Xte, C, power)))
    return np.array(res)


if __name__ == "__main__":
    folds = [f for f in json.load(open(sys.argv[1]))["folds"] if f["scheme"] == "response_source"]
    kw = {k: float(v) for k, v in (a.split("=") for a in sys.argv[3:])}
    t0 = time.time()
    r = run(folds, **kw)
    print(f"{sys.argv[2]:30s} F1 mean {r[:,1].mean():.3f} worst {r[:,1].min():.3f}  acc {r[:,0].mean():.3f}  exact {r[:,2].mean():.3f}  "
          f"folds [{' '.join(f'{x:.3f}' for x in r[:,1])}]  ({time.time()-t0:.0f}s)", flush=True)
