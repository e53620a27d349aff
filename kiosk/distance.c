/* distance.c — great-circle distance between the kiosk and an offer, and the
 * walking time we tell a resident. */
#include "distance.h"

#include <math.h>

/* Mean Earth radius (IUGG), in metres. */
static const double earth_radius_metres = 6371008.8;
/* Streets are not straight lines: walked distance is about 1.3 times the
 * great-circle distance inside a town. */
static const double street_detour_factor = 1.3;
/* 4 km/h: many residents walk slowly, and promising too little time makes
 * them late or makes them not go at all. */
static const double walking_metres_per_minute = 4000.0 / 60.0;

static double radians_from_degrees(double degrees)
{
	return degrees * (3.14159265358979323846 / 180.0);
}

double distance_metres(double latitude_a, double longitude_a, double latitude_b, double longitude_b)
{
	double phi_a = radians_from_degrees(latitude_a);
	double phi_b = radians_from_degrees(latitude_b);
	double half_delta_phi = radians_from_degrees(latitude_b - latitude_a) / 2.0;
	double half_delta_lambda = radians_from_degrees(longitude_b - longitude_a) / 2.0;
	double haversine = sin(half_delta_phi) * sin(half_delta_phi) + cos(phi_a) * cos(phi_b) *
	                                                                   sin(half_delta_lambda) *
	                                                                   sin(half_delta_lambda);
	/* Rounding can push it a hair outside [0, 1] for antipodal or equal
	 * points, and asin/sqrt would then give NaN. */
	if (haversine < 0.0)
		haversine = 0.0;
	if (haversine > 1.0)
		haversine = 1.0;
	return 2.0 * earth_radius_metres * asin(sqrt(haversine));
}

int distance_walking_minutes(double metres)
{
	if (!(metres > 0.0))
		return 1; /* also catches NaN */
	double minutes = ceil(metres * street_detour_factor / walking_metres_per_minute);
	/* Half the Earth's circumference is about 26,000 hours of walking, far
	 * below INT_MAX minutes; the cap only guards against absurd input. */
	if (minutes > 1000000000.0)
		return 1000000000;
	if (minutes < 1.0)
		return 1;
	return (int)minutes;
}

bool distance_is_in_netherlands(double latitude, double longitude)
{
	return latitude >= 50.7 && latitude <= 53.7 && longitude >= 3.2 && longitude <= 7.3;
}
