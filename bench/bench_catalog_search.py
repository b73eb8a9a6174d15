"""Catalogue search ranking: ere.catalog.search against a plain substring scan, in the same run.

The catalogue page builds an index from the filtered rows at each request, then ranks them. The reference is the
least a search can do: fold accents and case, then test that every query word is a substring of the document.
Prints the time per query of both and their ratio, for catalogue sizes around the real one (~70 items) and far
beyond it (5,000 items, the size the public catalogue must handle).
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ere.catalog.search import Index, fold

WORDS = [
    "offre",
    "emploi",
    "recrutement",
    "candidat",
    "entreprise",
    "rendez-vous",
    "agenda",
    "messagerie",
    "visio",
    "réseau",
    "social",
    "suivi",
    "profil",
    "aide",
    "embauche",
    "immersion",
    "formation",
    "prescription",
    "service",
    "tablette",
    "carbone",
    "déclaration",
    "préalable",
    "simulation",
    "méthode",
    "événement",
    "salon",
    "job",
    "dating",
    "compétence",
    "métier",
    "alternance",
    "contrat",
]
GLOSSARY = {"DPAE": "déclaration préalable à l'embauche", "MRS": "méthode de recrutement par simulation"}
QUERIES = ["offre", "recrutement candidat", "DPAE", "rendez vous", "aide embauche", "xyz", "immersion", "visio"]


def documents(n, rng):
    def text(k):
        return " ".join(rng.choice(WORDS) for _ in range(k))

    return [
        (
            i,
            {
                "name": text(3),
                "acronym": "",
                "tasks": text(6),
                "categories": text(2),
                "summary": text(20),
                "description": text(60),
            },
        )
        for i in range(n)
    ]


def reference(docs, query):
    folded = [(key, fold(" ".join(fields.values()))) for key, fields in docs]
    words = fold(query).split()
    return [key for key, text in folded if all(w in text for w in words)]


def timed(fn, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    rng = random.Random(42)
    print(f"{'items':>6} {'ranked search (ms)':>19} {'substring scan (ms)':>20} {'ratio':>7}")
    for n in (70, 500, 5000):
        docs = documents(n, rng)
        repeat = 20 if n < 5000 else 5

        def ranked(docs=docs):
            for q in QUERIES:
                Index(docs, GLOSSARY).search(q)

        def scan(docs=docs):
            for q in QUERIES:
                reference(docs, q)

        ours = timed(ranked, repeat) / len(QUERIES) * 1000
        ref = timed(scan, repeat) / len(QUERIES) * 1000
        print(f"{n:>6} {ours:>19.2f} {ref:>20.2f} {ours / ref:>6.1f}×")
    print("per request: the index is built from the rows and searched once, as the catalogue page does;")
    print("ratio = ranked search time / substring scan time (below 1 = faster than the plain scan)")


if __name__ == "__main__":
    main()
