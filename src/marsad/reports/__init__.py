"""Reports as HTML and PDF: country profiles of the maturity index, and later the yearly regional report."""
