# Reference balance tables from MatchIt's summary() for CausalKit's Matching module.
#
# Run from the repository root:  Rscript Tests/Fixtures/generate_balance.R
# Needs R with MatchIt 4.5.1 (no other packages: JSON is written by hand below).
# Writes Tests/Fixtures/expected/balance.json.
#
# Every case records the treatment vector, MatchIt's matching weights (so the Swift tests use
# exactly MatchIt's weights, independently of CausalKit's matcher), the sampling weights
# (s.weights) when there are any, the propensity score ("distance"), any extra columns, and
# every number of summary()'s "Summary of Balance for All Data" and "... for Matched Data"
# ("... Across Subclasses" for method = "subclass") tables, the "Percent Balance
# Improvement" table and the "Sample Sizes" table (pairs are [control, treated], as MatchIt
# prints them).
#
# Row names: MatchIt names a factor level by pasting variable and level ("raceblack");
# CausalKit names it "race::black". Every other row keeps its name ("age", "distance").

suppressPackageStartupMessages(library(MatchIt))
stopifnot(packageVersion("MatchIt") == "4.5.1")

data_path <- file.path("Tests", "Fixtures", "data", "lalonde.csv")
out_path <- file.path("Tests", "Fixtures", "expected", "balance.json")
lalonde <- read.csv(data_path, stringsAsFactors = FALSE)
f <- treat ~ age + educ + race + married + nodegree + re74 + re75

# ---- JSON writing (no jsonlite on this machine) -------------------------------------------

json_num <- function(x) {
  vapply(x, function(v) {
    if (is.na(v) && !is.nan(v)) return("null")   # R's NA: "not available"
    if (is.nan(v)) return("\"NaN\"")
    if (is.infinite(v)) return(if (v > 0) "\"Inf\"" else "\"-Inf\"")
    sprintf("%.17g", v)
  }, character(1))
}
json_str <- function(s) paste0("\"", gsub("\"", "\\\\\"", s), "\"")
json_array <- function(items) paste0("[", paste(items, collapse = ", "), "]")
json_object <- function(fields) {
  paste0("{", paste(paste0(json_str(names(fields)), ": ", unlist(fields)), collapse = ", "), "}")
}

# ---- Row names ----------------------------------------------------------------------------

# Maps MatchIt's row names to CausalKit's: "raceblack" -> "race::black".
causalkit_names <- function(rn, data) {
  out <- rn
  for (v in names(data)) {
    if (is.character(data[[v]]) || is.factor(data[[v]])) {
      for (lev in sort(unique(as.character(data[[v]])))) {
        out[rn == paste0(v, lev)] <- paste0(v, "::", lev)
      }
    }
  }
  out
}

# ---- One case -----------------------------------------------------------------------------

stat_cols <- c(means_treated = "Means Treated", means_control = "Means Control",
               std_mean_diff = "Std. Mean Diff.", var_ratio = "Var. Ratio",
               ecdf_mean = "eCDF Mean", ecdf_max = "eCDF Max")
red_cols <- c(std_mean_diff = "Std. Mean Diff.", var_ratio = "Var. Ratio",
              ecdf_mean = "eCDF Mean", ecdf_max = "eCDF Max")

stats_object <- function(tab, row, cols) {
  fields <- lapply(cols, function(cn) json_num(tab[row, cn]))
  json_object(fields)
}

case_json <- function(name, call_text, m, s, matched_table, covariate_columns,
                      extra = NULL, improvement_var_ratio = TRUE) {
  all_tab <- s$sum.all
  rn <- rownames(all_tab)
  ck <- causalkit_names(rn, lalonde)
  # MatchIt's own binary rule: every value (all units) is 0 or 1.
  X <- MatchIt:::get.covs.matrix(data = m$X)
  if (!is.null(extra)) X <- cbind(X, as.matrix(extra))
  is_bin <- function(r) {
    x <- if (r == "distance") m$distance else X[, r]
    all(x == 0 | x == 1)
  }
  rows <- vapply(seq_along(rn), function(i) {
    r <- rn[i]
    red <- if (is.null(s$reduction)) "null" else {
      cols <- red_cols
      fields <- lapply(cols, function(cn) json_num(s$reduction[r, cn]))
      if (!improvement_var_ratio) fields$var_ratio <- "null"
      json_object(fields)
    }
    json_object(list(
      covariate = json_str(ck[i]),
      matchit_name = json_str(r),
      type = json_str(if (is_bin(r)) "binary" else "continuous"),
      all = stats_object(all_tab, r, stat_cols),
      matched = stats_object(matched_table, r, stat_cols),
      improvement = red
    ))
  }, character(1))
  extra_json <- if (is.null(extra)) "[]" else json_array(vapply(names(extra), function(v) {
    json_object(list(name = json_str(v), values = json_array(json_num(extra[[v]]))))
  }, character(1)))
  nn <- s$nn
  sizes <- json_object(list(
    all_ess = json_array(json_num(nn["All (ESS)", c("Control", "Treated")])),
    all = json_array(json_num(nn["All", c("Control", "Treated")])),
    matched_ess = json_array(json_num(nn["Matched (ESS)", c("Control", "Treated")])),
    matched = json_array(json_num(nn["Matched", c("Control", "Treated")])),
    unmatched = json_array(json_num(nn["Unmatched", c("Control", "Treated")])),
    discarded = json_array(json_num(nn["Discarded", c("Control", "Treated")]))
  ))
  json_object(list(
    name = json_str(name),
    call = json_str(call_text),
    estimand = json_str(m$estimand),
    covariates = json_array(json_str(covariate_columns)),
    treat = json_array(as.integer(m$treat)),
    weights = json_array(json_num(unname(m$weights))),
    s_weights = if (is.null(m$s.weights)) "null" else json_array(json_num(unname(m$s.weights))),
    distance = json_array(json_num(unname(m$distance))),
    extra_columns = extra_json,
    sample_sizes = sizes,
    improvement_var_ratio_compared = if (improvement_var_ratio) "true" else "false",
    rows = paste0("[\n      ", paste(rows, collapse = ",\n      "), "\n    ]")
  ))
}

covs <- c("distance", "age", "educ", "race", "married", "nodegree", "re74", "re75")
cases <- character(0)

# 1. Nearest neighbour 1:1 without replacement, ATT (MatchIt's default).
m1 <- matchit(f, data = lalonde, method = "nearest")
s1 <- summary(m1, un = TRUE, interactions = FALSE, improvement = TRUE)
cases <- c(cases, case_json("nearest_att", "matchit(f, method = \"nearest\")", m1, s1,
                            s1$sum.matched, covs))

# 2. Nearest neighbour 3:1 with replacement, ATT.
m2 <- matchit(f, data = lalonde, method = "nearest", replace = TRUE, ratio = 3)
s2 <- summary(m2, un = TRUE, interactions = FALSE, improvement = TRUE)
cases <- c(cases, case_json("nearest_att_replace_ratio3",
                            "matchit(f, method = \"nearest\", replace = TRUE, ratio = 3)",
                            m2, s2, s2$sum.matched, covs))

# 3. Nearest neighbour 1:1 with replacement, ATC (control SD in the denominator).
m3 <- matchit(f, data = lalonde, method = "nearest", estimand = "ATC", replace = TRUE)
s3 <- summary(m3, un = TRUE, interactions = FALSE, improvement = TRUE)
cases <- c(cases, case_json("nearest_atc_replace",
                            "matchit(f, method = \"nearest\", estimand = \"ATC\", replace = TRUE)",
                            m3, s3, s3$sum.matched, covs))

# 4. ATE: optmatch (method = "full") is not installed here, so subclassification weights.
#    summary.matchit.subclass reports the matched table as sum.across and computes the
#    variance-ratio improvement without logarithms (unlike summary.matchit): that column is
#    not compared for this case.
m4 <- matchit(f, data = lalonde, method = "subclass", estimand = "ATE")
s4 <- summary(m4, un = TRUE, interactions = FALSE, improvement = TRUE)
cases <- c(cases, case_json("subclass_ate",
                            "matchit(f, method = \"subclass\", estimand = \"ATE\")",
                            m4, s4, s4$sum.across, covs, improvement_var_ratio = FALSE))

# 5. Sampling weights (s.weights): deterministic, 0.5 ... 1.5.
sw <- 0.5 + ((seq_len(nrow(lalonde)) * 37) %% 11) / 10
m5 <- matchit(f, data = lalonde, method = "nearest", s.weights = sw)
s5 <- summary(m5, un = TRUE, interactions = FALSE, improvement = TRUE)
cases <- c(cases, case_json("nearest_att_sweights",
                            "matchit(f, method = \"nearest\", s.weights = sw)",
                            m5, s5, s5$sum.matched, covs))

# 6. Degenerate covariates added to case 1 with summary(addlvariables = ...):
#    const_treated: 5 for every treated unit (treated SD 0: MatchIt falls back to the pooled SD);
#    const_both:    3 for treated, 2 for controls (every SD 0: the SMD is infinite);
#    const_all:     4 everywhere (no difference: the SMD is the raw difference 0);
#    bin_treated:   1 for every treated unit, (age > 30) for controls (binary, treated SD 0).
edge <- data.frame(
  const_treated = ifelse(lalonde$treat == 1, 5, lalonde$age),
  const_both = ifelse(lalonde$treat == 1, 3, 2),
  const_all = rep(4, nrow(lalonde)),
  bin_treated = ifelse(lalonde$treat == 1, 1, as.numeric(lalonde$age > 30))
)
s6 <- summary(m1, un = TRUE, interactions = FALSE, improvement = TRUE,
              addlvariables = names(edge), data = cbind(lalonde, edge))
cases <- c(cases, case_json("nearest_att_degenerate",
                            "summary(matchit(f, method = \"nearest\"), addlvariables = ...)",
                            m1, s6, s6$sum.matched, c(covs, names(edge)), extra = edge))

json <- paste0(
  "{\n",
  "  \"generator\": \"Tests/Fixtures/generate_balance.R\",\n",
  "  \"matchit_version\": ", json_str(as.character(packageVersion("MatchIt"))), ",\n",
  "  \"r_version\": ", json_str(R.version.string), ",\n",
  "  \"data\": \"lalonde.csv\",\n",
  "  \"formula\": ", json_str(deparse1(f)), ",\n",
  "  \"encoding\": \"null = NA, strings NaN/Inf/-Inf for non-finite numbers\",\n",
  "  \"cases\": [\n    ", paste(cases, collapse = ",\n    "), "\n  ]\n}\n")
writeLines(json, out_path)
cat("wrote", out_path, "with", length(cases), "cases\n")
