"""Search: the index built from the records, the ranked query over it, and the store-aware facade."""
