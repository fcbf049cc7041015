package org.backcheck.guidance;

/** What the patient leaflet says, in our own words (after the EBI guidance's patient information headings). */
public record PatientInformation(String aboutYourBackPain, String benefits, String risks, String alternatives,
                                 String ifYouDoNothing) {
}
