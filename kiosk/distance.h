/* distance.h — how far an offer is from the kiosk: great-circle distance and
 * the walking time a resident should expect. */
#ifndef KIOSK_DISTANCE_H
#define KIOSK_DISTANCE_H

#include <stdbool.h>

/* Great-circle (haversine) distance in metres between two points given in
 * decimal degrees. */
double distance_metres(double latitude_a, double longitude_a, double latitude_b,
                       double longitude_b);

/* Walking minutes for `metres` of great-circle distance: streets are not
 * straight (factor 1.3) and many residents walk slowly (4 km/h); rounded up,
 * at least 1. */
int distance_walking_minutes(double metres);

/* True when the point lies in the Netherlands' bounding box (with the
 * Caribbean parts excluded): latitude 50.7..53.7, longitude 3.2..7.3. */
bool distance_is_in_netherlands(double latitude, double longitude);

#endif
