"""The annotated evaluation set of the transcript analyzer (calls/*.txt) and its evaluator."""
