/**
 * A small program that uses the library exactly as an application does, started by
 * {@code .ci/run} outside Surefire as a named module and on the class path.
 */
module io.ironcage.analytics.smoke {
    requires io.ironcage.analytics;
    requires java.management;
}
