package net.rudp.core;

import java.util.List;

/**
 * What one evaluation scenario measured.
 *
 * @param scenario           the scenario, as the table names it
 * @param controllers        each flow's controller, in flow order
 * @param goodput            each flow's goodput (stream bytes read by the receiver), bits per second
 * @param utilization        the bottleneck's busy fraction (datagram bytes it delivered / its capacity)
 * @param retransmissionRate each flow's retransmitted bytes per byte sent, over the whole run
 * @param jain               Jain's fairness index of the goodputs; NaN for one flow
 * @param startupGoodput     a lone flow's goodput over its first seconds, bits per second; NaN for several flows
 * @param problems           what went wrong with the data or the connections; empty when nothing did
 */
record EvalResult(String scenario, List<String> controllers, List<Double> goodput, double utilization,
                  List<Double> retransmissionRate, double jain, double startupGoodput, List<String> problems) {

    /** Jain's index (Σx)² / (n·Σx²): 1 when all are equal, 1/n when one flow has everything. */
    static double jain(List<Double> xs) {
        double sum = 0;
        double squares = 0;
        for (double x : xs) {
            sum += x;
            squares += x * x;
        }
        return squares == 0 ? Double.NaN : sum * sum / (xs.size() * squares);
    }

    double totalGoodput() {
        return goodput.stream().mapToDouble(Double::doubleValue).sum();
    }
}
