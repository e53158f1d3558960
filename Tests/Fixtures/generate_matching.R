# Reference fixtures for CausalKit's Matching module.
#
# Run from the repository root:  Rscript Tests/Fixtures/generate_matching.R
# Needs R (written with 4.2.2) and MatchIt 4.5.1; no other package (the JSON writer is below).
# Writes Tests/Fixtures/expected/matching.json.
#
# What each case's reference is (field "reference" in the JSON):
#
# * "matchit": the output of matchit() itself (match.matrix, weights, subclass).
#   Used for the Mahalanobis cases, which MatchIt 4.5.1 runs through its general C++ matcher
#   (nn_matchC), whose arithmetic is correct.
#
# * "definitional": nearest-neighbour matching on a 1-D distance by `score_matcher()` below,
#   an R transcription of the algorithm of MatchIt 4.5.1's fast 1-D matcher (nn_matchC_vec,
#   used whenever `distance` is a vector and no `mahvars` are given), with correct arithmetic.
#   Weights and subclasses of these cases are computed by MatchIt's own functions
#   (MatchIt:::weights.matrix and MatchIt:::mm2subclass) from the definitional match matrix.
#
# Why not matchit() itself for 1-D distances: the MatchIt 4.5.1 installed here (Debian's
# r-cran-matchit, compiled with GCC) has two defects in nn_matchC_vec:
#   1. distance differences go through the C integer abs(), so |d_t - d_c| is truncated toward
#      zero. For propensity scores every difference becomes 0: the caliper is never applied
#      (upstream issue kosukeimai/MatchIt#163: "Caliper not working as intended on versions
#      4.5.1 - 4.5.3") and, when the closest available controls to the left (smaller score)
#      and to the right (larger score) are compared, the left one always wins, even when the
#      right one is closer.
#   2. in the second and later rounds (ratio > 1, or with replacement) the check "is this
#      control already matched to this treated unit" compares 0-based indices with the 1-based
#      indices stored in the match matrix: a control can be matched twice to the same treated
#      unit with replacement, and the control following an already matched one in data order
#      is wrongly skipped (MatchIt's NEWS.md, in the section that follows 4.5.2, lists a fix
#      for "method = 'nearest' with replace = TRUE and ratio greater than 1").
# The first defect is demonstrated on a three-unit example below and recorded in the JSON
# ("matchit_truncates_differences").
# `score_matcher(..., emulate_451 = TRUE)` reproduces both defects; the script stops unless that
# emulation gives exactly matchit()'s match matrix for every definitional case (so the
# transcription is faithful to MatchIt's order of operations, rounds and tie-breaking), and
# records in "matchit_differences" how many focal units get a different match set from
# matchit() than from the correct algorithm.
#
# As a second, independent check, every definitional case without replacement is also run
# through MatchIt's general C++ matcher (correct arithmetic) by giving matchit() the matrix of
# |d_t - d_c| and imposing the matching order by permuting the rows (treated units first in the
# requested order, controls in their original order). That matcher breaks ties differently
# (first control in data order among equally distant ones, whereas the fast matcher prefers the
# closest control in sorted order and the one with the smaller score when both sides are
# equally distant); "matrix_path_differences" counts the focal units whose match sets differ and
# "matrix_path_score_differences" those whose matched controls differ in score values (0 means
# the two matchers differ only by exchanging controls that have identical scores).
#
# * "kernel-definitional": kernel matching weights from the formula in `kernel_weights()` (no
#   package reference; Heckman, Ichimura and Todd 1997, as in Stata's psmatch2 `kernel`).

suppressMessages(library(MatchIt))
stopifnot(packageVersion("MatchIt") == "4.5.1")

# Three units: treated at 0.5, controls at 0.1 (distance 0.4) and 0.55 (distance 0.05).
# Correct arithmetic picks the control at 0.55 (unit 3); truncated differences pick unit 2.
toy <- MatchIt:::nn_matchC_vec(c(a = 1L, b = 0L, c = 0L), 1L, 1L, rep(FALSE, 3), 1L,
                               c(0.5, 0.1, 0.55))
matchit_truncates <- identical(as.integer(toy[1, 1]), 2L)

root <- "Tests/Fixtures"
lalonde <- read.csv(file.path(root, "data/lalonde.csv"), stringsAsFactors = FALSE)
lalonde$race <- factor(lalonde$race, levels = c("black", "hispan", "white"))
n <- nrow(lalonde)
rownames(lalonde) <- as.character(seq_len(n))

fit <- glm(treat ~ age + educ + race + married + nodegree + re74 + re75,
           family = binomial, data = lalonde)
ps <- unname(fitted(fit))
treat <- lalonde$treat

# ---------------------------------------------------------------------------------------------
# Definitional 1-D nearest-neighbour matcher (MatchIt 4.5.1's nn_matchC_vec algorithm).
#
# Units are sorted by distance with sort.list() (stable: ties keep data order). Matching runs in
# rounds r = 1..ratio; in each round the focal units are visited in `ord`. For a focal unit at
# sorted position p, the nearest usable control is searched to the left (positions p-1, p-2, ...)
# and to the right (p+1, ...): focal units are skipped, and so are controls already matched to
# this focal unit, controls no longer available (used, without replacement) and discarded
# controls. A side whose first usable control is farther than the caliper yields nothing. The
# left candidate wins when |d_left - d_p| <= |d_right - d_p|.
# Returns the n_focal x ratio match matrix of 1-based unit indices (rows in data order of the
# focal units, named by unit index), NA where no control was found.
score_matcher <- function(focal, ord, ratio, discarded, replace, distance, caliper = NULL,
                          emulate_451 = FALSE) {
  dist_abs <- if (emulate_451) function(x) abs(trunc(x)) else abs
  n <- length(focal)
  so <- sort.list(distance)
  fs <- focal[so]
  ds <- distance[so]
  usable <- (fs == 0) & !discarded[so]
  pos <- integer(n)
  pos[so] <- seq_len(n)
  focal_units <- which(focal == 1)
  mm <- matrix(NA_integer_, length(focal_units), ratio,
               dimnames = list(as.character(focal_units), NULL))
  for (r in seq_len(ratio)) {
    for (i in ord) {
      u <- focal_units[i]
      if (discarded[u]) next
      p <- pos[u]
      row <- mm[i, !is.na(mm[i, ])]
      excluded <- if (emulate_451) row + 1L else row
      search <- function(step) {
        k <- p + step
        while (k >= 1 && k <= n) {
          if (fs[k] == 1 || (r > 1 && so[k] %in% excluded) || !usable[k]) {
            k <- k + step
            next
          }
          if (!is.null(caliper) && dist_abs(ds[p] - ds[k]) > caliper) return(NA_integer_)
          return(k)
        }
        NA_integer_
      }
      kl <- search(-1L)
      kr <- search(1L)
      k <- if (!is.na(kl) && !is.na(kr)) {
        if (dist_abs(ds[kl] - ds[p]) <= dist_abs(ds[kr] - ds[p])) kl else kr
      } else if (!is.na(kl)) kl else kr
      if (is.na(k)) next
      mm[i, r] <- so[k]
      if (!replace) usable[k] <- FALSE
    }
  }
  mm
}

# Order of the focal units as MatchIt computes it (stable, ties in data order).
focal_order <- function(d, m.order) {
  switch(m.order,
         largest = order(d, decreasing = TRUE),
         smallest = order(d, decreasing = FALSE),
         data = seq_along(d))
}

# Runs score_matcher within exact-matching strata as matchit2nearest does (one run per level,
# each with its own order), or on the whole sample.
score_matcher_exact <- function(focal, m.order, ratio, discarded, replace, distance, caliper,
                                strata, emulate_451) {
  if (is.null(strata)) {
    ord <- focal_order(distance[focal == 1], m.order)
    return(score_matcher(focal, ord, ratio, discarded, replace, distance, caliper, emulate_451))
  }
  focal_units <- which(focal == 1)
  mm <- matrix(NA_integer_, length(focal_units), ratio,
               dimnames = list(as.character(focal_units), NULL))
  for (s in sort(unique(strata))) {
    e <- which(strata == s)
    f <- focal[e]
    if (sum(f == 1) == 0) next
    ord <- focal_order(distance[e][f == 1], m.order)
    sub <- score_matcher(f, ord, ratio, discarded[e], replace, distance[e], caliper, emulate_451)
    sub[] <- e[sub]
    mm[as.character(e[f == 1]), ] <- sub
  }
  mm
}

# MatchIt's general C++ matcher on the distance matrix |d_t - d_c| (see the header).
matrix_path <- function(focal, m.order, ratio, discarded, distance, caliper, strata) {
  f_units <- which(focal == 1)
  c_units <- which(focal == 0)
  # Within each exact stratum MatchIt orders that stratum's focal units; the stable global
  # order restricted to a stratum is that stratum's order, so one permutation serves both.
  ord <- focal_order(distance[f_units], m.order)
  perm <- c(f_units[ord], c_units)
  dd <- data.frame(t = c(rep(1L, length(f_units)), rep(0L, length(c_units))),
                   x = seq_along(perm))
  if (!is.null(strata)) dd$s <- strata[perm]
  dm <- abs(outer(distance[f_units[ord]], distance[c_units], "-"))
  args <- list(formula = t ~ x, data = dd, method = "nearest", distance = dm,
               m.order = "data", ratio = ratio, discard = discarded[perm])
  if (!is.null(caliper)) {
    args$caliper <- caliper
    args$std.caliper <- FALSE
  }
  if (!is.null(strata)) args$exact <- ~s
  m <- suppressWarnings(do.call(matchit, args))
  mm <- MatchIt:::charmm2nummm(m$match.matrix, setNames(dd$t, rownames(dd)))
  out <- matrix(NA_integer_, length(f_units), ncol(mm),
                dimnames = list(as.character(f_units), NULL))
  out[match(f_units[ord], f_units), ] <- perm[mm]
  out
}

# Number of focal units whose sets of matched controls differ between two match matrices.
set_differences <- function(a, b) {
  sum(vapply(seq_len(nrow(a)), function(i) {
    x <- sort(a[i, !is.na(a[i, ])])
    y <- sort(b[i, !is.na(b[i, ])])
    !identical(as.integer(x), as.integer(y))
  }, logical(1)))
}

# Number of focal units whose matched controls have different score values (0 means that two
# match matrices differ only by exchanging controls with identical scores).
score_differences <- function(a, b, distance) {
  sum(vapply(seq_len(nrow(a)), function(i) {
    x <- sort(distance[a[i, !is.na(a[i, ])]])
    y <- sort(distance[b[i, !is.na(b[i, ])]])
    !identical(x, y)
  }, logical(1)))
}

# ---------------------------------------------------------------------------------------------
# Kernel matching weights (ATT orientation: `focal` units get weight 1 when they have support).
# For focal unit t and non-focal unit c, K_tc = K((d_c - d_t) / h) with
#   Epanechnikov K(u) = 3/4 (1 - u^2) for |u| < 1, else 0;  Gaussian K(u) = exp(-u^2 / 2) / sqrt(2 pi).
# w_tc = K_tc / sum_c' K_tc'.  A focal unit whose kernel sum is 0 has no support (weight 0).
# Non-focal weight: w_c = sum over supported focal units t of w_tc.
kernel_weights <- function(focal, distance, kernel, bandwidth) {
  kfun <- switch(kernel,
                 epanechnikov = function(u) ifelse(abs(u) < 1, 0.75 * (1 - u^2), 0),
                 gaussian = function(u) exp(-u^2 / 2) / sqrt(2 * pi))
  f <- which(focal == 1)
  c0 <- which(focal == 0)
  w <- numeric(length(focal))
  for (t in f) {
    k <- kfun((distance[c0] - distance[t]) / bandwidth)
    s <- sum(k)
    if (s > 0) {
      w[t] <- 1
      w[c0] <- w[c0] + k / s
    }
  }
  w
}

# ---------------------------------------------------------------------------------------------
# Minimal JSON writer (numbers with 17 significant digits, so they read back exactly).
json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      items <- vapply(names(x), function(k) {
        paste0(inner, "\"", k, "\": ", json(x[[k]], inner))
      }, character(1))
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
    }
    if (length(x) == 0) return("[]")
    items <- vapply(x, function(v) json(v, inner), character(1))
    return(paste0("[", paste(items, collapse = ", "), "]"))
  }
  scalar <- function(v) {
    if (is.na(v)) return("null")
    if (is.logical(v)) return(if (v) "true" else "false")
    if (is.character(v)) return(paste0("\"", v, "\""))
    if (is.integer(v)) return(as.character(v))
    sprintf("%.17g", v)
  }
  if (inherits(x, "AsIs") || length(x) != 1) {
    return(paste0("[", paste(vapply(x, scalar, character(1)), collapse = ", "), "]"))
  }
  scalar(x)
}

# ---------------------------------------------------------------------------------------------
# Case output helpers.

# Match matrix as a list over focal units (data order) of 0-based control indices, or NULL.
mm_json <- function(mm) {
  lapply(seq_len(nrow(mm)), function(i) {
    v <- mm[i, !is.na(mm[i, ])]
    if (length(v) == 0) NULL else I(as.integer(v - 1L))
  })
}

counts_json <- function(group, weights, discarded) {
  one <- function(g) list(
    all = sum(group == g),
    matched = sum(group == g & weights > 0),
    unmatched = sum(group == g & weights == 0 & !discarded),
    discarded = sum(group == g & discarded))
  list(control = one(0L), treated = one(1L))
}

subclass_pairs <- function(subclass) {
  # subclass per unit as integers (NA -> null); numbering is MatchIt's
  s <- as.integer(as.character(subclass))
  I(s)
}

named_treat <- function(x) setNames(as.integer(x), as.character(seq_along(x)))

cases <- list()

score_case <- function(name, estimand = "ATT", ratio = 1L, replace = FALSE,
                       m.order = NULL, caliper = NULL, std.caliper = TRUE,
                       discard = "none", exact = NULL) {
  args <- list(formula = treat ~ age + educ + race + married + nodegree + re74 + re75,
               data = lalonde, method = "nearest", distance = ps, estimand = estimand,
               ratio = ratio, replace = replace, discard = discard)
  if (!is.null(m.order)) args$m.order <- m.order
  if (!is.null(caliper)) {
    args$caliper <- caliper
    args$std.caliper <- std.caliper
  }
  if (!is.null(exact)) args$exact <- reformulate(exact)
  m <- suppressWarnings(do.call(matchit, args))

  focal <- if (estimand == "ATT") treat else 1L - treat
  discarded <- unname(m$discarded)
  order_used <- if (replace) "data" else if (!is.null(m.order)) m.order else
    if (estimand == "ATC") "smallest" else "largest"
  caliper_raw <- if (is.null(caliper)) NULL else
    if (std.caliper) caliper * sd(ps[!discarded]) else caliper
  if (!is.null(caliper)) stopifnot(isTRUE(all.equal(unname(m$caliper), caliper_raw)))
  strata <- if (is.null(exact)) NULL else lalonde[[exact]]

  emulated <- score_matcher_exact(focal, order_used, ratio, discarded, replace, ps, caliper_raw,
                                  strata, emulate_451 = TRUE)
  actual <- MatchIt:::charmm2nummm(m$match.matrix, named_treat(focal))
  if (!identical(unname(emulated), unname(actual)) ||
      !identical(rownames(emulated), rownames(m$match.matrix))) {
    stop("score_matcher(emulate_451 = TRUE) does not reproduce matchit() for case ", name)
  }
  mm <- score_matcher_exact(focal, order_used, ratio, discarded, replace, ps, caliper_raw,
                            strata, emulate_451 = FALSE)
  tf <- named_treat(focal)
  weights <- unname(MatchIt:::weights.matrix(mm, tf))
  subclass <- if (replace) rep(NA_integer_, n) else
    as.integer(as.character(MatchIt:::mm2subclass(mm, tf)))
  via_matrix <- if (replace) NULL else
    matrix_path(focal, order_used, ratio, discarded, ps, caliper_raw, strata)
  matrix_diff <- if (replace) NULL else set_differences(mm, via_matrix)
  matrix_score_diff <- if (replace) NULL else score_differences(mm, via_matrix, ps)

  list(
    name = name,
    reference = "definitional",
    distance = "score",
    estimand = estimand,
    ratio = as.integer(ratio),
    replace = replace,
    order = order_used,
    caliper = caliper,
    std_caliper = if (is.null(caliper)) NULL else std.caliper,
    caliper_raw = caliper_raw,
    discard = discard,
    exact = if (is.null(exact)) I(character(0)) else I(exact),
    focal_units = I(which(focal == 1) - 1L),
    match_matrix = mm_json(mm),
    weights = I(weights),
    subclass = I(subclass),
    discarded = I(discarded),
    counts = counts_json(treat, weights, discarded),
    matchit_differences = set_differences(mm, actual),
    matrix_path_differences = matrix_diff,
    matrix_path_score_differences = matrix_score_diff,
    matchit_weights = I(unname(m$weights))
  )
}

mahalanobis_case <- function(name, ratio = 1L, caliper = NULL, exact = NULL, use_ps = FALSE) {
  args <- list(formula = treat ~ age + educ + re74 + re75, data = lalonde, method = "nearest",
               ratio = ratio)
  if (use_ps) {
    args$distance <- ps
    args$mahvars <- ~ age + educ + re74 + re75
  } else {
    args$distance <- "mahalanobis"
  }
  if (!is.null(caliper)) args$caliper <- caliper
  if (!is.null(exact)) args$exact <- reformulate(exact)
  m <- suppressWarnings(do.call(matchit, args))
  discarded <- unname(m$discarded)
  mm <- MatchIt:::charmm2nummm(m$match.matrix, named_treat(treat))
  weights <- unname(m$weights)
  list(
    name = name,
    reference = "matchit",
    distance = "mahalanobis",
    covariates = I(c("age", "educ", "re74", "re75")),
    mahalanobis_score = if (use_ps) "ps" else NULL,
    estimand = "ATT",
    ratio = as.integer(ratio),
    replace = FALSE,
    order = if (use_ps) "largest" else "data",
    caliper = caliper,
    std_caliper = if (is.null(caliper)) NULL else TRUE,
    caliper_raw = if (is.null(caliper)) NULL else unname(m$caliper),
    discard = "none",
    exact = if (is.null(exact)) I(character(0)) else I(exact),
    focal_units = I(which(treat == 1) - 1L),
    match_matrix = mm_json(mm),
    weights = I(weights),
    subclass = I(as.integer(as.character(m$subclass))),
    discarded = I(discarded),
    counts = counts_json(treat, weights, discarded)
  )
}

kernel_case <- function(name, kernel, bandwidth, estimand = "ATT") {
  focal <- if (estimand == "ATT") treat else 1L - treat
  w <- kernel_weights(focal, ps, kernel, bandwidth)
  list(name = name, reference = "kernel-definitional", kernel = kernel, bandwidth = bandwidth,
       estimand = estimand, weights = I(w),
       counts = counts_json(treat, w, rep(FALSE, n)))
}

cases <- list(
  score_case("nearest_1to1_largest", m.order = "largest"),
  score_case("nearest_1to1_smallest", m.order = "smallest"),
  score_case("nearest_1to1_data", m.order = "data"),
  score_case("nearest_2to1_largest", ratio = 2L, m.order = "largest"),
  score_case("nearest_1to1_replace", replace = TRUE),
  score_case("nearest_3to1_replace", ratio = 3L, replace = TRUE),
  score_case("nearest_1to1_caliper_0.1sd", caliper = 0.1, m.order = "largest"),
  score_case("nearest_2to1_caliper_raw_0.01", ratio = 2L, caliper = 0.01, std.caliper = FALSE,
             m.order = "largest"),
  score_case("nearest_1to1_discard_both", discard = "both", m.order = "largest"),
  score_case("nearest_1to1_discard_both_caliper_0.2sd", discard = "both", caliper = 0.2,
             m.order = "largest"),
  score_case("nearest_1to1_exact_married", exact = "married", m.order = "largest"),
  score_case("nearest_1to1_atc", estimand = "ATC"),
  score_case("nearest_1to1_atc_replace", estimand = "ATC", replace = TRUE)
)
cases <- c(cases, list(
  mahalanobis_case("mahalanobis_1to1"),
  mahalanobis_case("mahalanobis_2to1", ratio = 2L),
  mahalanobis_case("mahalanobis_ps_caliper_0.25sd", caliper = 0.25, use_ps = TRUE),
  mahalanobis_case("mahalanobis_exact_married", exact = "married")
))
kernels <- list(
  kernel_case("kernel_epanechnikov_0.06", "epanechnikov", 0.06),
  kernel_case("kernel_gaussian_0.06", "gaussian", 0.06),
  kernel_case("kernel_epanechnikov_0.02", "epanechnikov", 0.02),
  kernel_case("kernel_epanechnikov_0.06_atc", "epanechnikov", 0.06, estimand = "ATC")
)

out <- list(
  generator = "Tests/Fixtures/generate_matching.R",
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  matchit_version = as.character(packageVersion("MatchIt")),
  matchit_truncates_differences = matchit_truncates,
  data = "Tests/Fixtures/data/lalonde.csv",
  propensity_formula = "treat ~ age + educ + race + married + nodegree + re74 + re75 (glm, binomial logit)",
  lalonde = list(
    treat = I(as.integer(treat)),
    ps = I(ps),
    married = I(as.integer(lalonde$married)),
    age = I(as.numeric(lalonde$age)),
    educ = I(as.numeric(lalonde$educ)),
    re74 = I(as.numeric(lalonde$re74)),
    re75 = I(as.numeric(lalonde$re75))
  ),
  cases = cases,
  kernel_cases = kernels
)
dir.create(file.path(root, "expected"), showWarnings = FALSE)
writeLines(json(out), file.path(root, "expected/matching.json"))
for (cs in cases) {
  cat(sprintf("%-42s %-13s matched C/T %3d/%3d  matchit diff %s  matrix-path diff %s (scores %s)\n", cs$name,
              cs$reference, cs$counts$control$matched, cs$counts$treated$matched,
              if (is.null(cs$matchit_differences)) "-" else cs$matchit_differences,
              if (is.null(cs$matrix_path_differences)) "-" else cs$matrix_path_differences,
              if (is.null(cs$matrix_path_score_differences)) "-" else cs$matrix_path_score_differences))
}
