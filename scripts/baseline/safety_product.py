"""Tenth round (issue 13): a judge that can say "a helpful answer is harmful only when the question is risky".

The shipped judge is linear over question and answer features, so it adds the two: once it learns that helpful
answers to everyday questions are harmless (Anthropic HH), Do-Not-Answer's harmful, helpful-looking answers go with
them (safety_benign_helpful.py). Here P(harm) = σ(r(question)) · σ(c(question, answer)): a question-risk factor and a
compliance/content factor, trained jointly on harm labels only. Questions that one source answers both harmfully and
harmlessly pin r high and leave c to tell the answers apart; HH's everyday questions can then take r low without
lowering c for helpful answers elsewhere. Answers to no question (moderation texts) get r's bias alone.

Same folds as Fulcrum (the `safety-oof` file, which names each answer's fold and whole-data-set fold); features
emulate the native judge (char 1–4 TF-IDF of question and answer apart, question weight 0.25 in c, per-data-set
balance power 0.5), hashed once and re-weighted by each training part's IDF.

  cv-driver safety-oof OOF ../shared/data/safety hh.csv --
  python safety_product.py OOF MODE [key=value …]     MODE: add (linear, as shipped) | prod | prod-a (c sees the answer only)
      keys: hh=1 (train on HH answers too), r0=0 (r's starting bias), C=10, qw=0.25, power=0.5, bits=18, chars=4096
"""
import json, sys, time
import numpy as np
from scipy.optimize import minimize
from scipy.sparse import hstack, diags
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.metrics import f1_score

rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
mode = sys.argv[2]
opt = {"r0": 0.0, "hh": 1.0, "C": 10.0, "qw": 0.25, "power": 0.5, "bits": 18, "chars": 4096}
opt.update({k: float(v) for k, v in (a.split("=") for a in sys.argv[3:])})
y = np.array([float(r["harmful"]) for r in rows])
source = np.array([r["source"] for r in rows])
hv = HashingVectorizer(analyzer="char_wb", ngram_range=(1, 4), n_features=2 ** int(opt["bits"]), alternate_sign=False,
                       norm=None, lowercase=True)
chars = int(opt["chars"])
Hq = hv.transform([r["question"][:chars] for r in rows]).tocsr()
Ha = hv.transform([r["answer"][:chars] for r in rows]).tocsr()


def tfidf(H, train):
    df = np.asarray((H[train] > 0).sum(axis=0)).ravel()
    idf = np.where(df >= 5, np.log((1 + len(train)) / (1 + df)) + 1, 0.0)
    X = H.copy(); X.data = np.log1p(X.data); X = X @ diags(idf)
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel()); norms[norms == 0] = 1
    return (diags(1 / norms) @ X).tocsr()


def weights(train):
    w = np.zeros(len(rows))
    for s in set(source[train]):
        ix = train[source[train] == s]
        for c in (0, 1):
            n = (y[ix] == c).sum()
            if n:
                w[ix[y[ix] == c]] = (len(ix) / (2 * n)) ** opt["power"]
    return w


def sig(z):
    return 1 / (1 + np.exp(-np.clip(z, -35, 35)))


def fit(train):
    Xq, Xa = tfidf(Hq, train), tfidf(Ha, train)
    Xc = hstack([Xq * opt["qw"], Xa]).tocsr() if mode != "prod-a" else Xa
    w = weights(train)[train]; t = y[train]; lam = 1 / opt["C"]
    A, B = Xc[train], Xq[train]
    nc = Xc.shape[1]; nr = Xq.shape[1] if mode != "add" else 0

    def loss(theta):
        wc, bc = theta[:nc], theta[nc]
        v = A @ wc + bc
        if mode == "add":
            p = sig(v); g = w * (p - t)
            L = -np.sum(w * (t * np.log(np.maximum(p, 1e-15)) + (1 - t) * np.log(np.maximum(1 - p, 1e-15))))
            return L + lam / 2 * wc @ wc, np.concatenate([A.T @ g + lam * wc, [g.sum()]])
        wr, br = theta[nc + 1:nc + 1 + nr], theta[-1]
        u = B @ wr + br
        su, sv = sig(u), sig(v); p = np.clip(su * sv, 1e-15, 1 - 1e-12)
        L = -np.sum(w * (t * np.log(p) + (1 - t) * np.log(1 - p))) + lam / 2 * (wc @ wc + wr @ wr)
        # d(-log-likelihood)/du = -(1-σu)·[t - (1-t)·p/(1-p)], the same for v with σv
        common = w * (t - (1 - t) * p / (1 - p))
        gu, gv = -common * (1 - su), -common * (1 - sv)
        return L, np.concatenate([A.T @ gv + lam * wc, [gv.sum()], B.T @ gu + lam * wr, [gu.sum()]])

    theta0 = np.zeros(nc + 1 + (nr + 1 if mode != "add" else 0))
    if mode != "add":
        theta0[-1] = opt["r0"]   # r0 = 2 starts from "every question risky", where c alone explains everything
    res = minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 400})

    def predict(ix):
        v = Xc[ix] @ res.x[:nc] + res.x[nc]
        if mode == "add":
            return sig(v), None
        u = Xq[ix] @ res.x[nc + 1:nc + 1 + nr] + res.x[-1]
        return sig(u) * sig(v), sig(u)
    return predict


def train_mask(exclude):
    keep = ~exclude
    if opt["hh"] == 0:
        keep &= source != "hh-helpful"
    return np.where(keep)[0]


start = time.time()
fold = np.array([r["fold"] for r in rows]); whole = np.array([r["dataSetFold"] for r in rows])
oof, risk, held = np.zeros(len(rows)), np.full(len(rows), np.nan), np.zeros(len(rows))
for f in sorted(set(fold)):
    test = np.where(fold == f)[0]
    p, r = fit(train_mask(fold == f))(test)
    oof[test] = p
    if r is not None:
        risk[test] = r
for f in sorted(set(whole)):
    test = np.where(whole == f)[0]
    held[test] = fit(train_mask(whole == f))(test)[0]
sets = ["do-not-answer", "gptfuzz", "latent-jailbreak", "openai-moderation"]
print(f"{mode} {opt}  ({time.time() - start:.0f} s)")
for th in (0.3, 0.4, 0.5, 0.6, 0.7):
    within = [f1_score(y[source == s], oof[source == s] >= th) for s in sets]
    out = [f1_score(y[source == s], held[source == s] >= th) for s in sets]
    hh = source == "hh-helpful"
    print(f"  threshold {th}: within {' / '.join(f'{v:.3f}' for v in within)} mean {np.mean(within):.3f}"
          f" | HH flagged within {np.mean(oof[hh] >= th):.3f}, held out {np.mean(held[hh] >= th):.3f}"
          f" | whole set out {' / '.join(f'{v:.3f}' for v in out)} mean {np.mean(out):.3f}")
if mode != "add":
    for s in sets + ["hh-helpful"]:
        print(f"  mean question risk σ(r), out of fold, {s}: {np.nanmean(risk[source == s]):.2f}")
