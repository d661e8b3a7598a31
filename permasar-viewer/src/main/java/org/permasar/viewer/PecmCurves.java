package org.permasar.viewer;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The physical PECM model (Chen et al. 2018; SCIENCE.md §2) of a clicked pixel, for the viewer to draw over
 * the series. The viewer knows no fit settings (the LST file, κ_f/κ_t, HANTS harmonics, vertical or LOS): the
 * program that starts it supplies this, usually by evaluating {@code FitStep.pecmCurveAt} (permasar-pipeline)
 * with the parameters of the run that wrote the folder, so that the viewer draws exactly the model of the
 * maps. Implementations must be thread-safe (requests are served concurrently).
 */
@FunctionalInterface
public interface PecmCurves {
    /** No PECM model anywhere (a MintPy folder, or a folder without the run's configuration). */
    PecmCurves NONE = (timeseries, row, col) -> null;

    /**
     * The model at one pixel of one time-series file.
     *
     * @param label   what the curve is, e.g. "PECM c + v·L + d·I (asc/pecm, LOS)"
     * @param metres  model value at each date of the series, the series' unit (m, LOS); NaN where none
     * @param forcing the seasonal regressor I(τ) at each date, √(°C·day); NaN where none
     */
    record Curve(String label, float[] metres, float[] forcing) {
    }

    /**
     * @param timeseries real path of a {@code timeseries*.h5} inside the viewed folder
     * @param row        pixel row in that file's grid
     * @param col        pixel column in that file's grid
     * @return the curve, or null when this file has no PECM fit
     */
    Curve at(Path timeseries, int row, int col) throws IOException;
}
