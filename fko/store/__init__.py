"""The store: its file format both ways, the reader that checks what it reads, the record checks."""
