// Regression tables, balance tables and SVG figures (issue 6). Added in their own files.
