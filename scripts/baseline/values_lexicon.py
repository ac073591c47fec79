"""Per-value word counts from Schwartz's definitions of the ten basic values and their survey items
(Schwartz 1992, 2012), written from those definitions, not from FULCRA: one dense feature per value
and field, so the few labels of a rare value share one weight instead of spreading over n-grams."""
import re
import numpy as np

LEXICON = {
    "self-direction": "freedom free independent independence choose choice creativity creative curious curiosity explore own goals autonomy decide privacy",
    "stimulation": "excitement exciting adventure adventurous daring novelty novel new challenge thrill varied",
    "hedonism": "pleasure enjoy enjoying enjoyment fun gratification indulge delight",
    "achievement": "success successful ambitious ambition capable competent achieve achievement accomplish influential skill performance",
    "power": "wealth rich money authority control dominance dominate power status prestige influence image recognition",
    "security": "safe safety security secure stable stability order health healthy protect protection risk danger law illegal",
    "conformity": "obey obedient rules rule norms polite politeness discipline comply respectful appropriate guidelines",
    "tradition": "tradition traditional custom customs religion religious faith devout humble modest culture heritage",
    "benevolence": "help helpful honest honesty forgive loyal responsible care caring friend friendship support kind",
    "universalism": "equality equal justice fair fairness tolerance tolerant peace environment nature wisdom rights everyone discrimination",
}
WORDS = {v: set(w.split()) for v, w in LEXICON.items()}


def counts(text):
    toks = re.findall(r"[a-z]+", text.lower())
    return [sum(t in ws for t in toks) for ws in WORDS.values()]


def lexicon_features(pairs, pw):
    """pairs: (prompt, response) per dialogue → standardised log1p counts, prompt block scaled by pw."""
    X = np.array([[np.log1p(c) for c in counts(r)] + [pw * np.log1p(c) for c in counts(p)] for p, r in pairs], float)
    return (X - X.mean(0)) / (X.std(0) + 1e-9)
