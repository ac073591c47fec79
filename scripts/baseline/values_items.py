"""Ninth round (issue 13): predict FULCRA's value *items* (52 finer labels such as "be honest", "have a stable
society"; each value's label is the sign of its items' sum in 1,291 of 1,318 dialogues) and derive the value from
them, where a value is a union of concepts a single linear head may fit worse than its parts. Items with at least
`min` labels get their own class-balanced −1/0/+1 head on the same features; rule
  derive: the value's label is the sign of the sum of its predicted items (values none of whose items has a head keep
          the value head);
  or:     the value head's label, or where it says 0 the derived one.
Emulation as values_crosssource_prototypes.py (pw 0.5, C 2.53, tol 1e-3), same folds.

  python values_items.py folds.json NAME rule=derive|or min=30"""
import collections, json, os, sys, time
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Feat, PR, Y, score, rows
from values_baseline import VALUES
from values_crosssource_prototypes import fit_predict, predict_values


def parse(x):
    k, v = x.rsplit(":", 1)
    return k.strip(), (-1 if "-" in v else 1 if "1" in v else 0)


ITEM_ROWS = [dict(parse(x) for x in r["value_items"]) for r in rows]
TYPE_ROWS = [dict(parse(x) for x in r["value_types"]) for r in rows]


def item_map(idx):
    """Each item's value: the value it co-occurs with most often, from the training rows only."""
    co = collections.defaultdict(collections.Counter)
    for i in idx:
        for it in ITEM_ROWS[i]:
            for t in TYPE_ROWS[i]:
                co[it][t] += 1
    return {it: c.most_common(1)[0][0] for it, c in co.items()}


def run(folds, rule="derive", min=30, C=2.53, pw=0.5, power=1.0):
    res = []
    for fold in folds:
        tr, te = np.array(fold["train"]), np.array(fold["test"])
        f = Feat(pw=pw).fit([PR[i] for i in tr])
        Xtr, Xte = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te])
        P = predict_values(Xtr, tr, Xte, C, power)
        mapping = item_map(tr)
        counts = collections.Counter(it for i in tr for it in ITEM_ROWS[i])
        total = np.zeros((len(te), 10)); covered = np.zeros(10, bool)
        for it, n in counts.items():
            if n < min or mapping[it] not in VALUES:
                continue
            k = VALUES.index(mapping[it]); covered[k] = True
            y = np.array([ITEM_ROWS[i].get(it, 0) for i in tr])
            p, _ = fit_predict(Xtr, y, Xte, C, power)
            total[:, k] += p
        derived = np.sign(total).astype(int)
        for k in range(10):
            if not covered[k]:
                continue
            P[:, k] = derived[:, k] if rule == "derive" else np.where(P[:, k] != 0, P[:, k], derived[:, k])
        res.append(score(Y[te], P))
    return np.array(res)


if __name__ == "__main__":
    folds = [f for f in json.load(open(sys.argv[1]))["folds"] if f["scheme"] == "response_source"]
    kw = {}
    for a in sys.argv[3:]:
        k, v = a.split("=")
        kw[k] = v if k == "rule" else float(v)
    t0 = time.time()
    r = run(folds, **kw)
    print(f"{sys.argv[2]:30s} F1 mean {r[:,1].mean():.3f} worst {r[:,1].min():.3f}  acc {r[:,0].mean():.3f}  exact {r[:,2].mean():.3f}  "
          f"folds [{' '.join(f'{x:.3f}' for x in r[:,1])}]  ({time.time()-t0:.0f}s)", flush=True)
