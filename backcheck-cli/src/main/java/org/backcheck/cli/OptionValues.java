package org.backcheck.cli;

import java.util.function.Function;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.SqlDialect;
import org.backcheck.measure.sql.SqlGrain;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Options whose values are enums, read by the enum's own {@code fromId} (lower-case names, any case
 * accepted). A value that names none is a usage error whose message lists the values there are
 * ({@link UsageErrors} prints it).
 */
final class OptionValues {

    private OptionValues() {
    }

    static final class EngineValue implements ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            return read(value, Engine::fromId);
        }
    }

    static final class NullPolicyValue implements ITypeConverter<NullPolicy> {
        @Override
        public NullPolicy convert(String value) {
            return read(value, NullPolicy::fromId);
        }
    }

    static final class DialectValue implements ITypeConverter<SqlDialect> {
        @Override
        public SqlDialect convert(String value) {
            return read(value, SqlDialect::fromId);
        }
    }

    static final class GrainValue implements ITypeConverter<SqlGrain> {
        @Override
        public SqlGrain convert(String value) {
            return read(value, SqlGrain::fromId);
        }
    }

    private static <T> T read(String value, Function<String, T> fromId) {
        try {
            return fromId.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
