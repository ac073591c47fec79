"""Per-document normalisation variants in the scikit-learn emulation, outer cross-source folds only
(tol 1e-3 as values_crosssource_prototypes.py):  python values_norm_variants.py FOLDS.json block:1 field:1 row:1 block:0
(norm:sublinear-tf)."""
import os, sys, json, time
import numpy as np
from scipy.sparse import hstack
from sklearn.preprocessing import normalize
from sklearn.feature_extraction.text import TfidfVectorizer
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Feat, PR, Y, score, ws
from values_crosssource_prototypes import fit_predict

class FeatNorm(Feat):
    """norm='block' (as shipped: each word/char block L2-normalised), 'field' (word+char of a field together),
    'row' (the whole weighted row once); sublinear False: raw counts."""
    def __init__(self, norm='block', sublinear=True, **kw):
        super().__init__(**kw); self.norm, self.sublinear = norm, sublinear
    def fit(self, pr):
        self.v = []
        for f in (0, 1):
            w = TfidfVectorizer(ngram_range=self.word, sublinear_tf=self.sublinear, min_df=2, dtype=np.float32, norm='l2' if self.norm == 'block' else None)
            w.fit([x[f] for x in pr]); self.v.append((f, w, False))
            c = TfidfVectorizer(analyzer='char', ngram_range=self.char, sublinear_tf=self.sublinear, min_df=2, lowercase=False, dtype=np.float32, norm='l2' if self.norm == 'block' else None)
            c.fit([ws(x[f]) for x in pr]); self.v.append((f, c, True))
        return self
    def transform(self, pr):
        fields = {0: [], 1: []}
        for f, v, ch in self.v:
            fields[f].append(v.transform([ws(x[f]) if ch else x[f] for x in pr]))
        bl = []
        for f in (0, 1):
            X = hstack(fields[f]).tocsr()
            if self.norm == 'field': X = normalize(X)
            bl.append(X * (self.pw if f == 0 else 1.0))
        X = hstack(bl).tocsr()
        return normalize(X) if self.norm == 'row' else X

def run(folds, norm, sublinear, pw=0.5, l2=3e-4):
    res = []
    for fold in folds:
        tr, te = np.array(fold['train']), np.array(fold['test'])
        f = FeatNorm(norm=norm, sublinear=sublinear, pw=pw).fit([PR[i] for i in tr])
        Xtr, Xte = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te])
        P = np.zeros((len(te), 10), dtype=int)
        for k in range(10): P[:, k], _ = fit_predict(Xtr, Y[tr, k], Xte, 1 / (l2 * len(tr)), 1.0)
        res.append(score(Y[te], P))
    return np.array(res)

folds = [f for f in json.load(open(sys.argv[1]))['folds'] if f['scheme'] == 'response_source']
for norm, sub in [(a.split(':')[0], a.split(':')[1] == '1') for a in sys.argv[2:]]:
    t0 = time.time(); r = run(folds, norm, sub)
    print(f"norm={norm} sublinear={sub}: F1 mean {r[:,1].mean():.3f} worst {r[:,1].min():.3f}  acc {r[:,0].mean():.3f}/{r[:,0].min():.3f}  exact {r[:,2].mean():.3f}/{r[:,2].min():.3f}  [{' '.join('%.3f' % x for x in r[:,1])}] ({time.time()-t0:.0f}s)", flush=True)
