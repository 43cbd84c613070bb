"""Learn the topics model of the Ameli memo from the development sentences.

    pip install -e '.[train]'      # scikit-learn, only for learning
    python scripts/train_topics.py [--check]

Reads every development set of `bench_natural` (never its untouched sets), labels each
sentence with its procedure, « none » (chatter) or its command, turns it into the features of
`assistant.conversation.learned_topics` (so that learning and use read the same things),
fits a multinomial logistic regression (scikit-learn: a well-tested solver, deterministic with
lbfgs) and writes guides/ameli.topics.json beside the memo, small weights pruned.
`--check` learns again and says whether the stored file is what the sets give today.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
for folder in (SCRIPTS_DIR.parent, SCRIPTS_DIR):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_natural import AMELI, DEVELOPMENT, UNTOUCHED, Request, read_split  # noqa: E402

from assistant.conversation.learned_topics import (  # noqa: E402
    CHATTER,
    FORMAT,
    features,
)
from assistant.conversation.understanding import Understanding  # noqa: E402
from assistant.guides.learned_file import learned_path  # noqa: E402
from assistant.guides.loader import load_guide  # noqa: E402

REGULARISATION = 10.0
"""scikit-learn's C: 3 and 30 did no better on the sets left out (86–91 % of topics)."""
PRUNED_BELOW = 0.3
"""Weights this small change no guess measurably and make the file four times bigger."""
DECIMALS = 3


def label(request: Request) -> str:
    if request.kind == "topic":
        return request.expected
    return CHATTER if request.kind == "chatter" else request.expected  # a command's name


def learn(splits: tuple[str, ...], pruned_below: float = PRUNED_BELOW) -> dict[str, object]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    assert not set(splits) & set(UNTOUCHED), "the untouched sets are never learned from"
    understanding = Understanding(load_guide(AMELI, learned=False))
    rows = [row for split in splits for row in read_split(split)]
    vectorizer = DictVectorizer()
    seen = vectorizer.fit_transform(
        [features(understanding.learned_input(row.sentence)) for row in rows]
    )
    model = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(seen, [label(r) for r in rows])
    labels = [str(name) for name in model.classes_]
    weights: dict[str, list[list[float]]] = {}
    for column, feature in enumerate(vectorizer.get_feature_names_out()):
        pairs = [
            [index, round(float(model.coef_[index, column]), DECIMALS)]
            for index in range(len(labels))
            if abs(model.coef_[index, column]) >= pruned_below
        ]
        if pairs:
            weights[str(feature)] = pairs
    return {
        "format": FORMAT,
        "about": "Appris par scripts/train_topics.py ; ne pas modifier à la main.",
        "learned_from": {"splits": list(splits), "sentences": len(rows)},
        "labels": labels,
        "bias": [round(float(value), DECIMALS) for value in model.intercept_],
        "weights": dict(sorted(weights.items())),
    }


def as_text(model: dict[str, object]) -> str:
    """JSON with one feature per line, so that a new model reads as a diff of its weights."""
    weights = model.pop("weights")
    assert isinstance(weights, dict)
    head = json.dumps(model, ensure_ascii=False)[:-1]
    lines = [json.dumps(k, ensure_ascii=False) + ":" + json.dumps(v) for k, v in weights.items()]
    return head + ', "weights": {\n' + ",\n".join(lines) + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument(
        "--sans", default="", help="jeux laissés de côté, pour mesurer sur des phrases non apprises"
    )
    parser.add_argument("--sortie", type=Path, help="écrire ailleurs qu'à côté du mémo")
    parser.add_argument("--elaguer", type=float, default=PRUNED_BELOW)
    arguments = parser.parse_args(argv)
    left_out = set(arguments.sans.split(",")) - {""}
    splits = tuple(split for split in DEVELOPMENT if split not in left_out)
    text = as_text(learn(splits, arguments.elaguer))
    path = arguments.sortie or learned_path(AMELI)
    if arguments.check:
        same = path.is_file() and path.read_text(encoding="utf-8") == text
        print(f"{path.name} : {'à jour' if same else 'à refaire'}")
        return 0 if same else 1
    path.write_text(text, encoding="utf-8")
    print(f"{path.name} : {len(text) // 1000} Ko")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
