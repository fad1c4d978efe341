package org.lockdemo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockdemo.strategy.StrategyKind;
import picocli.CommandLine.TypeConversionException;

class StrategyChoiceTest {
    private final StrategyChoice.Converter converter = new StrategyChoice.Converter();

    private List<StrategyKind> resolve(String dialectId, List<String> notRun, String... values) {
        List<StrategyChoice> choices = Arrays.stream(values).map(converter::convert).toList();
        return StrategyChoice.resolve(choices, dialectId, IllegalStateException::new, notRun::add);
    }

    @Test
    void idsAnyCaseAndAllAreAccepted() {
        assertEquals(StrategyKind.CREATE_FIRST, converter.convert(" Create-First ").kind());
        assertEquals(StrategyChoice.ALL, converter.convert("ALL"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("optimistic"));
        assertTrue(e.getMessage().startsWith("'optimistic' is not a strategy; choose from naive, "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" or all"), e.getMessage());
    }

    @Test
    void theChosenRunInCanonicalOrderOnce() {
        List<String> notRun = new ArrayList<>();
        assertEquals(List.of(StrategyKind.NAIVE, StrategyKind.SAVEPOINT, StrategyKind.UPSERT),
                resolve("postgresql", notRun, "upsert", "savepoint", "naive", "savepoint"));
        assertEquals(List.of(), notRun);
        assertEquals(List.of(StrategyKind.values()), resolve("postgresql", notRun, "all"));
    }

    @Test
    void allLeavesOutWhatCannotRunAndSaysSoButANamedOneIsRefused() {
        List<String> notRun = new ArrayList<>();
        List<StrategyKind> onMysql = resolve("mysql", notRun, "all");
        assertEquals(StrategyKind.values().length - 1, onMysql.size());
        assertEquals(1, notRun.size());
        assertTrue(notRun.get(0).startsWith("Not run: upsert-returning: "), notRun.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> resolve("mysql", new ArrayList<>(), "upsert-returning"));
        assertTrue(e.getMessage().startsWith("--strategy upsert-returning cannot run on mysql: "), e.getMessage());
    }
}
