/*
 * test_data.h — chapter 3's test data, one source of truth for what the
 * public tests (test_public.c) and the grader's tests share: example inputs
 * and golden values (from bc: tests/golden/03-sinusoidal.bc, checked by
 * `python3 -m kit golden --check`). Only data the public tests show.
 * Expected values exist only in the judge's build (KIT_JUDGE, see kit_test.h).
 */
#ifndef CH03_SINUSOIDAL_TEST_DATA_H
#define CH03_SINUSOIDAL_TEST_DATA_H

#ifdef KIT_JUDGE
/* The worked example, n = 5, d = 8, base 10000, computed with bc in
   60-digit arithmetic (tests/golden/03-sinusoidal.bc). Row pos holds
   PE(pos, 0..7). */
static const double golden_pe_5x8[40] = {
    0, 1, 0, 1,
    0, 1, 0, 1,
    0.8414709848078965, 0.54030230586813977, 0.099833416646828155, 0.99500416527802582,
    0.0099998333341666645, 0.99995000041666526, 0.00099999983333334168, 0.99999950000004167,
    0.90929742682568171, -0.41614683654714241, 0.19866933079506122, 0.98006657784124163,
    0.01999866669333308, 0.99980000666657776, 0.0019999986666669333, 0.99999800000066663,
    0.14112000805986721, -0.98999249660044542, 0.2955202066613396, 0.95533648912560598,
    0.02999550020249566, 0.99955003374898754, 0.0029999955000020251, 0.999995500003375,
    -0.7568024953079282, -0.65364362086361194, 0.38941834230865047, 0.9210609940028851,
    0.039989334186634161, 0.99920010666097792, 0.0039999893333418669, 0.99999200001066668
};
#endif /* KIT_JUDGE */

#endif /* CH03_SINUSOIDAL_TEST_DATA_H */
