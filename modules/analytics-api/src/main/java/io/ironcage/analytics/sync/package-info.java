/**
 * Delivery of LLM events to the Iron Cage Control API (Protocol 012): configure with
 * {@link io.ironcage.analytics.sync.SyncConfig}, create a client with
 * {@link io.ironcage.analytics.Analytics#newSyncClient}, start it, close it.
 */
package io.ironcage.analytics.sync;
