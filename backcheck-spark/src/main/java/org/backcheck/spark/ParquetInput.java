package org.backcheck.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.backcheck.classify.Fields;
import org.backcheck.extract.SlotLayout;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * Parquet input (a file, or a folder of parts). Each column the audit needs is read as the text a
 * CSV export would hold ({@link ParquetText}); NULL is a missing value, as an empty field is in CSV.
 * A row's number is its place in the input: the files in path order, then the row's index in its
 * file. Every part must have every column the audit reads (Spark would read a missing one as NULL,
 * which could change a row's status unnoticed), and a Delta table's folder is refused: its Parquet
 * files include ones the table no longer holds.
 */
final class ParquetInput {

    private static final String FILE = "_backcheck_file";
    private static final String INDEX = "_backcheck_row_index";

    private ParquetInput() {
    }

    static ClassifiedInput classify(SparkSession spark, SparkAuditOptions options, Measure measure) {
        Dataset<Row> table = spark.read().parquet(options.input());
        List<String> names = Arrays.asList(table.columns());
        SlotLayout slots = SlotLayout.of(names, measure.columns(), options.idColumn());
        int dateSlot = slots.dateSlot();
        List<Column> columns = new ArrayList<>();
        boolean[] twoDigitCode = new boolean[slots.slots()];
        for (int slot = 0; slot < slots.slots(); slot++) {
            int column = slots.columnOfSlot()[slot];
            if (column < 0) {
                columns.add(lit(null).cast("string"));
            } else {
                org.apache.spark.sql.types.DataType type = table.schema().fields()[column].dataType();
                ParquetText.check(names.get(column), type, slot == dateSlot);
                // As backcheck audit's Parquet reader: a category stored as a number, 2, is the code '02'.
                twoDigitCode[slot] = ParquetText.isTwoDigitCode(names.get(column), type);
                columns.add(col(quoted(names.get(column))));
            }
        }
        columns.add(col("_metadata.file_path").as(FILE));
        columns.add(col("_metadata.row_index").as(INDEX));
        Dataset<Row> rows = table.select(columns.toArray(Column[]::new));

        checkParts(spark, options.input(), table.inputFiles(), slots, names);

        spark.sparkContext().setJobDescription("backcheck: counting rows per Parquet file");
        List<Row> perFile = new ArrayList<>(table.select(col("_metadata.file_path").as(FILE)).groupBy(FILE).count()
                .collectAsList());
        spark.sparkContext().setJobDescription(null);
        perFile.sort(java.util.Comparator.comparing(r -> r.getString(0)));
        Map<String, Long> rowsBefore = new HashMap<>();
        long total = 0;
        for (Row r : perFile) {
            rowsBefore.put(r.getString(0), total);
            total += r.getLong(1);
        }
        JavaRDD<Row> verdicts = rows.javaRDD().mapPartitions(new JudgeRows(rowsBefore, twoDigitCode, options.nullPolicy()));
        return new ClassifiedInput(spark.createDataFrame(verdicts, Verdicts.SCHEMA),
                perFile.stream().map(r -> r.getString(0)).toList(), null, slots.hasProvider(), slots.hasDate(),
                slots.hasCommissioner(), total, slots.hasTreatmentFunction());
    }

    /**
     * Refuses a Delta table's folder, and parts that lack a column the audit reads (Spark would
     * read it as NULL in those rows). Each part's schema is read from its footer, on the cluster.
     */
    private static void checkParts(SparkSession spark, String input, String[] files, SlotLayout slots, List<String> names) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        try {
            Path delta = new Path(input, "_delta_log");
            if (delta.getFileSystem(conf).exists(delta)) {
                throw new UnreadableExtractException(input + " is a Delta table: its folder holds Parquet files the table"
                        + " no longer includes. Export the table (or a query on it) as Parquet or CSV and audit that.");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<String> needed = new ArrayList<>();
        for (int column : slots.columnOfSlot()) {
            if (column >= 0) {
                needed.add(names.get(column));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> hadoop = jsc.broadcast(new SerializableConfiguration(conf));
        spark.sparkContext().setJobDescription("backcheck: reading the columns of each Parquet part");
        List<String> problems = jsc.parallelize(Arrays.asList(files), Math.max(1, Math.min(files.length, 200)))
                .map(new MissingColumns(needed, hadoop)).filter(p -> !p.isEmpty()).take(5);
        spark.sparkContext().setJobDescription(null);
        if (!problems.isEmpty()) {
            throw new UnreadableExtractException("the Parquet parts do not all have the columns the audit reads: "
                    + String.join("; ", problems) + ". Export every part with the same columns.");
        }
    }

    /** A part's missing columns, as a sentence; empty when it has them all. */
    static final class MissingColumns implements Function<String, String> {
        private final List<String> needed;
        private final Broadcast<SerializableConfiguration> hadoop;

        MissingColumns(List<String> needed, Broadcast<SerializableConfiguration> hadoop) {
            this.needed = needed;
            this.hadoop = hadoop;
        }

        @Override
        public String call(String file) throws java.io.IOException {
            try (ParquetFileReader reader = ParquetFileReader.open(
                    HadoopInputFile.fromPath(new Path(new java.net.URI(file)), hadoop.value().value()))) {
                List<String> present = reader.getFooter().getFileMetaData().getSchema().getFields().stream()
                        .map(f -> f.getName().toLowerCase(java.util.Locale.ROOT)).toList();
                List<String> missing = needed.stream()
                        .filter(n -> !present.contains(n.toLowerCase(java.util.Locale.ROOT))).toList();
                return missing.isEmpty() ? "" : file + " has no " + String.join(", ", missing);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Classifies a partition's rows. */
    static final class JudgeRows implements FlatMapFunction<Iterator<Row>, Row> {
        private final Map<String, Long> rowsBefore;
        private final boolean[] twoDigitCode;
        private final NullPolicy policy;

        /** @param twoDigitCode by slot: whether its column is a category stored as a number ({@link ParquetText#ofCode}) */
        JudgeRows(Map<String, Long> rowsBefore, boolean[] twoDigitCode, NullPolicy policy) {
            this.rowsBefore = rowsBefore;
            this.twoDigitCode = twoDigitCode;
            this.policy = policy;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            int slots = twoDigitCode.length;
            String[] values = new String[slots];
            return new VerdictStream(new Verdicts(Measure.lowerBackImaging(), policy), verdicts -> {
                if (!rows.hasNext()) {
                    return false;
                }
                Row r = rows.next();
                for (int i = 0; i < slots; i++) {
                    values[i] = twoDigitCode[i] ? ParquetText.ofCode(r.get(i)) : ParquetText.of(r.get(i));
                }
                Long before = rowsBefore.get(r.getString(slots));
                if (before == null) {
                    throw new IllegalStateException("a row from a file that was not counted: " + r.getString(slots));
                }
                verdicts.judge(before + r.getLong(slots + 1) + 1, null, Fields.of(values));
                return true;
            });
        }
    }
}
