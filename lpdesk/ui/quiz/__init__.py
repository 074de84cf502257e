"""The quick quiz activity: questions, answers, the result and the run chooser."""
