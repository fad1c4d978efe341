package org.lockdemo.it;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips the annotated test class or method, with the reason, when one of the named databases is
 * not configured (see {@link TestDatabase}). On a class it skips the whole class, its
 * {@code @BeforeAll} included. {@code .ci/run} configures every database, so CI skips nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(DatabaseConfiguredCondition.class)
public @interface RequiresDatabase {
    /** The databases the test needs, besides the embedded PostgreSQL. */
    TestDatabase[] value();
}
