package org.backcheck.audit.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.audit.generate.ExtractGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages are decompressed in Java ({@link PureJavaCodecs}): every compression the usual writers use
 * gives the same text as the uncompressed file, whether DuckDB wrote it or parquet-mr with its
 * native codecs (as Spark does); one that is not read is refused by name.
 */
class ParquetCompressionTest {

    @TempDir
    static Path dir;

    private static List<String[]> rows;
    private static List<List<String>> uncompressed;

    @BeforeAll
    static void generate() throws Exception {
        rows = ParquetFixtures.generate(20_000, 77).rows();
        uncompressed = text(ParquetFixtures.writeWithDuckDb(dir.resolve("none.parquet"), ExtractGenerator.HEADER, rows, 4096,
                "uncompressed"));
        assertThat(uncompressed).hasSize(1 + rows.size());
    }

    private static List<List<String>> text(Path file) throws IOException {
        return ParquetFixtures.text(file).stream().map(List::of).toList();
    }

    /** The codec the file's first column chunk says it was written with. */
    private static CompressionCodecName codec(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getFooter().getBlocks().get(0).getColumns().get(0).getCodec();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "lz4_raw"})
    void duckDbCompressionsReadAsTheUncompressedFile(String codec) throws Exception {
        Path file = ParquetFixtures.writeWithDuckDb(dir.resolve(codec + ".parquet"), ExtractGenerator.HEADER, rows, 4096, codec);
        assertThat(codec(file).name()).isEqualToIgnoringCase(codec);
        assertThat(text(file)).isEqualTo(uncompressed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    void parquetMrCompressionsReadAsTheUncompressedFile(String codec) throws Exception {
        MessageType schema = ParquetFixtures.textSchema(ExtractGenerator.HEADER);
        Path file = dir.resolve("mr-" + codec + ".parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(schema)
                .withCompressionCodec(CompressionCodecName.valueOf(codec)).withRowGroupSize(256L << 10).build()) {
            for (String[] r : rows) {
                Group g = groups.newGroup();
                for (int c = 0; c < r.length; c++) {
                    if (!r[c].isEmpty()) {
                        g.add(c, r[c]);
                    }
                }
                w.write(g);
            }
        }
        assertThat(codec(file).name()).isEqualTo(codec);
        assertThat(text(file)).isEqualTo(uncompressed);
    }

    @Test
    void brotliIsRefusedByName() throws Exception {
        Path file = ParquetFixtures.writeWithDuckDb(dir.resolve("brotli.parquet"), ExtractGenerator.HEADER, rows.subList(0, 10),
                4096, "brotli");
        assertThatThrownBy(() -> text(file)).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("brotli.parquet").hasMessageContaining("BROTLI").hasMessageContaining("ZSTD");
    }
}
