package org.permasar.cli.invert;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.permasar.pipeline.invert.CorrectedStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar correct-stack STACK --correction DIR/unwrapCorrection.h5 --out DIR}: a thin adapter over
 * {@link CorrectedStack} (the stack with the inversion's integer-cycle corrections applied, MintPy layout).
 */
@Command(name = "correct-stack", mixinStandardHelpOptions = true,
        description = {"Apply the integer-cycle unwrapping corrections that invert --unwrap-correction wrote "
                + "(unwrapCorrection.h5) to the interferogram stack and write the corrected stack in MintPy's layout, "
                + "DIR/ifgramStack.h5 (coherence, connectComponent, bperp and dropIfgram copied), for MintPy or a "
                + "later permasar invert."})
public final class CorrectStackCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STACK", description = "The interferogram stack the inversion read "
            + "(ifgramStack.h5, a HyP3 or LiCSAR folder).")
    Path stack;

    @Option(names = "--correction", required = true, paramLabel = "FILE", description = "unwrapCorrection.h5 written "
            + "by invert --unwrap-correction.")
    Path correction;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        System.out.println(CorrectedStack.write(stack, correction, out).summary());
        return 0;
    }
}
