/**
 * The analytics store and its data: {@link io.ironcage.analytics.EventStore} records LLM usage
 * events without blocking, keeps exact running totals, and buffers events for delivery.
 *
 * <p>Start at {@link io.ironcage.analytics.Analytics}. Money is always integer microdollars
 * (1 USD = 1,000,000 micros); {@code ...Usd()} helpers convert for display only.
 *
 * <p>Null policy: parameters documented as "may be null" accept null; every other reference
 * parameter rejects null with a {@link java.lang.NullPointerException} naming it.
 */
package io.ironcage.analytics;
