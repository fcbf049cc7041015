package org.backcheck.guidance;

import java.util.List;

/**
 * The NICE NG65 count for suspected axial spondyloarthritis.
 *
 * @param applies  whether NG65's gate is met: pain began before 45 and has lasted longer than 3 months
 * @param criteria the criteria counted (onset before 35 counts when ticked or when the onset age makes it certain)
 * @param outcome  refer, test_hla_b27, not_met, not_assessed (gate met, no features recorded),
 *                 onset_age_needed (age and duration leave the gate open) or not_applicable
 */
public record SpondyloarthritisCheck(boolean applies, List<SpaFeature> criteria, String outcome) {
    public SpondyloarthritisCheck {
        criteria = List.copyOf(criteria);
    }
}
