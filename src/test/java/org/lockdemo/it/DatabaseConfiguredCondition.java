package org.lockdemo.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The condition behind {@link RequiresDatabase}: disables a class or method whose databases are
 * not all configured, naming every missing one. Stateless, so JUnit may call it from any thread.
 */
public final class DatabaseConfiguredCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresDatabase> requires = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresDatabase.class));
        if (requires.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresDatabase");
        }
        return evaluate(requires.get().value(), System.getenv());
    }

    /** Enabled when every database in {@code needed} is configured in {@code env}. */
    static ConditionEvaluationResult evaluate(TestDatabase[] needed, Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (TestDatabase db : needed) {
            db.missing(env).ifPresent(missing::add);
        }
        return missing.isEmpty() ? ConditionEvaluationResult.enabled("databases configured")
                : ConditionEvaluationResult.disabled(String.join("; ", missing));
    }
}
