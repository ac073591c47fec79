"""Fifth values round: the prompt block copied twice, gated by a safety head (refuse|harm|comply) and its complement.
  FOLDS=folds.json HEADS=heads.jsonl python values_gated_prompt.py MODE WEIGHT [C]
FOLDS from `cv-driver eval … FOLDS`, HEADS from `values_cv_release.sh safety-heads DATA SAFETY_MODEL HEADS`."""
import os
import json, os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from scipy.sparse import hstack, csr_matrix
from values_prototypes import Feat, PR, Y, score
from values_crosssource_prototypes import fit_predict
rows=[json.loads(l) for l in open(os.environ['HEADS'])]
A=np.array([[float(x) for x in r['action']] for r in rows])
H=np.array([float(r['harmful'][1]) for r in rows])
folds=[f for f in json.load(open(os.environ['FOLDS']))['folds'] if f['scheme']=='response_source']
mode=sys.argv[1]; wt=float(sys.argv[2]); C=float(sys.argv[3]) if len(sys.argv)>3 else 2.53
if mode=='refuse': g=A[:,0]+A[:,1]
elif mode=='harm': g=H
elif mode=='comply': g=A[:,5]
res=[]; t0=time.time()
for fold in folds:
    tr,te=np.array(fold['train']),np.array(fold['test'])
    f=Feat(pw=0.5).fit([PR[i] for i in tr])
    Xtr,Xte=f.transform([PR[i] for i in tr]),f.transform([PR[i] for i in te])
    npw=sum(v.transform(['x']).shape[1] for (fi,v,ch) in f.v if fi==0)
    if wt>0:
        def aug(X,idx):
            P=X[:,:npw]
            return hstack([X, P.multiply(g[idx,None]*wt), P.multiply((1-g[idx,None])*wt)]).tocsr()
        Xtr,Xte=aug(Xtr,tr),aug(Xte,te)
    P=np.zeros((len(te),10),dtype=int)
    for k in range(10): P[:,k],_=fit_predict(Xtr,Y[tr,k],Xte,C,1.0)
    res.append(score(Y[te],P))
r=np.array(res)
print(f"{mode} w={wt} C={C}: F1 mean {r[:,1].mean():.3f} worst {r[:,1].min():.3f} acc {r[:,0].mean():.3f} exact {r[:,2].mean():.3f} folds [{' '.join(f'{x:.3f}' for x in r[:,1])}] ({time.time()-t0:.0f}s)",flush=True)
