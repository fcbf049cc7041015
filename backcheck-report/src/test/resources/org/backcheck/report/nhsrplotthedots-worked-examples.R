# Worked examples for Backcheck's SpcRulesTest, computed with NHSRplotthedots 0.2.2's own R code
# (github.com/nhs-r-community/NHSRplotthedots at tag 0.2.2, commit 050b07d7eacc011767532732f69b8fd7d6a28fd3:
# R/ptd_spc.R, R/ptd_spc_standard.R, R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R,
# R/ptd_add_rebase_column.R, R/ptd_spc_options.R and the helpers they call), sourced into R 4.2 with the
# Debian packages of dplyr 1.0.10, rlang, tidyselect, assertthat and stringr. One change, not to statistics:
# dplyr 1.0.10's case_when has no `.default =`, so those lines are read as `TRUE ~` (the same meaning).
# Set-up: save each of the package's R/ptd_*.R, R/to_datetime.R and R/ZZZ.R files in the working folder as
# pd_<name>.R (e.g. git show 050b07d:R/ptd_spc.R > pd_ptd_spc.R), then: Rscript nhsrplotthedots-worked-examples.R
suppressMessages(library(dplyr))
`%||%` <- rlang::`%||%`
for (f in list.files(".", "^pd_.*\\.R$")) {
  code <- readLines(f)
  code <- sub("\\.default = ", "TRUE ~ ", code)
  eval(parse(text = code))
}
show <- function(name, y, ...) {
  d <- data.frame(x = seq(as.Date("2023-01-01"), by = "month", length.out = length(y)), y = y)
  r <- suppressWarnings(ptd_spc(d, value_field = y, date_field = x, improvement_direction = "decrease", ...))
  cat(sprintf("== %s\n", name))
  for (i in seq_len(nrow(r))) cat(sprintf("%d %.17g %d %.17g %.17g %.17g %s %s\n", i, r$y[i], r$rebase_group[i], r$mean_col[i], r$lpl[i], r$upl[i], r$point_type[i], gsub(" ", "_", r$special_cause_type[i])))
  opts <- attr(r, "options")
  if (!is.null(opts$target)) cat("assurance:", ptd_calculate_assurance_type(r)$assurance_type, "\n")
}
# rates per 1,000: a fall after month 12 (improvement), a one-off spike, trends and 2-in-3 near the limit
a <- c(12.1, 11.8, 12.6, 12.3, 11.9, 12.4, 12.0, 12.7, 12.2, 11.7, 12.5, 12.3, 10.1, 9.8, 10.4, 9.9, 10.2, 9.7, 10.0, 10.3)
show("shift_down", a)
show("shift_down_rebased", a, rebase = as.Date("2024-01-01"))
show("shift_down_fixed12", a, fix_after_n_points = 12)
b <- c(10, 10.4, 9.8, 10.1, 9.9, 10.2, 10.0, 14.5, 10.1, 9.7, 10.3, 9.9, 10.0, 10.2)
show("spike", b)
c1 <- c(10, 10.2, 9.9, 10.1, 10.0, 10.3, 10.5, 10.8, 11.0, 11.1, 11.4, 11.6, 10.1, 9.9)
show("trend_up", c1)
d1 <- c(10, 10.2, 9.8, 10.1, 9.9, 10.0, 10.2, 9.8, 10.1, 11.2, 10.1, 11.3, 9.9, 10.0, 8.8, 9.1, 8.9)
show("two_in_three", d1)
show("assure_pass", b, target = 16)
show("assure_fail", b, target = 8)
show("assure_inconsistent", b, target = 10.5)
show("trend_down_target", c(12, 11.8, 11.5, 11.4, 11.0, 10.9, 10.5, 10.2, 10.4, 10.3, 10.6, 10.2), target = 11)
show("peak", c(10, 10.3, 10.6, 10.9, 11.2, 11.5, 11.8, 11.4, 11.1, 10.7, 10.4, 10.2, 9.9, 9.6))
show("rebase_twice_fixed", c(a, 10.9, 11.2, 11.0, 11.4, 11.1, 11.3), rebase = as.Date(c("2024-01-01", "2024-09-01")), fix_after_n_points = 12, target = 10.5)
