"""The typed model of fko: the store's records, the output records, the key glossary, the schema."""
