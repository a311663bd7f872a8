"""All output of fko: the streams, JSON, CSV, tables, charts, numbers, workbooks, the pager and safe file writes."""
