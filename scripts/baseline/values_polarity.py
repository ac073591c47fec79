"""Fifth values round: one shared "any -1 in the dialogue" model setting the sign of every value judged at stake.
  FOLDS=folds.json HEADS=heads.jsonl python values_polarity.py"""
import os
import json, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from scipy.sparse import hstack, csr_matrix
from sklearn.linear_model import LogisticRegression
from values_prototypes import Feat, PR, Y, score
from values_crosssource_prototypes import fit_predict
rows=[json.loads(l) for l in open(os.environ['HEADS'])]
H=np.array([float(r['harmful'][1]) for r in rows]); A=np.array([[float(x) for x in r['action']] for r in rows])
D=np.column_stack([np.log(np.clip(H,1e-6,1-1e-6)/np.clip(1-H,1e-6,1)), np.log(np.clip(A,1e-6,1))]); D=(D-D.mean(0))/D.std(0)
folds=[f for f in json.load(open(os.environ['FOLDS']))['folds'] if f['scheme']=='response_source']
NEG=(Y==-1).any(1).astype(int)
cfgs=[("base",None)]+[(f"pol C={c} hw={hw} tau={tau} mode={m}",(c,hw,tau,m)) for c in [1,3] for hw in [0,1] for tau in [0.5,0.6,0.7] for m in ["both","neg"]]
res={n:[] for n,_ in cfgs}; t0=time.time()
for fold in folds:
    tr,te=np.array(fold['train']),np.array(fold['test'])
    f=Feat(pw=0.5).fit([PR[i] for i in tr])
    Xtr,Xte=f.transform([PR[i] for i in tr]),f.transform([PR[i] for i in te])
    P=np.zeros((len(te),10),dtype=int)
    for k in range(10): P[:,k],_=fit_predict(Xtr,Y[tr,k],Xte,2.53,1.0)
    qs={}
    for c in [1,3]:
        for hw in [0,1]:
            Ztr,Zte=(Xtr,Xte) if hw==0 else (hstack([Xtr,csr_matrix(D[tr]*hw)]).tocsr(),hstack([Xte,csr_matrix(D[te]*hw)]).tocsr())
            m=LogisticRegression(C=c,class_weight='balanced',max_iter=3000,tol=1e-4).fit(Ztr,NEG[tr])
            qs[(c,hw)]=m.predict_proba(Zte)[:,1]
    for n,cfg in cfgs:
        if cfg is None: res[n].append(score(Y[te],P)); continue
        c,hw,tau,m=cfg; q=qs[(c,hw)]; Q=P.copy()
        for k in range(10):
            nz=Q[:,k]!=0
            if m=="both": Q[nz,k]=np.where(q[nz]>=tau,-1,1)
            else: Q[nz&(q>=tau),k]=-1
        res[n].append(score(Y[te],Q))
    print("fold",fold.get('name',''),f"{time.time()-t0:.0f}s",flush=True)
for n,_ in cfgs:
    r=np.array(res[n]); print(f"{n:40s} F1 {r[:,1].mean():.3f}/{r[:,1].min():.3f} acc {r[:,0].mean():.3f} exact {r[:,2].mean():.3f} [{' '.join(f'{x:.3f}' for x in r[:,1])}]")
