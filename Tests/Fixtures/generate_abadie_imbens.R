# Reference Abadie-Imbens matching estimates from Matching::Match for CausalKit's Matching module.
#
# Run from the repository root:  Rscript Tests/Fixtures/generate_abadie_imbens.R
# Needs R with Matching 4.10-8 (no other packages: JSON is written by hand below).
# Writes Tests/Fixtures/data/sim_abadie.csv and Tests/Fixtures/expected/abadie_imbens.json.
#
# Every case names a dataset (a CSV file under Tests/Fixtures/data plus extra columns stored
# in the JSON, such as the estimated propensity score), the matching covariates X, the
# bias-adjustment covariates Z (Match's default Z = X), the options passed to Match(), and
# what Match() returned: est, se (Match's default population-variance SE), se.standard,
# se.cond, est.noadj, nobs, wnobs, ndrops, ndrops.matches, and the matched pairs
# (index.treated, index.control, weights; 1-based as in R).
#
# Options not listed in a case are Match()'s defaults: replace = TRUE, ties = TRUE,
# Weight = 1, distance.tolerance = 1e-5, Var.calc = 0, BiasAdjust = FALSE, sample = FALSE.

suppressPackageStartupMessages(library(Matching))
stopifnot(packageVersion("Matching") == "4.10.8")

data_dir <- file.path("Tests", "Fixtures", "data")
out_path <- file.path("Tests", "Fixtures", "expected", "abadie_imbens.json")

# ---- JSON writing (no jsonlite on this machine) -------------------------------------------

json_num <- function(x) {
  vapply(x, function(v) {
    if (is.na(v) && !is.nan(v)) return("null")
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
json_num_or_null <- function(x) if (is.null(x)) "null" else json_array(json_num(x))
json_str_or_null <- function(x) if (is.null(x)) "null" else json_array(json_str(x))

# ---- Data ---------------------------------------------------------------------------------

lalonde <- read.csv(file.path(data_dir, "lalonde.csv"), stringsAsFactors = FALSE)
ps_model <- glm(treat ~ age + educ + race + married + nodegree + re74 + re75,
                family = binomial, data = lalonde)
lalonde$ps <- unname(fitted(ps_model))

# Simulated data with a known, constant treatment effect of 2 (so ATT = ATC = ATE = 2).
# Selection on x1 and x2; the outcome's noise is heteroskedastic in x2.
set.seed(20240610)
n_sim <- 2000
x1 <- rnorm(n_sim)
x2 <- runif(n_sim)
true_ps <- plogis(-0.4 + 0.9 * x1 - 1.2 * x2)
treat <- rbinom(n_sim, 1, true_ps)
y <- 1 + 1.5 * x1 + 2 * x2 + 2 * treat + rnorm(n_sim, sd = 0.5 + x2)
sim <- data.frame(treat = treat, x1 = x1, x2 = x2, true_ps = true_ps, y = y)
sim_path <- file.path(data_dir, "sim_abadie.csv")
# Full precision so that R and Swift read identical doubles; read back so R uses them too.
sim_lines <- c(
  paste(names(sim), collapse = ","),
  apply(sim, 1, function(r) paste(c(sprintf("%d", as.integer(r[1])), json_num(r[-1])), collapse = ","))
)
writeLines(sim_lines, sim_path)
sim <- read.csv(sim_path)

datasets <- list(
  lalonde = list(frame = lalonde, csv = "data/lalonde.csv", outcome = "re78", treatment = "treat",
                 extra = c("ps")),
  sim_abadie = list(frame = sim, csv = "data/sim_abadie.csv", outcome = "y", treatment = "treat",
                    extra = character(0))
)

dataset_json <- function(name) {
  d <- datasets[[name]]
  extra <- if (length(d$extra) == 0) "[]" else json_array(vapply(d$extra, function(v) {
    json_object(list(name = json_str(v), values = json_array(json_num(d$frame[[v]]))))
  }, character(1)))
  json_object(list(
    name = json_str(name), csv = json_str(d$csv), outcome = json_str(d$outcome),
    treatment = json_str(d$treatment), rows = nrow(d$frame), extra_columns = extra
  ))
}

# ---- One case -----------------------------------------------------------------------------

cases <- character(0)

run_case <- function(name, dataset, x, estimand = "ATT", M = 1, caliper = NULL, var_calc = 0,
                     bias_adjust = FALSE, z = NULL, sample = FALSE) {
  d <- datasets[[dataset]]
  f <- d$frame
  X <- as.matrix(f[, x, drop = FALSE])
  Z <- if (is.null(z)) X else as.matrix(f[, z, drop = FALSE])
  m <- Match(Y = f[[d$outcome]], Tr = f[[d$treatment]], X = X, Z = Z, estimand = estimand,
             M = M, caliper = caliper, Var.calc = var_calc, BiasAdjust = bias_adjust,
             sample = sample)
  stopifnot(inherits(m, "Match"))
  k <- json_object(list(
    name = json_str(name),
    dataset = json_str(dataset),
    x = json_array(json_str(x)),
    z = json_str_or_null(z),
    estimand = json_str(estimand),
    m = M,
    caliper = json_num_or_null(caliper),
    var_calc = var_calc,
    bias_adjust = if (bias_adjust) "true" else "false",
    sample = if (sample) "true" else "false",
    est = json_num(m$est),
    se = json_num(m$se),
    se_standard = json_num(m$se.standard),
    se_cond = json_num(m$se.cond),
    est_noadj = json_num(m$est.noadj),
    nobs = m$nobs,
    wnobs = json_num(m$wnobs),
    ndrops = json_num(m$ndrops),
    ndrops_matches = json_num(m$ndrops.matches),
    index_treated = json_array(as.integer(m$index.treated)),
    index_control = json_array(as.integer(m$index.control)),
    weights = json_array(json_num(m$weights))
  ))
  cat(sprintf("%-32s est %14.6f  se %12.6f  pairs %5d  wnobs %8.2f\n", name, m$est, m$se,
              length(m$weights), m$wnobs))
  cases <<- c(cases, k)
}

covs <- c("age", "educ", "re74", "re75")

# Propensity-score matching on the Lalonde data.
run_case("lalonde_ps_att_m1", "lalonde", "ps")
run_case("lalonde_ps_att_m2", "lalonde", "ps", M = 2)
run_case("lalonde_ps_att_m3", "lalonde", "ps", M = 3)
run_case("lalonde_ps_atc_m1", "lalonde", "ps", estimand = "ATC")
run_case("lalonde_ps_ate_m1", "lalonde", "ps", estimand = "ATE")
run_case("lalonde_ps_ate_m2", "lalonde", "ps", estimand = "ATE", M = 2)
# Several covariates, inverse-variance (Weight = 1) distance; many exact ties (age, educ, zeros).
run_case("lalonde_cov_att_m1", "lalonde", covs)
run_case("lalonde_cov_atc_m2", "lalonde", covs, estimand = "ATC", M = 2)
run_case("lalonde_cov_ate_m1", "lalonde", covs, estimand = "ATE")
# Calipers (in standard deviations of each matching covariate).
run_case("lalonde_ps_att_caliper", "lalonde", "ps", caliper = 0.05)
run_case("lalonde_ps_ate_m2_caliper", "lalonde", "ps", estimand = "ATE", M = 2, caliper = 0.02)
run_case("lalonde_cov_att_caliper", "lalonde", covs, caliper = c(0.5, 0.5, 0.25, 0.25))
# Heteroskedasticity-robust variance (Var.calc = M): sigma^2(X_i) from within-group matches.
run_case("lalonde_ps_att_varcalc1", "lalonde", "ps", var_calc = 1)
run_case("lalonde_ps_ate_m2_varcalc2", "lalonde", "ps", estimand = "ATE", M = 2, var_calc = 2)
run_case("lalonde_cov_atc_m1_varcalc1", "lalonde", covs, estimand = "ATC", var_calc = 1)
run_case("lalonde_ps_att_caliper_varcalc1", "lalonde", "ps", caliper = 0.05, var_calc = 1)
# Sample-average variance (sample = TRUE).
run_case("lalonde_ps_ate_sample", "lalonde", "ps", estimand = "ATE", sample = TRUE)
# Regression bias adjustment (Abadie and Imbens 2011), Z = X and Z != X.
run_case("lalonde_cov_att_biasadj", "lalonde", covs, bias_adjust = TRUE)
run_case("lalonde_cov_ate_biasadj_varcalc1", "lalonde", covs, estimand = "ATE",
         bias_adjust = TRUE, var_calc = 1)
run_case("lalonde_ps_atc_biasadj_z", "lalonde", "ps", estimand = "ATC", bias_adjust = TRUE,
         z = c("age", "educ", "married", "nodegree", "re74", "re75"))
# Simulation with a known effect of 2.
run_case("sim_cov_att_m1", "sim_abadie", c("x1", "x2"))
run_case("sim_cov_ate_m2_varcalc2", "sim_abadie", c("x1", "x2"), estimand = "ATE", M = 2,
         var_calc = 2)
run_case("sim_ps_atc_m3", "sim_abadie", "true_ps", estimand = "ATC", M = 3)
run_case("sim_cov_ate_biasadj", "sim_abadie", c("x1", "x2"), estimand = "ATE",
         bias_adjust = TRUE)

json <- paste0(
  "{\n  \"generator\": \"Tests/Fixtures/generate_abadie_imbens.R\",\n",
  "  \"matching_version\": \"", as.character(packageVersion("Matching")), "\",\n",
  "  \"r_version\": \"", R.version$major, ".", R.version$minor, "\",\n",
  "  \"datasets\": [\n    ", paste(vapply(names(datasets), dataset_json, character(1)),
                              collapse = ",\n    "), "\n  ],\n",
  "  \"cases\": [\n    ", paste(cases, collapse = ",\n    "), "\n  ]\n}\n")
writeLines(json, out_path, sep = "")
cat("wrote", out_path, "with", length(cases), "cases\n")
