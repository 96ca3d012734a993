/**
 * The service interface that the implementation module provides. Applications never call it:
 * they use {@link io.ironcage.analytics.Analytics}.
 */
package io.ironcage.analytics.spi;
