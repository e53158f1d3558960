#!/usr/bin/env Rscript
# Times MatchIt::matchit on one matching workload (m1, m2, m3), same protocol as the Swift
# harness: load the raw float64 columns written by generate_data.py into a data.frame (untimed),
# reset the peak RSS, one untimed warm-up on the first --warmup-rows rows (package loading,
# byte-code compilation), then timed runs while fewer than --reps ran and the next one (estimated
# by the median so far) fits in --budget seconds. Prints one JSON line.
#
#   Rscript matchit_bench.R --data DIR --workload m2 --mode glm|scores [--reps 5] [--budget 30]
#                           [--warmup-rows 20000]
#
# --mode glm:    matchit(treat ~ x1 + ... + x5, data, method = "nearest", distance = "glm",
#                        caliper = 0.2, m.order = "largest")  (logit score + matching)
# --mode scores: the same with distance = <the precomputed score column ps>  (matching only)
# Both: ATT, 1:1, without replacement, std.caliper = TRUE (the default).
#
# No jsonlite here: the JSON line is written by hand.

suppressPackageStartupMessages(library(MatchIt))

args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) {
  i <- match(name, args)
  if (is.na(i) || i == length(args)) default else args[[i + 1]]
}
data_dir <- opt("--data", "Benchmarks/.data")
workload <- opt("--workload", "m1")
mode <- opt("--mode", "glm")
reps <- as.integer(opt("--reps", "5"))
budget <- as.numeric(opt("--budget", "30"))
warmup_rows <- as.integer(opt("--warmup-rows", "20000"))

status_kb <- function(field) {
  lines <- readLines("/proc/self/status")
  l <- grep(paste0("^", field, ":"), lines, value = TRUE)
  if (length(l) == 0) return(-1)
  as.numeric(gsub("[^0-9]", "", l[[1]]))
}
reset_peak <- function() {
  ok <- tryCatch({ cat("5", file = "/proc/self/clear_refs"); TRUE }, error = function(e) FALSE)
  ok
}
load_avg <- function() as.numeric(strsplit(readLines("/proc/loadavg"), " ")[[1]][1])

folder <- file.path(data_dir, workload)
read_f64 <- function(name) {
  path <- file.path(folder, paste0(name, ".f64"))
  n <- file.size(path) / 8
  readBin(path, what = "double", n = n, size = 8, endian = "little")
}
cols <- c("treat", "x1", "x2", "x3", "x4", "x5")
df <- as.data.frame(setNames(lapply(cols, read_f64), cols))
ps <- read_f64("ps")
n <- nrow(df)
formula <- treat ~ x1 + x2 + x3 + x4 + x5

run <- function(d, score) {
  if (mode == "glm") {
    matchit(formula, data = d, method = "nearest", distance = "glm", caliper = 0.2, m.order = "largest")
  } else {
    matchit(formula, data = d, method = "nearest", distance = score, caliper = 0.2, m.order = "largest")
  }
}

num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "null" else format(x, digits = 17)
str_json <- function(x) paste0("\"", gsub("[\"\\\\]", "'", gsub("\n", " ", x)), "\"")

rec <- list(
  tool = str_json("matchit"), version = str_json(as.character(packageVersion("MatchIt"))),
  r_version = str_json(paste(R.version$major, R.version$minor, sep = ".")),
  workload = str_json(workload), config = str_json(mode), rows = num(n),
  formula = str_json("treat ~ x1 + x2 + x3 + x4 + x5"), data_bytes = num(n * 8 * 7),
  status = str_json("ok"))
rec$load_before <- num(load_avg())
rec$peak_reset <- if (reset_peak()) "true" else "false"
rec$rss_before_kb <- num(status_kb("VmRSS"))
out <- tryCatch({
  w <- min(n, warmup_rows)
  t0 <- proc.time()[["elapsed"]]
  invisible(run(df[seq_len(w), ], ps[seq_len(w)]))
  rec$warmup_s <- num(proc.time()[["elapsed"]] - t0)
  rec$warmup_rows <- num(w)
  times <- c()
  m <- NULL
  while (length(times) < max(1, reps)) {
    if (length(times) > 0 && sum(times) + median(times) > budget) break
    t0 <- proc.time()[["elapsed"]]
    m <- run(df, ps)
    times <- c(times, proc.time()[["elapsed"]] - t0)
  }
  rec$rss_peak_kb <- num(status_kb("VmHWM"))
  rec$times_s <- paste0("[", paste(vapply(times, num, ""), collapse = ","), "]")
  rec$best_s <- num(min(times))
  rec$median_s <- num(median(times))
  # Sample sizes as summary(m)$nn reports them: units with a positive weight are matched.
  matched <- m$weights > 0
  rec$treated <- num(sum(m$treat == 1))
  rec$treated_matched <- num(sum(matched & m$treat == 1))
  rec$treated_unmatched <- num(sum(!matched & m$treat == 1))
  rec$control_matched <- num(sum(matched & m$treat == 0))
  width <- unname(m$caliper)  # already in score units (std.caliper = TRUE: 0.2 * sd(distance))
  rec$caliper_width <- num(width)
  # Pairs whose score difference exceeds the caliper (MatchIt 4.5.1's GCC fast matcher
  # truncates score differences to integers, so it ignores calipers on propensity scores).
  mm <- m$match.matrix
  tr <- rownames(mm)[!is.na(mm[, 1])]
  d <- m$distance
  names(d) <- rownames(df)
  gap <- abs(d[tr] - d[mm[tr, 1]])
  rec$pairs_outside_caliper <- num(sum(gap > width))
  rec$max_pair_gap <- num(max(gap))
  if (mode == "glm") rec$max_abs_score_diff <- num(max(abs(m$distance - ps)))
  rec
}, error = function(e) {
  rec$status <- str_json("error")
  rec$error <- str_json(conditionMessage(e))
  rec$rss_peak_kb <- num(status_kb("VmHWM"))
  rec
})
out$load_after <- num(load_avg())
cat("{", paste(sprintf("\"%s\": %s", names(out), unlist(out)), collapse = ", "), "}\n", sep = "")
