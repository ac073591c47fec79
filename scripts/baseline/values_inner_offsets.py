"""Decision offsets and two stages by inner cross-source validation (issue 13, second round), in the
scikit-learn emulation of the Swift design (values_prototypes.Feat; C = 1/(l2·n)).

  python values_inner_offsets.py logits FOLDS.json TAG [pw=0.5 l2=3e-4 power=1 twostage=0|1 char=2-3 word=1-2]
      per outer fold: the outer model's test logits and, from a leave-one-answering-model-out
      validation inside the fold's training part (prompts purged, vectoriser refitted per inner
      fold), the inner out-of-fold logits → $OUT/logits_TAG.pkl (OUT defaults to /tmp/values-offsets)
  python values_inner_offsets.py offsets TAG
      offset searches on those logits: chosen on inner out-of-fold logits only, applied to the outer fold
twostage=1: an involved-vs-not head and a sign head combined into −1/0/+1 log-probabilities."""
import json, os, sys, time, pickle
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from values_prototypes import Feat, PR, Y, score
from sklearn.linear_model import LogisticRegression
import unicodedata
from values_prototypes import DATA
rows = [json.loads(l) for l in open(DATA) if l.strip()]
OUT = os.environ.get('OUT', '/tmp/values-offsets')
SRC = np.array([r.get('response_source') for r in rows])
def key(t):
    kept = ''.join(c for c in t.lower() if c.isalpha() or unicodedata.numeric(c, None) is not None or c == ' ')
    return ' '.join(s for s in kept.split(' ') if s)
KEYS = np.array([key(p) for p, r in PR])

def fit_logits(tr, te, pw, l2, power, char=(2,3), word=(1,2), twostage=0, sublinear=1, mindf=2):
    f = Feat(char=char, word=word, pw=pw).fit([PR[i] for i in tr])
    Xtr, Xte = f.transform([PR[i] for i in tr]), f.transform([PR[i] for i in te])
    C = 1.0 / (l2 * len(tr))
    L = np.full((len(te), 10, 3), -30.0)
    for k in range(10):
        y = Y[tr, k]
        cls, cnt = np.unique(y, return_counts=True)
        if len(cls) < 2:
            L[:, k, cls[0] + 1] = 0; continue
        if twostage:
            inv = (y != 0).astype(int); n1 = inv.sum()
            wa = {1: (len(y) / (2 * n1)) ** power, 0: (len(y) / (2 * (len(y) - n1))) ** power}
            a = LogisticRegression(C=C, class_weight=wa, max_iter=2000, tol=1e-4).fit(Xtr, inv).decision_function(Xte)
            la1, la0 = -np.logaddexp(0, -a), -np.logaddexp(0, a)
            signs = np.unique(y[y != 0])
            L[:, k, 1] = la0
            if len(signs) < 2:
                L[:, k, signs[0] + 1] = la1
            else:
                Cs = 1.0 / (l2 * inv.sum())
                b = LogisticRegression(C=Cs, class_weight='balanced', max_iter=2000, tol=1e-4).fit(Xtr[y != 0], y[y != 0]).decision_function(Xte)
                L[:, k, 2] = la1 - np.logaddexp(0, -b); L[:, k, 0] = la1 - np.logaddexp(0, b)
            continue
        w = {c: (len(y) / (len(cls) * n)) ** power for c, n in zip(cls, cnt)}
        m = LogisticRegression(C=C, class_weight=w, max_iter=2000, tol=1e-4).fit(Xtr, y)
        d = m.decision_function(Xte)
        if len(cls) == 2:   # binary: decision = logit of cls[1] vs cls[0]
            L[:, k, cls[0] + 1] = 0; L[:, k, cls[1] + 1] = d
        else:
            for j, c in enumerate(cls): L[:, k, c + 1] = d[:, j]
    return L

def inner_folds(tr):
    out = []
    for s in sorted(set(SRC[tr])):
        te = tr[SRC[tr] == s]
        held = set(KEYS[te])
        itr = np.array([i for i in tr if SRC[i] != s and KEYS[i] not in held])
        out.append((s, itr, te))
    return out


from sklearn.metrics import f1_score

def logp(L):
    m = L.max(-1, keepdims=True); return L - m - np.log(np.exp(L - m).sum(-1, keepdims=True))

def mf1(t, p): return f1_score(t, p, average='macro')

def choose(S, y, grid, mode, shrink, tie):
    """S: n x 3 log-probs (-1,0,+1); returns offsets (3,) maximising macro-F1 on y."""
    best, bo = -1, np.zeros(3)
    cands = [(a, 0, b) for a in grid for b in grid] if mode == 'pair' else [(a, 0, a) for a in grid]
    if mode == 'pos':  # non-negative only
        cands = [(a, 0, b) for a in grid for b in grid if a >= 0 and b >= 0]
    res = []
    for o in cands:
        o = np.array(o, float)
        p = (S + o).argmax(1) - 1
        res.append((mf1(y, p), -np.abs(o).sum(), o))
    top = max(r[0] for r in res)
    ok = [r for r in res if r[0] >= top - tie]
    o = max(ok, key=lambda r: (r[1], r[0]))[2]   # smallest |offset| within tie of the best
    return o * shrink

def run(tag, grid=np.arange(-1, 4.01, 0.5), mode='pair', shrink=1.0, tie=0.0, values=range(10), verbose=False):
    D = pickle.load(open(f'{OUT}/logits_{tag}.pkl', 'rb'))
    res, base = [], []
    for name, d in D.items():
        te, outer, ii, inner = d['test'], logp(d['outer']), d['inner_idx'], logp(d['inner'])
        P0 = outer.argmax(2) - 1; P = P0.copy()
        for k in values:
            o = choose(inner[:, k], Y[ii, k], grid, mode, shrink, tie)
            P[:, k] = (outer[:, k] + o).argmax(1) - 1
            if verbose: print(name[:12], k, o, '%.3f -> %.3f' % (mf1(Y[te, k], P0[:, k]), mf1(Y[te, k], P[:, k])))
        res.append(score(Y[te], P)); base.append(score(Y[te], P0))
    r, b = np.array(res), np.array(base)
    return b, r

def show(name, r):
    print(f"{name:45s} F1 {r[:,1].mean():.3f} / {r[:,1].min():.3f}  acc {r[:,0].mean():.3f}/{r[:,0].min():.3f}  exact {r[:,2].mean():.3f}/{r[:,2].min():.3f}  [{' '.join('%.3f' % x for x in r[:,1])}]")

def cache_logits(argv):
    folds = [f for f in json.load(open(argv[0]))['folds'] if f['scheme'] == 'response_source']
    tag = argv[1]; kw = dict(pw=0.5, l2=3e-4, power=1.0)
    for a in argv[2:]:
        k, v = a.split('='); kw[k] = tuple(int(x) for x in v.split('-')) if k in ('char', 'word') else (int(v) if k in ('twostage', 'sublinear', 'mindf') else float(v))
    os.makedirs(OUT, exist_ok=True)
    out = {}
    for fi, fold in enumerate(folds):
        t0 = time.time()
        tr, te = np.array(fold['train']), np.array(fold['test'])
        outer = fit_logits(tr, te, **kw)
        inner_idx, inner_L = [], []
        for s, itr, ite in inner_folds(tr):
            inner_idx.append(ite); inner_L.append(fit_logits(itr, ite, **kw))
        out[fold['name']] = dict(test=te, outer=outer, inner_idx=np.concatenate(inner_idx), inner=np.concatenate(inner_L))
        P = outer.argmax(2) - 1
        print(fold['name'], 'argmax F1 %.3f' % score(Y[te], P)[1], '%.0fs' % (time.time() - t0), flush=True)
        pickle.dump(out, open(f'{OUT}/logits_{tag}.pkl', 'wb'))

def report(tag):
    b, r = run(tag); show('argmax', b)
    for mode in ['pair', 'shared']:
        for tie in [0.0, 0.01]:
            show(f'{mode} grid -1..4 tie {tie}', run(tag, mode=mode, tie=tie)[1])
            show(f'{mode} grid 0..2 tie {tie}', run(tag, mode=mode, tie=tie, grid=np.arange(0, 2.01, 0.5))[1])
        show(f'{mode} grid -1..4 tie 0.01 halved', run(tag, mode=mode, tie=0.01, shrink=0.5)[1])


if __name__ == '__main__':
    if sys.argv[1] == 'logits': cache_logits(sys.argv[2:])
    else: report(sys.argv[2])
