/**
 * Version 1 of lockdemo's strategy interface: race your own Java get-or-create with
 * {@code lockdemo race --strategy-class com.acme.TagRepository --classpath app.jar}.
 *
 * <p>Implement {@link org.lockdemo.spi.v1.GetOrCreateStrategy}. The version is the package: a
 * later, incompatible interface will be {@code org.lockdemo.spi.v2}, and a lockdemo that has only
 * v1 refuses a class compiled against v2 in one line (and the other way round), rather than failing
 * with a linkage error in the middle of a run. Compile against lockdemo's jar with scope
 * "provided": the class runs inside lockdemo, which supplies this package and the JDBC drivers.
 * The manual is docs/strategy-classes.md.
 */
package org.lockdemo.spi.v1;
