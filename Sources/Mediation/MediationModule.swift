// Causal mediation analysis (issue 5). The estimators are added in their own files.
