"""The domain: measures, statuses, budget sums, figures, comparisons, changes, diffs, citations and
exports, as plain data; nothing here prints."""
