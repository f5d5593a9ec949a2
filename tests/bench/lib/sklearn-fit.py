"""Times scikit-learn fits for the bench's models part: reads jobs as JSON on stdin
({"dir": ..., "jobs": [{"key", "model", "data", "classify", "repeats"}]}), each data set as
<dir>/<data>.X / .y raw float64 files, and prints {"key": best CPU ms, ...} on one line."""
import json
import sys
import time
import warnings

import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.cluster import AgglomerativeClustering
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.manifold import TSNE
from sklearn.svm import SVC, LinearSVC, LinearSVR
from sklearn.tree import DecisionTreeClassifier

MODELS = {
    "linear": LinearRegression,
    "logistic": LogisticRegression,
    "linearSvc": lambda: LinearSVC(random_state=0),
    "linearSvr": lambda: LinearSVR(random_state=0),
    "tree": lambda: DecisionTreeClassifier(random_state=0),
    "forest": lambda: RandomForestClassifier(random_state=0),
    "svc": SVC,
    "boosting": lambda: GradientBoostingClassifier(random_state=0),
    "hist": lambda: HistGradientBoostingClassifier(random_state=0),
    "hclust": lambda: AgglomerativeClustering(n_clusters=3),
    "tsne": lambda: TSNE(random_state=0),
}
# t-SNE's gradient runs on OpenMP threads, which spin while waiting on a loaded machine: one thread,
# like ours, so CPU time compares the work.
SINGLE_THREADED = {"tsne"}


def main():
    # LinearSVR stops at max_iter on the synthetic set, as ours does; its ConvergenceWarning is expected.
    warnings.simplefilter("ignore")
    spec = json.load(sys.stdin)
    out = {}
    for job in spec["jobs"]:
        y = np.fromfile(f"{spec['dir']}/{job['data']}.y", dtype=np.float64)
        X = np.fromfile(f"{spec['dir']}/{job['data']}.X", dtype=np.float64).reshape(len(y), -1)
        if job["classify"]:
            y = y.astype(np.int64)
        times = []
        for _ in range(job["repeats"]):
            model = MODELS[job["model"]]()
            limit = 1 if job["model"] in SINGLE_THREADED else None
            with threadpool_limits(limits=limit, user_api="openmp"):
                t0 = time.process_time()
                model.fit(X, y)
                times.append((time.process_time() - t0) * 1000)
        out[job["key"]] = min(times)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
