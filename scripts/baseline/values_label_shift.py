"""Eighth round (issue 13): label-shift adaptation (Saerens et al. 2002 EM) per answering model, on
the cached cross-source logits (values_inner_offsets.py logits): a run's answers re-estimate each
value's label priors, and the posteriors are reweighted by new/training priors before the arg-max.
  OUT=/tmp/values-offsets python values_label_shift.py"""
import os, sys, pickle, numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Y, score
D = pickle.load(open(os.path.join(os.environ.get('OUT', '/tmp/values-offsets'), 'logits_base.pkl'), 'rb'))
def softmax(L): L = L - L.max(-1, keepdims=True); e = np.exp(L); return e / e.sum(-1, keepdims=True)
def em(P, prior_train, iters=100, damp=1.0):
    pi = prior_train.copy()
    for _ in range(iters):
        Q = P * (pi / prior_train); Q /= Q.sum(1, keepdims=True)
        new = Q.mean(0); pi = (1 - damp) * pi + damp * new
    return Q, pi
for mode in ['argmax', 'em-inner-prior', 'em-uniform', 'em-inner-half']:
    res = []
    for name, d in D.items():
        te = d['test']; P = softmax(d['outer']); Pi = softmax(d['inner'])
        pred = np.zeros((len(te), 10), dtype=int)
        for k in range(10):
            p = P[:, k]
            if mode == 'argmax': q = p
            else:
                prior = Pi[:, k].mean(0) if mode != 'em-uniform' else np.full(3, 1/3)
                q, pi = em(p, prior, damp=0.5 if mode == 'em-inner-half' else 1.0)
                if mode == 'em-inner-half': q = p * np.sqrt(pi / prior); q /= q.sum(1, keepdims=True)
            pred[:, k] = q.argmax(1) - 1
        res.append(score(Y[te], pred))
    r = np.array(res); print(f'{mode:16s} F1 {r[:,1].mean():.3f} / {r[:,1].min():.3f}  acc {r[:,0].mean():.3f} exact {r[:,2].mean():.3f}  [{" ".join("%.3f" % x for x in r[:,1])}]')
