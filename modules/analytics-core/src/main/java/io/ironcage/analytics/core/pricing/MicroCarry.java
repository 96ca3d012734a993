package io.ironcage.analytics.core.pricing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns exact femto-USD costs into whole microdollars per event without drift: the sub-microdollar
 * parts are carried, so the microdollars handed out for a sequence of costs always sum to the
 * exact total rounded down, however the calls interleave. One instance per model (or whatever
 * the store sums per). Thread-safe and lock-free: one {@link AtomicLong#getAndAdd} per call with
 * a remainder.
 *
 * <p>Example: 1,000,000 events of 1.5 microdollars each are assigned 1 and 2 microdollars in
 * turn, 1,500,000 in all, where rounding each event down alone would lose a third.
 *
 * <p>How: {@code pending} accumulates the remainders ({@code femtos mod 10^9}). A call that moves
 * it from {@code before} to {@code after} hands out {@code floor(after / 10^9) - floor(before /
 * 10^9)} extra microdollars: the microdollar boundaries its own remainder crossed.
 *
 * <p>Memory ordering: every update of {@code pending} is an atomic read-modify-write, and all
 * read-modify-writes of one variable form a single total order in which each one reads the value
 * the previous one wrote. The {@code [before, after)} steps of all calls therefore chain end to
 * end, and the extras telescope: their sum is {@code floor(pending / 10^9)} plus whatever was
 * drained (below), exactly. Nothing else is published through this variable, so no further
 * happens-before edges are needed.
 *
 * <p>Overflow: each call adds less than 10<sup>9</sup>, so {@code pending} would need more than
 * 4.6 billion calls before it reached 2<sup>62</sup>. The one call whose step crosses 2<sup>62</sup>
 * (its {@code before} is at or below, its {@code after} above) then subtracts {@link #DRAIN}, a
 * multiple of 10<sup>9</sup>, with one more atomic add. Subtracting whole microdollars lowers
 * every later {@code floor} by the same count, so the telescoping sum stays exact, and since only
 * a crossing call drains, and a crossing needs the value to fall back below 2<sup>62</sup> first,
 * {@code pending} stays between 0 and about 1.5 &times; 2<sup>62</sup>: it never wraps, however
 * long the store runs.
 */
public final class MicroCarry {

    static final long FEMTOS_PER_MICRO = CoreModelPrice.FEMTOS_PER_MICRO;
    /** Above this, the crossing call drains. */
    static final long HIGH_WATER = 1L << 62;
    /** What the crossing call drains: the largest multiple of 10^9 not above 2^61. */
    static final long DRAIN = (1L << 61) / FEMTOS_PER_MICRO * FEMTOS_PER_MICRO;

    private final AtomicLong pending;

    /** A carry with nothing pending. */
    public MicroCarry() {
        this(0);
    }

    /** For tests: a carry that starts with the given femto-USD pending. */
    MicroCarry(long initialPendingFemtos) {
        this.pending = new AtomicLong(initialPendingFemtos);
    }

    /**
     * Adds an event's exact cost and returns the microdollars to assign to that event.
     *
     * @param femtos the event's cost in femto-USD, not negative
     * @return {@code femtos / 10^9} plus 0 or more carried microdollars
     * @throws IllegalArgumentException if {@code femtos} is negative
     */
    public long add(long femtos) {
        if (femtos < 0) {
            throw new IllegalArgumentException("femtos must be >= 0 but was " + femtos);
        }
        long micros = femtos / FEMTOS_PER_MICRO;
        long remainder = femtos - micros * FEMTOS_PER_MICRO;
        if (remainder == 0) {
            return micros;
        }
        long before = pending.getAndAdd(remainder);
        long after = before + remainder;
        if (before <= HIGH_WATER && after > HIGH_WATER) {
            pending.getAndAdd(-DRAIN);
        }
        return micros + (Math.floorDiv(after, FEMTOS_PER_MICRO) - Math.floorDiv(before, FEMTOS_PER_MICRO));
    }

    /**
     * Returns the carried part not yet handed out.
     *
     * @return femto-USD, in {@code [0, 10^9)}
     */
    public long pendingFemtos() {
        return Math.floorMod(pending.get(), FEMTOS_PER_MICRO);
    }

    /** For tests: the raw accumulator. */
    long accumulator() {
        return pending.get();
    }

    @Override
    public String toString() {
        return "MicroCarry[pendingFemtos=" + pendingFemtos() + "]";
    }
}
