# R side of CausalKit's extreme-input fixtures (lm / glm with the sandwich package).
#
# Called by generate_extremes.py, which writes the list of cases and reads the results:
#
#   Rscript generate_extremes.R CASES.tsv DATA.csv RESULTS.tsv
#
# CASES.tsv (tab separated, header): name, model (ols | logit), formula, transform, vcov
# (variance types joined by "+": iid, hc1, hc2, hc3). The transformations are those documented
# in generate_extremes.py. RESULTS.tsv: case, key, value per line (numbers with 17 significant
# digits; NaN, NA, Inf, -Inf as R prints them). Keys: term, coef, r2, f, max_leverage,
# TYPE.se, TYPE.t, TYPE.p, warning, error, summary_warning.
#
# Conventions: iid is vcov(fit); hc1/hc2/hc3 are sandwich::vcovHC(fit, type = "HC1" | "HC2" |
# "HC3"); t = estimate / se with p = 2 * pt(-|t|, df.residual) for lm and 2 * pnorm(-|z|) for
# glm (binomial, logit link, default control). Aliased (NA) coefficients are dropped, as
# summary() does. Every warning and error is recorded, including summary.lm's "essentially
# perfect fit" warning (key summary_warning).
suppressPackageStartupMessages(library(sandwich))

args <- commandArgs(trailingOnly = TRUE)
cases <- read.delim(args[[1]], stringsAsFactors = FALSE, colClasses = "character")
base <- read.csv(args[[2]])
out <- file(args[[3]], open = "w")
emit <- function(case, key, values) {
  if (length(values) == 0) return(invisible(NULL))
  txt <- if (is.character(values)) gsub("[\t\n]", " ", values) else sprintf("%.17g", as.numeric(values))
  writeLines(paste(case, key, txt, sep = "\t"), out)
}

transform <- function(d, spec) {
  d$y <- as.numeric(d$y)
  d$d <- as.numeric(d$d)
  p <- strsplit(spec, ":", fixed = TRUE)[[1]]
  switch(p[1],
    scale = { d[[p[2]]] <- d[[p[2]]] * as.numeric(p[3]) },
    set = { d[[p[2]]][as.integer(p[3]) + 1L] <- as.numeric(p[4]) },
    const = { d[[p[2]]] <- rep(as.numeric(p[3]), nrow(d)) },
    perfect = { d$y <- 1 + 2 * d$x1 - d$x2 },
    none = {},
    stop("unknown transform ", spec))
  d
}

for (r in seq_len(nrow(cases))) {
  cs <- cases[r, ]
  d <- transform(base, cs$transform)
  seen <- character(0)
  handler <- function(w) {
    seen <<- c(seen, conditionMessage(w))
    invokeRestart("muffleWarning")
  }
  result <- tryCatch(withCallingHandlers({
    fit <- if (cs$model == "ols") lm(as.formula(cs$formula), data = d) else
      glm(as.formula(cs$formula), family = binomial(), data = d)
    b <- coef(fit)
    ok <- !is.na(b)
    emit(cs$name, "term", names(b)[ok])
    emit(cs$name, "coef", b[ok])
    if (cs$model == "ols") {
      s <- withCallingHandlers(summary(fit), warning = function(w) {
        emit(cs$name, "summary_warning", conditionMessage(w))
        invokeRestart("muffleWarning")
      })
      emit(cs$name, "r2", s$r.squared)
      emit(cs$name, "f", if (is.null(s$fstatistic)) NaN else s$fstatistic[["value"]])
    }
    for (type in strsplit(cs$vcov, "+", fixed = TRUE)[[1]]) {
      v <- if (type == "iid") vcov(fit) else vcovHC(fit, type = toupper(type))
      se <- sqrt(diag(v))
      t <- b[ok] / se
      p <- if (cs$model == "ols") 2 * pt(-abs(t), fit$df.residual) else 2 * pnorm(-abs(t))
      emit(cs$name, paste0(type, ".se"), se)
      emit(cs$name, paste0(type, ".t"), t)
      emit(cs$name, paste0(type, ".p"), p)
      if (type %in% c("hc2", "hc3")) emit(cs$name, "max_leverage", max(hatvalues(fit)))
    }
    NULL
  }, warning = handler), error = function(e) conditionMessage(e))
  if (!is.null(result)) emit(cs$name, "error", result)
  if (length(seen) > 0) emit(cs$name, "warning", unique(seen))
}
close(out)
cat("R", paste(R.version$major, R.version$minor, sep = "."), "sandwich", as.character(packageVersion("sandwich")), "\n")
