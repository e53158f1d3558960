# R side of CausalKit's propensity-model fixtures (logit and probit by glm + sandwich).
#
# Called by generate_propensity.py, which writes the list of cases and reads the results:
#
#   Rscript generate_propensity.R CASES.tsv RESULTS.tsv
#
# CASES.tsv (tab separated, header): name, data, formula, link, weights, vcov, expect.
# RESULTS.tsv: one number or text per line: case, key, index, value (numbers with 17
# significant digits, so they read back to the same double).
#
# Conventions recorded here (R 4.2, sandwich 3.0.2):
# * glm(family = binomial(link), control = glm.control(epsilon = 1e-15, maxit = 100)): the
#   tight epsilon makes logit coefficients exact to rounding (the default 1e-8 stops early);
#   probit fits (Fisher scoring, linear convergence) are restarted five times from their own
#   estimate (start = coef(fit)) to reach the optimum too. Iterations and the converged flag
#   are those of the first fit.
# * Prior weights: glm(weights = w). With non-integer weights binomial() warns about
#   non-integer successes; the warning is suppressed and recorded (coefficients, deviance and
#   standard errors are those of the weighted likelihood; logLik/AIC round the weights).
# * iid: vcov(fit) (inverse expected information, dispersion 1).
# * hc0/hc1/hc2/hc3: sandwich::vcovHC(fit, type = "HC0" | "HC1" | "HC2" | "HC3").
# * cluster:a or cluster:a+b: sandwich::vcovCL(fit, cluster = ~a (+ b), type = "HC1",
#   cadjust = TRUE), i.e. G/(G-1) * (n-1)/(n-k) * sandwich (the glm default type is HC0!).
# * z = estimate / se, p = 2 * pnorm(-|z|), Wald interval estimate -/+ qnorm(0.975) * se.
suppressPackageStartupMessages(library(sandwich))

args <- commandArgs(trailingOnly = TRUE)
cases_file <- args[[1]]
out_file <- args[[2]]
fixtures <- normalizePath(file.path(dirname(cases_file)))
if (length(args) >= 3) fixtures <- args[[3]]

cases <- read.delim(cases_file, stringsAsFactors = FALSE, na.strings = character(0), colClasses = "character")
out <- file(out_file, open = "w")
emit <- function(case, key, values, index = seq_along(values) - 1L) {
  if (is.character(values)) {
    txt <- gsub("[\t\n]", " ", values)
  } else {
    txt <- sprintf("%.17g", as.numeric(values))
  }
  writeLines(paste(case, key, index, txt, sep = "\t"), out)
}

for (r in seq_len(nrow(cases))) {
  cs <- cases[r, ]
  d <- read.csv(file.path(fixtures, "data", cs$data), stringsAsFactors = FALSE)
  fam <- binomial(link = cs$link)
  warnings_seen <- character(0)
  handler <- function(w) {
    warnings_seen <<- c(warnings_seen, conditionMessage(w))
    invokeRestart("muffleWarning")
  }
  ctrl <- glm.control(epsilon = 1e-15, maxit = 100)
  if (cs$weights != "") d$.w <- d[[cs$weights]] else d$.w <- 1
  fit_from <- function(start) withCallingHandlers(
    glm(as.formula(cs$formula), family = fam, data = d, weights = .w, control = ctrl, start = start),
    warning = handler)
  fit <- fit_from(NULL)
  iterations <- fit$iter
  converged <- fit$converged
  # Fisher scoring converges only linearly for the probit: glm() stops about 1e-9 (in units of
  # standard errors) short of the optimum. Restarting from the estimate runs further
  # iterations; for the logit (Newton) this changes nothing.
  if (cs$expect == "fit") for (restart in 1:5) fit <- fit_from(coef(fit))
  b <- coef(fit)
  emit(cs$name, "term_r", names(b))
  emit(cs$name, "coef", b)
  emit(cs$name, "aliased", as.integer(is.na(b)))
  ok <- !is.na(b)
  v <- switch(
    sub(":.*", "", cs$vcov),
    iid = vcov(fit),
    hc0 = vcovHC(fit, type = "HC0"),
    hc1 = vcovHC(fit, type = "HC1"),
    hc2 = vcovHC(fit, type = "HC2"),
    hc3 = vcovHC(fit, type = "HC3"),
    cluster = {
      vars <- strsplit(sub("^cluster:", "", cs$vcov), "+", fixed = TRUE)[[1]]
      vcovCL(fit, cluster = as.formula(paste("~", paste(vars, collapse = " + "))), type = "HC1", cadjust = TRUE)
    },
    stop("unknown vcov ", cs$vcov)
  )
  se <- sqrt(diag(v))
  z <- b[ok] / se
  q <- qnorm(0.975)
  emit(cs$name, "se", se)
  emit(cs$name, "z", z)
  emit(cs$name, "p", 2 * pnorm(-abs(z)))
  emit(cs$name, "conf_low", b[ok] - q * se)
  emit(cs$name, "conf_high", b[ok] + q * se)
  emit(cs$name, "vcov", as.vector(v))
  emit(cs$name, "loglik", as.numeric(logLik(fit)))
  emit(cs$name, "deviance", deviance(fit))
  emit(cs$name, "null_deviance", fit$null.deviance)
  emit(cs$name, "aic", AIC(fit))
  emit(cs$name, "mcfadden", 1 - fit$deviance / fit$null.deviance)
  mu <- fitted(fit)
  emit(cs$name, "fitted_head", head(mu, 10))
  emit(cs$name, "fitted_sum", sum(mu))
  emit(cs$name, "eta_head", head(fit$linear.predictors, 10))
  emit(cs$name, "fitted_at_bounds", sum(mu < 1e-10 | mu > 1 - 1e-10))
  emit(cs$name, "nobs", length(mu))
  emit(cs$name, "iter", iterations)
  emit(cs$name, "converged", as.integer(converged))
  if (length(warnings_seen) > 0) emit(cs$name, "warning", unique(warnings_seen))
}
close(out)
cat("R", R.version$major, R.version$minor, "sandwich", as.character(packageVersion("sandwich")), "\n")
