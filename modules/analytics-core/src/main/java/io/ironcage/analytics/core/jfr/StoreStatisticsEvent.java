package io.ironcage.analytics.core.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

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
