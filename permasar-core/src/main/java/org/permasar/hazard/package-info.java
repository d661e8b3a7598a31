/**
 * Hazards along engineering corridors (SCIENCE.md §6 "Thermokarst hazard inventory"; seed 002 §4.3, seed 004):
 * metric buffer rings around railway / highway / pipeline lines, counts, areas and densities of hazard features
 * (thaw slumps, thaw lakes) per ring, and the deformation profile by chainage along the line.
 *
 * <p>Every geometry here is in a projected CRS with metre units: buffers are never computed in degrees. Choosing
 * that CRS ({@link org.permasar.hazard.UtmZone}) is arithmetic; moving coordinates into it is done by the I/O
 * layer (Proj4J), which this package does not import.
 */
package org.permasar.hazard;
