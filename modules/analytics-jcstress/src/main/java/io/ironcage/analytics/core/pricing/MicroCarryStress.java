package io.ironcage.analytics.core.pricing;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;

/** jcstress checks of {@link MicroCarry}: concurrent adds hand out every carried microdollar exactly once. */
final class MicroCarryStress {

    private MicroCarryStress() {}

    /**
     * Property: two adds of 0.7 microdollars hand out exactly 1 microdollar between them and leave
     * 0.4 pending (sum of returned micros + carry == sum of femtos / 10^9). Why: a lost update of the
     * carry loses a microdollar of cost; two threads both crossing the boundary count it twice.
     */
    @JCStressTest
    @Description("Two concurrent adds of 0.7 micro: one of them hands out the crossed microdollar, 0.4 stays pending.")
    @Outcome(id = "0, 1, 400000000", expect = ACCEPTABLE, desc = "actor 1 added first, actor 2 crossed the boundary")
    @Outcome(id = "1, 0, 400000000", expect = ACCEPTABLE, desc = "actor 2 added first, actor 1 crossed the boundary")
    @State
    public static class Carry {
        private final MicroCarry carry = new MicroCarry();

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = carry.add(700_000_000L);
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = carry.add(700_000_000L);
        }

        @Arbiter
        public void pending(JJJ_Result r) {
            r.r3 = carry.pendingFemtos();
        }
    }

    /**
     * Property: when both adds cross the drain threshold's neighbourhood, exactly one drains (the
     * accumulator drops by DRAIN once) and the handed-out micros still telescope exactly. Why: a
     * double drain or none would shift every later floor, handing out a microdollar too few or too
     * many; the accumulator must also never wrap.
     */
    @JCStressTest
    @Description("Two concurrent adds across 2^62: one drain, exact micros, exact remainder.")
    @Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "actor 2 crossed the microdollar boundary; drained once")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "actor 1 crossed the microdollar boundary; drained once")
    @State
    public static class Drain {
        /**
         * 0.3 micro (300 000 000 femtos) below the high water mark, so the first add (0.7 micro)
         * crosses it and the pair crosses one microdollar.
         */
        private static final long START = MicroCarry.HIGH_WATER - 300_000_000L;
        private final MicroCarry carry = new MicroCarry(START);

        @Actor
        public void first(JJJ_Result r) {
            r.r1 = carry.add(700_000_000L);
        }

        @Actor
        public void second(JJJ_Result r) {
            r.r2 = carry.add(700_000_000L);
        }

        /** r3: 1 if the accumulator is START + both remainders - exactly one DRAIN and the remainder is exact, else 0. */
        @Arbiter
        public void drains(JJJ_Result r) {
            long expected = START + 1_400_000_000L - MicroCarry.DRAIN;
            boolean exact = carry.accumulator() == expected
                    && carry.pendingFemtos() == Math.floorMod(START + 1_400_000_000L, MicroCarry.FEMTOS_PER_MICRO);
            r.r3 = exact ? 1 : 0;
        }
    }
}
