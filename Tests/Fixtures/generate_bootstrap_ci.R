# Reference values for CausalKit's bootstrap confidence intervals (Bootstrap module).
#
# Runs seeded boot::boot() replicates and records, for each case, the original statistic t0,
# the full replicate matrix t (R x k), the jackknife empirical influence values
# L = empinf(b, type = "jack") (boot's usual.jack: L_i = (n - 1) * (mean(t_(-i)) - t_(-i))),
# and boot.ci(b, conf = c(0.9, 0.95), type = c("norm", "basic", "perc", "stud", "bca"), L = L).
# The Swift tests feed t0, t and L to CausalKit's interval code and compare the end points.
#
# Requires R with boot (checked with R 4.2, boot 1.3-28). No jsonlite: JSON is written by hand
# with sprintf("%.17g"), which round-trips doubles exactly.
#
# Usage: Rscript Tests/Fixtures/generate_bootstrap_ci.R   (from the package root)
suppressPackageStartupMessages(library(boot))

num <- function(v) {
  s <- ifelse(is.finite(v), sprintf("%.17g", v), "null")
  paste0("[", paste(s, collapse = ", "), "]")
}
mat <- function(m) paste0("[", paste(apply(m, 1, num), collapse = ",\n      "), "]")

ci_json <- function(ci) {
  rows <- character(0)
  add <- function(type, m, lo, hi) {
    for (i in seq_len(nrow(m))) {
      rows <<- c(rows, sprintf(
        "{\"type\": \"%s\", \"conf\": %s, \"lower\": %s, \"upper\": %s}",
        type, sprintf("%.17g", m[i, 1]), sprintf("%.17g", m[i, lo]), sprintf("%.17g", m[i, hi])))
    }
  }
  add("norm", ci$normal, 2, 3)
  add("basic", ci$basic, 4, 5)
  add("perc", ci$percent, 4, 5)
  if (!is.null(ci$student)) add("stud", ci$student, 4, 5)
  add("bca", ci$bca, 4, 5)
  paste0("[\n      ", paste(rows, collapse = ",\n      "), "]")
}

make_case <- function(name, b, data_json, na_rows = integer(0)) {
  L <- empinf(b, type = "jack", index = 1)
  if (length(na_rows)) b$t[na_rows, 1] <- NA
  ci <- suppressWarnings(boot.ci(b, conf = c(0.9, 0.95),
    type = c("norm", "basic", "perc", "stud", "bca"), index = c(1, 2), L = L))
  sprintf(paste0("  {\n    \"name\": \"%s\",\n    \"R\": %d,\n    \"t0\": %s,\n",
    "    \"L\": %s,\n    \"data\": %s,\n    \"t\": %s,\n    \"intervals\": %s\n  }"),
    name, b$R, num(b$t0), num(L), data_json, mat(b$t), ci_json(ci))
}

cases <- character(0)

# 1. Mean of a skewed (exponential) sample, with the variance of the mean for studentized CIs.
set.seed(20240501)
x <- rexp(30, rate = 0.5)
mean_stat <- function(d, i) { v <- d[i]; c(mean(v), var(v) / length(v)) }
b1 <- boot(x, mean_stat, R = 999)
cases <- c(cases, make_case("mean_exponential_R999", b1, sprintf("{\"x\": %s}", num(x))))

# 2. The same statistic with R = 250: (R + 1) * alpha is not an integer, so the quantiles
#    are interpolated on the normal scale.
set.seed(7)
b2 <- boot(x, mean_stat, R = 250)
cases <- c(cases, make_case("mean_exponential_R250", b2, sprintf("{\"x\": %s}", num(x))))

# 3. Ratio estimator sum(x) / sum(u) with a delta-method variance.
set.seed(99)
u <- round(rlnorm(25, 4, 0.8))
xr <- round(u * exp(rnorm(25, 0.2, 0.3)))
ratio_stat <- function(d, i) {
  uu <- d$u[i]; xx <- d$x[i]; r <- sum(xx) / sum(uu)
  c(r, sum((xx - r * uu)^2) / (length(uu)^2 * mean(uu)^2))
}
b3 <- boot(data.frame(u = u, x = xr), ratio_stat, R = 499)
cases <- c(cases, make_case("ratio_R499", b3,
  sprintf("{\"u\": %s, \"x\": %s}", num(u), num(xr))))

# 4. OLS slope with its squared classical standard error; three replicates set to NA to check
#    that non-finite replicates are dropped the way boot.ci drops them.
set.seed(123)
xs <- runif(40, 0, 10)
ys <- 1 + 0.5 * xs + (rexp(40) - 1) * (1 + 0.2 * xs)
ols_stat <- function(d, i) {
  f <- lm.fit(cbind(1, d$x[i]), d$y[i])
  s2 <- sum(f$residuals^2) / (length(i) - 2)
  XtX <- crossprod(cbind(1, d$x[i]))
  c(f$coefficients[2], s2 * solve(XtX)[2, 2])
}
b4 <- boot(data.frame(x = xs, y = ys), ols_stat, R = 399)
cases <- c(cases, make_case("ols_slope_R399_with_na", b4,
  sprintf("{\"x\": %s, \"y\": %s}", num(xs), num(ys)), na_rows = c(3L, 50L, 200L)))

# 5. Very few replicates (R = 19): (R + 1) * 0.025 = 0.5 < 1, so boot.ci uses the extreme order
#    statistics as end points (it warns "extreme order statistics used as endpoints").
set.seed(5)
b5 <- boot(x, mean_stat, R = 19)
cases <- c(cases, make_case("mean_exponential_R19_extreme", b5, sprintf("{\"x\": %s}", num(x))))

cat(sprintf("{\n\"generator\": \"Tests/Fixtures/generate_bootstrap_ci.R (R %s, boot %s)\",\n\"cases\": [\n%s\n]\n}\n",
  paste(R.version$major, R.version$minor, sep = "."), as.character(packageVersion("boot")),
  paste(cases, collapse = ",\n")), file = "Tests/Fixtures/expected/bootstrap_ci.json")
