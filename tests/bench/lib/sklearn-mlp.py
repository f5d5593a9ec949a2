"""Times scikit-learn's MLPClassifier on the bench MLP's shape: make_classification with the
graph's sizes, an 80/20 split, 2 x 64 relu, Adam (learning rate 0.01), batch 64, no L2 penalty,
a fixed number of epochs (no early stop). Arguments: rows epochs repeats. Prints
{"wallMs": best, "cpuMs": best, "accuracy": ...} on one line."""
import json
import sys
import time
import warnings

from sklearn.datasets import make_classification
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier


def main():
    rows, epochs, repeats = (int(a) for a in sys.argv[1:4])
    X, y = make_classification(n_samples=rows, n_features=20, n_informative=10, n_redundant=5, random_state=0)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
    warnings.simplefilter("ignore", ConvergenceWarning)
    walls, cpus, accuracy = [], [], 0.0
    for _ in range(repeats):
        model = MLPClassifier(hidden_layer_sizes=(64, 64), solver="adam", learning_rate_init=0.01, batch_size=64,
                              alpha=0.0, max_iter=epochs, n_iter_no_change=epochs + 1, tol=0.0, random_state=0)
        t0, c0 = time.perf_counter(), time.process_time()
        model.fit(X_train, y_train)
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
        accuracy = model.score(X_test, y_test)
    print(json.dumps({"wallMs": min(walls), "cpuMs": min(cpus), "accuracy": accuracy}))


if __name__ == "__main__":
    main()
