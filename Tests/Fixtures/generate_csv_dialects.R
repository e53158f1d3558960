# CSV files in the dialects other programs write, for CausalCore's CSV reader tests and the
# causalkit tool tests.
#
# Run from the repository root:  Rscript Tests/Fixtures/generate_csv_dialects.R
# Needs base R only (written with R 4.2.2). Writes, in Tests/Fixtures/data:
#
#   r_write_csv.csv        write.csv() with its defaults: the row names are the first column,
#                          under an empty name ("",...); NA for missing; Inf and -Inf written
#                          as such; text quoted, with a comma, a doubled quote and a line break.
#   r_semicolon.csv        write.table(sep = ";"): semicolon-separated (decimal points kept),
#                          with a semicolon and a comma inside quoted text.
#   r_cr_line_endings.csv  write.table(eol = "\r"): classic Mac OS line ends (CR only), with
#                          LF and CRLF inside quoted text.
#   r_stata_dot.csv        write.csv(na = "."): 200 rows where 30 values (15%) of x are
#                          missing, written as Stata writes them: ".".
#
# The data are simulated (seed 20250301); the Swift tests compare what the reader returns
# with the values this script prints below each file's name when run.

set.seed(20250301)

data_dir <- file.path("Tests", "Fixtures", "data")

# ---- r_write_csv.csv ---------------------------------------------------------------------

n <- 12
base <- data.frame(
  id = 101:(100 + n),
  x = round(rnorm(n), 3),
  g = rep(c("a", "b", "c"), length.out = n),
  z = round(runif(n, 1, 5), 2),
  stringsAsFactors = FALSE
)
base$y <- round(1 + 2 * base$x + rnorm(n, sd = 0.5), 3)
base$x[4] <- NA
base$z[6] <- Inf
base$z[9] <- -Inf
base$note <- rep("plain", n)
base$note[2] <- "Smith, J"
base$note[3] <- "he said \"hi\""
base$note[5] <- "two\nlines"
write.csv(base, file.path(data_dir, "r_write_csv.csv"))
cat("r_write_csv.csv\n")
print(base)

# ---- r_semicolon.csv ---------------------------------------------------------------------

semi <- data.frame(
  y = round(rnorm(8, 10), 2),
  x = 1:8,
  region = rep(c("north;east", "south, west"), 4),
  stringsAsFactors = FALSE
)
write.table(semi, file.path(data_dir, "r_semicolon.csv"), sep = ";", row.names = FALSE)
cat("r_semicolon.csv\n")
print(semi)

# ---- r_cr_line_endings.csv ---------------------------------------------------------------

cr <- data.frame(
  y = round(rnorm(25), 3),
  x = 1:25,
  label = paste0("item", 1:25),
  stringsAsFactors = FALSE
)
cr$label[3] <- "line\nbreak"
cr$label[7] <- "windows\r\nbreak"
write.table(cr, file.path(data_dir, "r_cr_line_endings.csv"), sep = ",", row.names = FALSE, eol = "\r")
cat("r_cr_line_endings.csv\n")
print(cr)

# ---- r_stata_dot.csv ---------------------------------------------------------------------

m <- 200
dot <- data.frame(
  y = round(rnorm(m), 4),
  x = round(rnorm(m, 50, 10), 2),
  firm = sample(1:20, m, replace = TRUE)
)
dot$x[sort(sample(1:m, 30))] <- NA
write.csv(dot, file.path(data_dir, "r_stata_dot.csv"), na = ".", row.names = FALSE)
cat("r_stata_dot.csv: x missing in rows", which(is.na(dot$x)), "\n")
cat("distinct non-missing x:", length(unique(na.omit(dot$x))), "\n")
cat("sum of x:", format(sum(dot$x, na.rm = TRUE), digits = 17), "\n")
