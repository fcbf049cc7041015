# Worked examples for Backcheck's FunnelPlotTest, computed with FunnelPlotR 0.6.0's own R code
# (github.com/nhs-r-community/FunnelPlotR at 9020d4972873d863e10b8a16555975f0e322adfc: R/funnel_plot.R,
# R/od_adjustment.R, R/calculate_limits.R, R/build_limits_lookup.R, R/outliers_func.R, R/aggregate_func.R).
# Only non-statistical parts are stubbed: tidy evaluation and the ggplot drawing.
# Set-up: save each of those R/ files in the working folder as fp_<name>.R (e.g. git show 9020d49:R/funnel_plot.R >
# fp_funnel_plot.R), then: Rscript funnelplotr-worked-examples.R
for (f in list.files(".", "^fp_.*\\.R$")) source(f)
enquo <- function(arg) eval.parent(substitute(substitute(arg)))
quo_name <- function(q) deparse(q)
draw_plot <- function(...) NULL
new_funnel_plot <- function(x) x
validate_funnel_plot <- function(x) x
show <- function(name, d, ...) {
  r <- funnel_plot(d, numerator = num, denominator = den, group = grp, ...)
  a <- r$aggregated_data
  cat(sprintf("== %s phi=%.17g tau2=%.17g adjusted=%s\n", name, r$phi, r$tau2, r$draw_adjusted))
  cols <- if (r$draw_adjusted) c("OD95LCL","OD95UCL","OD99LCL","OD99UCL") else c("LCL95","UCL95","LCL99","UCL99")
  for (i in seq_len(nrow(a))) cat(sprintf("%s %.17g %.17g %.17g %.17g | %.17g %.17g\n", a$group[i], a[i,cols[1]], a[i,cols[2]], a[i,cols[3]], a[i,cols[4]], a$rr[i], a$Uzscore[i]))
  if (!is.null(a$Wuzscore)) cat("kept:", paste(a$group[!is.na(a$Wuzscore)], collapse=","), "\n")
}
pr_over <- data.frame(grp=c("A","B","C","D","E","F","G","H","I","J","K","L"),
  num=c(12,30,8,55,20,41,3,17,60,25,9,33), den=c(400,650,300,900,500,700,150,480,1100,520,350,600))
pr_under <- data.frame(grp=c("A","B","C","D","E","F","G","H"),
  num=c(20,31,40,24,51,29,35,44), den=c(1000,1500,2000,1200,2500,1400,1800,2100))
set.seed(13)
sr <- data.frame(grp=sprintf("S%02d", 1:14),
  num=c(40,25,61,18,33,90,12,47,29,70,8,55,38,22),
  den=c(35.123,30.456,48.789,20.111,36.5,60.25,15.777,45.004,31.3,52.68,14.2,50.01,40.4,25.55))
sr_under <- data.frame(grp=c("U1","U2","U3","U4","U5","U6"), num=c(10,21,29,42,7,16), den=c(10.4,20.3,30.2,40.1,7.5,15.2))
show("pr_over", pr_over, data_type="PR")
show("pr_under", pr_under, data_type="PR")
show("sr_shmi", sr, data_type="SR")
show("sr_cqc", sr, data_type="SR", sr_method="CQC")
show("sr_poisson", sr_under, data_type="SR")
sr_over <- data.frame(grp=sprintf("T%02d", 1:12),
  num=c(80,25,61,10,33,120,12,47,19,90,5,55),
  den=c(50.123,30.456,48.789,20.111,36.5,60.25,15.777,45.004,31.3,52.68,14.2,50.01))
show("sr_over_shmi", sr_over, data_type="SR")
show("sr_over_cqc", sr_over, data_type="SR", sr_method="CQC")
