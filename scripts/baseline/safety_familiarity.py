"""Safety: F1 within data sets against unseen whole data sets per raw threshold, and word-type familiarity of answers.
  OOF=oof.jsonl python safety_familiarity.py   (OOF from `values_cv_release.sh safety-oof OOF ../shared/data/safety`)"""
import os, re, collections
import json, numpy as np
from sklearn.metrics import f1_score
rows=[json.loads(l) for l in open(os.environ['OOF'])]
y=np.array([r['harmful'] for r in rows]); src=np.array([r['source'] for r in rows])
oof=np.array([r['oof'] for r in rows]); ds=np.array([r['dataSetOof'] for r in rows])
S=sorted(set(src))
def f(p,t,idx): return f1_score(y[idx],p[idx]>=t,zero_division=0)
print("t   within(DNA GF LJ MOD) mean | whole(DNA GF LJ MOD) mean | all8")
for t in [0.02,0.05,0.08,0.1,0.15,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55]:
  w=[f(oof,t,src==s) for s in S]; h=[f(ds,t,src==s) for s in S]
  print(f"{t:.2f} "+" ".join(f"{x:.3f}" for x in w)+f" {np.mean(w):.3f} | "+" ".join(f"{x:.3f}" for x in h)+f" {np.mean(h):.3f} | {np.mean(w+h):.3f}")
from sklearn.metrics import f1_score
rows=[json.loads(l) for l in open(os.environ['OOF'])]
tok=lambda s: set(re.findall(r'[a-z0-9]+|[\u4e00-\u9fff]', s.lower()))
T=[tok(r['question']+' '+r['answer']) for r in rows]
def coverage(group_key):
    cov=np.zeros(len(rows)); groups=collections.defaultdict(list)
    for i,r in enumerate(rows): groups[r[group_key]].append(i)
    df_all=collections.Counter(); dfg={}
    for g,ix in groups.items():
        c=collections.Counter()
        for i in ix: c.update(T[i])
        dfg[g]=c; df_all.update(c)
    for g,ix in groups.items():
        for i in ix:
            t=T[i]
            if not t: cov[i]=1; continue
            cov[i]=sum(1 for w in t if df_all[w]-dfg[g][w]>=2)/len(t)
    return cov
cw=coverage('fold'); cd=coverage('dataSetFold')

src=np.array([r['source'] for r in rows])
for s in sorted(set(src)):
    m=src==s; print(s, "within cov %.3f (p10 %.3f)"%(cw[m].mean(),np.percentile(cw[m],10)), " whole-set cov %.3f (p90 %.3f)"%(cd[m].mean(),np.percentile(cd[m],90)))
