# Reference values for CausalKit's MatchedSampleRegression (Tests/MatchingTests).
#
# Reads Tests/Fixtures/data/lalonde.csv, matches with MatchIt 4.5.1 (whatever pairs it forms;
# the test feeds MatchIt's own weights and subclasses to CausalKit), then estimates the effect
# on the matched sample the way MatchIt's vignette recommends:
#   lm(re78 ~ treat [+ covariates], weights = weights) with
#   sandwich::vcovCL(fit, cluster = ~subclass)          (without replacement), or
#   sandwich::vcovHC(fit, type = "HC3")                 (with replacement).
# Run from the repository root: Rscript Tests/Fixtures/generate_matched_effect.R
suppressMessages({ library(MatchIt); library(sandwich) })
d <- read.csv("Tests/Fixtures/data/lalonde.csv", stringsAsFactors = FALSE)
f <- treat ~ age + educ + race + married + nodegree + re74 + re75
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
vec <- function(x) paste0("[", paste(num(x), collapse = ","), "]")
one_case <- function(name, m, rhs, type) {
  md <- m$weights
  sub <- if (is.null(m$subclass)) rep(NA, nrow(d)) else as.integer(m$subclass)
  keep <- md > 0
  dd <- d[keep, ]
  dd$w <- md[keep]
  dd$s <- sub[keep]
  fit <- lm(as.formula(paste("re78 ~", rhs)), data = dd, weights = w)
  V <- if (type == "cluster") vcovCL(fit, cluster = ~s) else vcovHC(fit, type = "HC3")
  est <- coef(fit)[["treat"]]
  se <- sqrt(V["treat", "treat"])
  sprintf('{"name":"%s","rhs":"%s","variance":"%s","weights":%s,"subclass":%s,"estimate":%s,"std_error":%s}',
          name, rhs, type, vec(md), vec(sub), num(est), num(se))
}
m1 <- matchit(f, data = d, method = "nearest")
m2 <- matchit(f, data = d, method = "nearest", replace = TRUE, ratio = 2)
cases <- c(
  one_case("nearest_1to1_cluster", m1, "treat", "cluster"),
  one_case("nearest_1to1_cluster_adjusted", m1, "treat + age + educ + re74", "cluster"),
  one_case("nearest_replace_2to1_hc3", m2, "treat", "hc3")
)
writeLines(paste0('{"generator":"MatchIt ', packageVersion("MatchIt"), ', sandwich ', packageVersion("sandwich"),
                  ', ', R.version.string, '","cases":[', paste(cases, collapse = ","), "]}"),
           "Tests/Fixtures/expected/matched_effect.json")
