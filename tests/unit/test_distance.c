/* test_distance.c — great-circle distances against known Dutch city pairs and
 * the walking-time rule (1.3 detour, 4 km/h, rounded up, at least 1). */
#include "test_support.h"

#include <math.h>

#include "distance.h"

static const double utrecht_centraal[2] = {52.0894, 5.1100};
static const double amsterdam_centraal[2] = {52.3791, 4.9003};
static const double rotterdam_centraal[2] = {51.9244, 4.4690};
static const double groningen_station[2] = {53.2109, 6.5645};

static void assert_within_percent(double actual, double expected, double percent)
{
	double tolerance = expected * percent / 100.0;
	if (fabs(actual - expected) > tolerance)
		fail_msg("%.1f m is not within %.1f%% of %.1f m", actual, percent, expected);
}

static double between(const double a[2], const double b[2])
{
	return distance_metres(a[0], a[1], b[0], b[1]);
}

static void known_city_pairs(void **state)
{
	(void)state;
	/* Straight-line distances as published for these stations. */
	assert_within_percent(between(utrecht_centraal, amsterdam_centraal), 35000.0, 1.0);
	assert_within_percent(between(amsterdam_centraal, rotterdam_centraal), 57800.0, 2.0);
	assert_within_percent(between(amsterdam_centraal, groningen_station), 145000.0, 2.0);
}

static void symmetric_and_zero(void **state)
{
	(void)state;
	double there = between(utrecht_centraal, amsterdam_centraal);
	double back = between(amsterdam_centraal, utrecht_centraal);
	assert_true(fabs(there - back) < 1e-6);
	assert_true(between(utrecht_centraal, utrecht_centraal) < 1e-6);
	double antipodes = distance_metres(0.0, 0.0, 0.0, 180.0);
	assert_true(antipodes == antipodes); /* not NaN */
}

static void meridian_degree_and_half_circumference(void **state)
{
	(void)state;
	const double radius = 6371008.8;
	const double pi = 3.14159265358979323846;
	/* Along a meridian a degree of latitude is radius * pi / 180. */
	assert_true(fabs(distance_metres(52.0, 5.0, 53.0, 5.0) - radius * pi / 180.0) < 0.01);
	/* Antipodes are half the circumference apart (rounding must not NaN). */
	assert_true(fabs(distance_metres(0.0, 0.0, 0.0, 180.0) - radius * pi) < 1.0);
	assert_true(fabs(distance_metres(90.0, 0.0, -90.0, 0.0) - radius * pi) < 1.0);
	/* A short hop inside a town: 300 m north is about 0.0027 degrees. */
	double hop = distance_metres(52.0, 5.0, 52.0 + 300.0 / (radius * pi / 180.0), 5.0);
	assert_true(fabs(hop - 300.0) < 0.01);
}

static void walking_minutes(void **state)
{
	(void)state;
	/* 1000 m * 1.3 at 66.67 m/min = 19.5 minutes, rounded up. */
	assert_int_equal(distance_walking_minutes(1000.0), 20);
	assert_int_equal(distance_walking_minutes(500.0), 10);
	assert_int_equal(distance_walking_minutes(10000.0), 195);
	/* Just under and just over one minute of walking. */
	assert_int_equal(distance_walking_minutes(51.28), 1);
	assert_int_equal(distance_walking_minutes(51.29), 2);
	/* Never zero minutes, also for nonsense input. */
	assert_int_equal(distance_walking_minutes(0.0), 1);
	assert_int_equal(distance_walking_minutes(-5.0), 1);
	assert_int_equal(distance_walking_minutes(NAN), 1);
	assert_true(distance_walking_minutes(1e300) > 0);
	/* Utrecht to Amsterdam on foot: about 35 km * 1.3 / 4 km/h = ~11.4 h. */
	int minutes = distance_walking_minutes(between(utrecht_centraal, amsterdam_centraal));
	assert_in_range(minutes, 680, 700);
}

static void netherlands_box(void **state)
{
	(void)state;
	assert_true(distance_is_in_netherlands(utrecht_centraal[0], utrecht_centraal[1]));
	assert_true(distance_is_in_netherlands(groningen_station[0], groningen_station[1]));
	assert_true(distance_is_in_netherlands(50.85, 5.69));    /* Maastricht */
	assert_false(distance_is_in_netherlands(52.52, 13.40));  /* Berlin */
	assert_false(distance_is_in_netherlands(12.11, -68.93)); /* Willemstad, Curaçao */
	assert_false(distance_is_in_netherlands(0.0, 0.0));
	assert_true(distance_is_in_netherlands(50.7, 3.2));
	assert_true(distance_is_in_netherlands(53.7, 7.3));
	assert_false(distance_is_in_netherlands(53.71, 5.0));
	assert_false(distance_is_in_netherlands(52.0, 3.19));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(known_city_pairs),
	    cmocka_unit_test(symmetric_and_zero),
	    cmocka_unit_test(meridian_degree_and_half_circumference),
	    cmocka_unit_test(walking_minutes),
	    cmocka_unit_test(netherlands_box),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
