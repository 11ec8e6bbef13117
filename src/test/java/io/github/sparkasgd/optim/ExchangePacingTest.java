package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The automatic exchange interval grows to cover an exchange's fixed cost, within its bounds. */
class ExchangePacingTest {
  @Test
  void growsUntilTheStepsTakeTenTimesTheExchange() {
    // 1,000 steps in 0.2 ms (5M steps/s) against a 0.5 ms exchange: 10 x 0.5 ms of steps is 25,000.
    ExchangePacing pacing = new ExchangePacing(1000, true, 10_000_000);
    pacing.observe(1000, 0.7e-3, 0.5e-3);
    // The first cycle stalled (0.7 ms for 1,000 steps): the rate read is 1.43M/s, so 7,143 steps.
    assertEquals(7143, pacing.interval());
    pacing.observe(7143, 7143 / 5e6 + 0.05e-3, 0.5e-3);
    pacing.observe(22_000, 22_000 / 5e6, 0.5e-3);
    assertEquals(25_000, pacing.interval());
  }

  @Test
  void keepsSixteenExchangesPerPassAndNeverFallsBelowTheBase() {
    ExchangePacing pacing = new ExchangePacing(1000, true, 160_000);
    pacing.observe(1000, 1e-4, 1.0); // a slow exchange: the pass's 16th is the most
    assertEquals(10_000, pacing.interval());
    pacing.observe(10_000, 1.0, 1e-9); // a free exchange: back to the base, not below it
    assertEquals(1000, pacing.interval());
    ExchangePacing small = new ExchangePacing(1000, true, 5000);
    small.observe(1000, 1e-4, 1.0); // fewer rows than 16 intervals: the base stands
    assertEquals(1000, small.interval());
  }

  @Test
  void aFixedIntervalStaysFixed() {
    ExchangePacing pacing = new ExchangePacing(1000, false, 10_000_000);
    pacing.observe(1000, 0.2e-3, 0.5e-3);
    assertEquals(1000, pacing.interval());
  }
}
