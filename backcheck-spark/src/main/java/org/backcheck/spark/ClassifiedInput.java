package org.backcheck.spark;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An input, classified (lazily: nothing runs until the verdicts are used).
 *
 * @param verdicts     every task's output rows, schema {@link Verdicts#SCHEMA}
 * @param files        the files read, in row order
 * @param delimiter    the delimiter's name for CSV input ("mixed" when files differ), null for Parquet
 * @param hasProvider  whether the input has a provider column
 * @param hasDate      whether the input has an appointment date column
 * @param hasCommissioner whether the input has a commissioner column
 * @param expectedRows how many records the input holds, counted apart from classifying them
 * @param hasSpecialty whether the input has a treatment function column
 */
record ClassifiedInput(Dataset<Row> verdicts, List<String> files, String delimiter, boolean hasProvider, boolean hasDate,
                       boolean hasCommissioner, long expectedRows, boolean hasSpecialty) {
}
