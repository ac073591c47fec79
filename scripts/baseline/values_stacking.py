"""Stacking for the value evaluator (issue 13, seventh round): a second-stage model per value on all
ten values' −1/0/+1 log-probabilities, so a value's sign can lean on the others' (security −1 with
benevolence −1 …). Trained on the inner cross-source out-of-fold logits of each outer fold's
training part, applied to the outer fold's logits; no outer label is read.

  python values_inner_offsets.py logits FOLDS.json base      # once (~5 min on 2 cores)
  python values_stacking.py [TAG]
Rows: features 'diff' (log p(−1) − log p(0), log p(+1) − log p(0) per value, 20) or 'all' (30);
C; 'own' appends the value's own three log-probabilities ×3; class weights balanced or none."""
import os, sys, pickle, warnings
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_inner_offsets import logp, Y, OUT, show
from values_prototypes import score
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings('ignore')
tag = sys.argv[1] if len(sys.argv) > 1 else 'base'
D = pickle.load(open(f'{OUT}/logits_{tag}.pkl', 'rb'))


def features(L, mode):
    if mode == 'all':
        return L.reshape(len(L), -1)
    return np.concatenate([L[:, :, 0] - L[:, :, 1], L[:, :, 2] - L[:, :, 1]], 1)


show('arg-max', np.array([score(Y[d['test']], logp(d['outer']).argmax(2) - 1) for d in D.values()]))
for mode in ['diff', 'all']:
    for C in [0.01, 0.1, 1.0]:
        for own in [0, 1]:
            for weights in ['balanced', None]:
                res = []
                for d in D.values():
                    te, outer, ii, inner = d['test'], logp(d['outer']), d['inner_idx'], logp(d['inner'])
                    Fi, Fo = features(inner, mode), features(outer, mode)
                    P = outer.argmax(2) - 1
                    for k in range(10):
                        y = Y[ii, k]
                        if len(np.unique(y)) < 2:
                            continue
                        Xi, Xo = (np.concatenate([Fi, inner[:, k] * 3], 1), np.concatenate([Fo, outer[:, k] * 3], 1)) if own else (Fi, Fo)
                        P[:, k] = LogisticRegression(C=C, class_weight=weights, max_iter=3000).fit(Xi, y).predict(Xo)
                    res.append(score(Y[te], P))
                show(f'stack {mode} C {C} own {own} {weights}', np.array(res))
