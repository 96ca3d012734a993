package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** A store's running totals and buffer fill, once per period (1 s by default and in the template). */
@Name(StoreRecorder.NAMESPACE + "StoreStatistics")
@Label("Store Statistics")
@Category({"Iron Cage", "Analytics"})
@Description("Running totals and buffer fill of an Iron Cage analytics store, once per period")
@Period("1 s")
@StackTrace(false)
final class StoreStatisticsEvent extends jdk.jfr.Event {
    @Label("Store")
    @Description("Name of the analytics store")
    String store;

    @Label("Total Requests")
    @Description("Requests recorded, failed ones included (a count)")
    long totalRequests;

    @Label("Failed Requests")
    @Description("Failed requests recorded (a count)")
    long failedRequests;

    @Label("Input Tokens")
    @Description("Prompt tokens recorded (a count of tokens)")
    long inputTokens;

    @Label("Output Tokens")
    @Description("Completion tokens recorded (a count of tokens)")
    long outputTokens;

    @Label("Total Cost (microdollars)")
    @Description("Cost recorded, in microdollars (1 USD = 1,000,000)")
    long totalCostMicros;

    @Label("Unpriced Requests")
    @Description("Completed requests whose model had no price (a count)")
    long unpricedRequests;

    @Label("Cache Read Tokens")
    @Description("Prompt tokens read from the provider's cache (a count of tokens)")
    long cacheReadTokens;

    @Label("Cache Write Tokens")
    @Description("Prompt tokens written to the provider's cache, 5-minute and 1-hour together (a count of tokens)")
    long cacheWriteTokens;

    @Label("Reasoning Tokens")
    @Description("Completion tokens spent on reasoning (a count of tokens)")
    long reasoningTokens;

    @Label("Usage Missing")
    @Description("Completed requests recorded without usage (a count)")
    long usageMissing;

    @Label("Latency Count")
    @Description("Requests that gave a duration (a count)")
    long latencyCount;

    @Label("Latency p50")
    @Description("Median request duration over every model (0 when none was measured)")
    @Timespan(Timespan.NANOSECONDS)
    long latencyP50;

    @Label("Latency p99")
    @Description("99th percentile of the request durations over every model (0 when none was measured)")
    @Timespan(Timespan.NANOSECONDS)
    long latencyP99;

    @Label("Time To First Token p50")
    @Description("Median time to first token over every model (0 when none was measured)")
    @Timespan(Timespan.NANOSECONDS)
    long timeToFirstTokenP50;

    @Label("Time To First Token p99")
    @Description("99th percentile of the times to first token over every model (0 when none was measured)")
    @Timespan(Timespan.NANOSECONDS)
    long timeToFirstTokenP99;

    @Label("Recorded Events")
    @Description("Events of every kind accepted by the store (a count)")
    long recordedEvents;

    @Label("Buffer Size")
    @Description("Events in the buffer now")
    int bufferSize;

    @Label("Buffer Capacity")
    @Description("Events the buffer holds at most")
    int bufferCapacity;

    @Label("Buffer Fill")
    @Description("Buffer size as a fraction of its capacity")
    @Percentage
    double bufferFill;

    @Label("Dropped")
    @Description("Events dropped because the buffer was full (a count)")
    long dropped;

    @Label("Stream Dropped")
    @Description("Events the streaming receiver missed because it was full (a count)")
    long streamDropped;

    @Label("Unsynced")
    @Description("LLM events not yet delivered: buffered, in flight or waiting for a retry (a count)")
    long unsynced;

    @Label("Delivered")
    @Description("Events the sync client delivered, first deliveries only (a count)")
    long delivered;

    @Label("Duplicates")
    @Description("Events the server answered as already delivered (a count)")
    long duplicates;

    @Label("Evicted Local")
    @Description("Local events evicted to make room in a full buffer (a count)")
    long evictedLocal;

    @Label("Rejected")
    @Description("Events the server refused for good (a count)")
    long rejected;
}
