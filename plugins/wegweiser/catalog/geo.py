"""Distances on the earth's surface, as the search page computes them in the browser."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def route_url(lat: float, lon: float) -> str:
    """A route planner link (OpenStreetMap directions) to a place; a plain link, nothing embedded."""
    return f"https://www.openstreetmap.org/directions?to={lat}%2C{lon}"
