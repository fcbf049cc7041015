package org.backcheck.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.backcheck.contract.ContractRow;

/**
 * Contract rows as a Spark table of text columns named as in the extract header
 * ({@link ContractRow#EXTRACT_COLUMNS}), a missing value a null, in the rows' order; with
 * {@code row_no} (the row's position, from 1) first when asked.
 */
final class ContractTable {

    static final String ROW_NO = "row_no";

    private ContractTable() {
    }

    static Dataset<Row> of(SparkSession spark, List<ContractRow> rows, boolean withRowNumbers) {
        StructType schema = new StructType();
        if (withRowNumbers) {
            schema = schema.add(ROW_NO, DataTypes.LongType, false);
        }
        for (String column : ContractRow.EXTRACT_COLUMNS) {
            schema = schema.add(column, DataTypes.StringType, true);
        }
        List<Row> data = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] values = rows.get(i).extractValues();
            Object[] fields = new Object[values.length + (withRowNumbers ? 1 : 0)];
            if (withRowNumbers) {
                fields[0] = (long) i + 1;
            }
            System.arraycopy(values, 0, fields, withRowNumbers ? 1 : 0, values.length);
            data.add(RowFactory.create(fields));
        }
        return spark.createDataFrame(data, schema);
    }
}
