"""Reading spreadsheets: read.py (files -> grids), grid.py (Grid, Limits), xlsx.py, csvfile.py,
header.py (the header row), values.py (one cell's value)."""
