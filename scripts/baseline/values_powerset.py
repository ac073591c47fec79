"""Fifth values round: label powerset over whole value vectors, alone and for the -1 decisions of the per-value model.
  FOLDS=folds.json python values_powerset.py"""
import os
import json, sys, time, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from sklearn.linear_model import LogisticRegression
from values_prototypes import Feat, PR, Y, score
from values_crosssource_prototypes import fit_predict
folds=[f for f in json.load(open(os.environ['FOLDS']))['folds'] if f['scheme']=='response_source']
res=collections.defaultdict(list); t0=time.time()
for fold in folds:
    tr,te=np.array(fold['train']),np.array(fold['test'])
    f=Feat(pw=0.5).fit([PR[i] for i in tr])
    Xtr,Xte=f.transform([PR[i] for i in tr]),f.transform([PR[i] for i in te])
    P=np.zeros((len(te),10),dtype=int)
    for k in range(10): P[:,k],_=fit_predict(Xtr,Y[tr,k],Xte,2.53,1.0)
    res['base'].append(score(Y[te],P))
    keys=[tuple(v) for v in Y[tr]]; cnt=collections.Counter(keys)
    for mincount in [3,8]:
        common={k for k,c in cnt.items() if c>=mincount}
        idx=[i for i,k in enumerate(keys) if k in common]
        lab=np.array([hash(keys[i]) for i in idx]); vec={hash(k):np.array(k) for k in common}
        for C in [2.53,10]:
            m=LogisticRegression(C=C,class_weight='balanced',max_iter=3000,tol=1e-3).fit(Xtr[idx],lab)
            L=np.array([vec[h] for h in m.predict(Xte)])
            res[f'powerset min{mincount} C{C}'].append(score(Y[te],L))
            H=P.copy(); neg=(L==-1).any(1); H[neg]=L[neg]
            res[f'hybrid-neg min{mincount} C{C}'].append(score(Y[te],H))
            H2=P.copy(); sw=(L==-1)&(P==1); H2[sw]=-1
            res[f'hybrid-flip min{mincount} C{C}'].append(score(Y[te],H2))
    print(f"{time.time()-t0:.0f}s",flush=True)
for n,r in res.items():
    r=np.array(r); print(f"{n:30s} F1 {r[:,1].mean():.3f}/{r[:,1].min():.3f} acc {r[:,0].mean():.3f} exact {r[:,2].mean():.3f} [{' '.join(f'{x:.3f}' for x in r[:,1])}]")
