package org.lockdemo.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.lockdemo.race.WorkerThreads;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts {@code platform} and {@code virtual} for {@code --worker-threads}. */
public final class WorkerThreadsConverter implements ITypeConverter<WorkerThreads> {
    @Override
    public WorkerThreads convert(String value) {
        for (WorkerThreads w : WorkerThreads.values()) {
            if (w.id().equalsIgnoreCase(value.trim())) {
                return w;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a kind of worker thread; choose from "
                + Arrays.stream(WorkerThreads.values()).map(WorkerThreads::id).collect(Collectors.joining(", ")));
    }
}
